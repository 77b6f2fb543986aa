import type { LocalStack } from "../../../src/engine/local-stack";
import { AppWebhook } from "../../../src/heroku/app-webhook";
import { AlertSource } from "../../../src/squadcast/alert-source";
import { useSandboxStacks } from "../../support/use-sandbox-stack";

// Credentials travel only over TLS, except to this machine: an endpoint override with plain http to any
// other host fails `pulumi preview` at configure time, before the provider makes a single request. The
// hosts are under `.invalid`, which never resolves, so a regression fails on DNS instead of sending a key.

const CLEARTEXT =
  "must use https: plain http is accepted only to a loopback address (127.0.0.0/8, ::1, localhost), " +
  "because the API key or token sent to it would otherwise cross the network in clear text";

// What a connection attempt to a `.invalid` host would have printed.
const CONNECTION_ATTEMPT = /ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED/;

async function previewError(local: LocalStack): Promise<string> {
  let output = "";
  const collect = (text: string) => (output += text);
  const error = await local.stack.preview({ onOutput: collect, onError: collect }).then(
    () => undefined,
    (failure: unknown) => (failure instanceof Error ? failure.message : String(failure)),
  );
  expect(error).toEqual(expect.any(String));
  return `${error}\n${output}`;
}

function program(app: string) {
  return async () => {
    const source = new AlertSource("source", { service: { name: "demo-service", team: "Default Team" } });
    new AppWebhook("webhook", { app, url: source.webhookUrl, entities: ["api:build"] });
  };
}

describe("plain http endpoints on the real engine", () => {
  const { sandbox, openStack } = useSandboxStacks();

  beforeAll(async () => {
    await sandbox.admin.createHerokuApp("transport-app");
  });

  test("an environment override to a host that is not loopback fails the first preview, with no request", async () => {
    const local = await openStack({
      projectName: "transport-env",
      env: { ...sandbox.env, HEROKU_API_URL: "http://heroku-api.invalid:8080" },
      program: program("transport-app"),
    });
    await sandbox.admin.clearRequests();

    const text = await previewError(local);

    expect(text).toContain(`HEROKU_API_URL ${CLEARTEXT}`);
    expect(text).not.toMatch(CONNECTION_ATTEMPT);
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test.each([
    ["herokuSquadcast:herokuApiUrl", "http://heroku-api.invalid:8080"],
    ["herokuSquadcast:squadcastApiUrl", "http://squadcast-api.invalid"],
    ["herokuSquadcast:squadcastAuthUrl", "http://auth.squadcast.invalid/"],
  ])(
    "a stack config override %s to %s fails the preview of a deployed stack, with no request",
    async (key, url) => {
      const local = await openStack({ projectName: "transport-config", program: program("transport-app") });
      await local.stack.up();
      await local.stack.setConfig(key, { value: url });
      await sandbox.admin.clearRequests();

      const text = await previewError(local);

      expect(text).toContain(`${key} ${CLEARTEXT}`);
      expect(text).not.toMatch(CONNECTION_ATTEMPT);
      expect(await sandbox.admin.requests()).toEqual([]);

      // Without the override, the same stack previews clean and is destroyed.
      await local.stack.removeConfig(key);
      const preview = await local.stack.preview();
      expect(preview.changeSummary).toEqual({ same: 3 });
      await local.stack.destroy();
    },
  );
});
