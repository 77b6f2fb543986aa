import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { IMPLEMENTATION_MODULE, providerStub } from "../../../src/resource-kit/stub";

/** The text Pulumi stores as `__provider` in every resource's state, serialized exactly as the SDK does. */
async function serializedStub(resourceType: string): Promise<string> {
  const stub = providerStub(resourceType);
  return (await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: true })).text;
}

// The stub's text is written into every resource's state and run again by refresh and destroy after an
// upgrade, so it must stay tiny, portable between machines, and free of anything that evolves.
describe("the serialized provider stub", () => {
  let text: string;

  beforeAll(async () => {
    text = await serializedStub("heroku:AppWebhook");
  });

  test("is under 4 KB", () => {
    expect(Buffer.byteLength(text, "utf8")).toBeLessThan(4096);
  });

  test("holds no absolute path of this machine", () => {
    const repositoryRoot = path.resolve(__dirname, "../../..");
    expect(text).not.toContain(repositoryRoot);
    expect(text).not.toContain(os.tmpdir());
    expect(text).not.toContain(os.homedir());
    expect(text).not.toMatch(/["'`]\/(?:[\w.-]+\/)+/);
  });

  test("requires nothing but the implementation module, by package name", () => {
    const required = [...text.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual([IMPLEMENTATION_MODULE]);
  });

  test("carries nothing of the implementation", () => {
    for (const fragment of [
      "AppWebhookProvider",
      "AlertSourceProvider",
      "ProviderContext",
      "HerokuClient",
      "SquadcastClient",
      "zod",
      "axios",
      "api.heroku.com",
      "squadcast.com",
      "Bearer",
      "__awaiter",
    ]) {
      expect(text).not.toContain(fragment);
    }
  });

  test("serializes every method of the provider contract", () => {
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(text).toMatch(new RegExp(`\\b${method}: __f\\d+`));
    }
  });

  test("is the same text every time, so state is not rewritten without a reason", async () => {
    expect(await serializedStub("heroku:AppWebhook")).toBe(text);
  });

  test("differs between resource types only by the type name", async () => {
    const alertSource = await serializedStub("squadcast:AlertSource");
    expect(alertSource).not.toBe(text);
    expect(alertSource.replace("squadcast:AlertSource", "heroku:AppWebhook")).toBe(text);
  });
});
