import * as fs from "node:fs";
import * as path from "node:path";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { HEROKU_DEDUP_KEY_TEMPLATE } from "../../../src/mapping";
import { openCliStack, type CliStack } from "../../../src/engine/cli-stack";
import { useSandboxStacks } from "../../support/use-sandbox-stack";
import {
  activeSourceNames,
  configurePluginForSandbox,
  installPluginGlobally,
  pathWith,
  stateResourcesOf,
} from "../harness/plugin-install";

// `pulumi import` through the CLI and the provider plugin: a webhook made by hand through the Heroku API
// (named by Terraform's `<app>:<webhook id>`), an alert source already active on a service and the
// service's Heroku dedup-key overlay set by hand (both named `<service id>/<short name>`), imported into a
// YAML program that declares them as they are.

const APP = SANDBOX_FIXTURE.heroku.appName;
const ACTIVE_SOURCE = SANDBOX_FIXTURE.squadcast.preexistingAlertSource;
const BY_HAND_URL = "https://hooks.example.com/by-hand";

describe("pulumi import of an app webhook, an alert source and a dedup-key overlay, through the plugin", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let stack: CliStack;
  let projectDir: string;
  let serviceId: string;
  let webhookId: string;
  let untouchedWebhookId: string;

  async function webhookByHand(url: string): Promise<string> {
    const response = await fetch(`${sandbox.env.HEROKU_API_URL}/apps/${APP}/webhooks`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.env.HEROKU_API_KEY}`,
        accept: "application/vnd.heroku+json; version=3",
        "content-type": "application/json",
      },
      body: JSON.stringify({ url, include: ["api:release", "api:build"], level: "sync" }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    const work = temporaryDirectory("heroku-squadcast-import-");
    const plugin = await installPluginGlobally(work);
    webhookId = await webhookByHand(BY_HAND_URL);
    untouchedWebhookId = await webhookByHand("https://hooks.example.com/someone-else");
    serviceId = (await sandbox.admin.squadcastServices()).find(
      (service) => service.name === SANDBOX_FIXTURE.squadcast.serviceName,
    )!.id;
    // As a service's owner sets deduplication up by hand: the overlay, then the service's switch.
    await sandbox.admin.setDedupKeyOverlay(serviceId, HEROKU_DEDUP_KEY_TEMPLATE, 45);
    await sandbox.admin.setDeduplication(serviceId, true);
    projectDir = path.join(work, "project");
    fs.mkdirSync(projectDir);
    // The program as a user writes it after importing: the resources as they are.
    fs.writeFileSync(
      path.join(projectDir, "Pulumi.yaml"),
      [
        "name: heroku-squadcast-import",
        "runtime: yaml",
        "resources:",
        "  source:",
        "    type: heroku-squadcast:squadcast:AlertSource",
        "    properties:",
        `      service: { id: ${serviceId} }`,
        `      shortName: ${ACTIVE_SOURCE}`,
        "  hook:",
        "    type: heroku-squadcast:heroku:AppWebhook",
        "    properties:",
        `      app: ${APP}`,
        `      url: ${BY_HAND_URL}`,
        '      entities: ["api:build", "api:release"]',
        "      level: sync",
        "  dedup:",
        "    type: heroku-squadcast:squadcast:DedupKeyOverlay",
        "    properties:",
        `      service: { id: ${serviceId} }`,
        "      windowMinutes: 45",
        "",
      ].join("\n"),
    );
    stack = disposeAfter(await openCliStack({ projectDir, env: { PATH: pathWith(plugin) } }));
    await configurePluginForSandbox(stack, sandbox.env);
  }, 300_000);

  test("imports the three by id, reading no secret it cannot see", async () => {
    const importFile = path.join(projectDir, "..", "import.json");
    fs.writeFileSync(
      importFile,
      JSON.stringify({
        resources: [
          { type: "heroku-squadcast:heroku:AppWebhook", name: "hook", id: `${APP}:${webhookId}` },
          {
            type: "heroku-squadcast:squadcast:AlertSource",
            name: "source",
            id: `${serviceId}/${ACTIVE_SOURCE}`,
          },
          { type: "heroku-squadcast:squadcast:DedupKeyOverlay", name: "dedup", id: `${serviceId}/heroku` },
        ],
      }),
    );
    const since = (await sandbox.admin.requests()).at(-1)?.seq ?? 0;
    const { stdout } = await stack.succeed([
      "import",
      "--file",
      importFile,
      "--protect=false",
      "--generate-code=false",
      "--yes",
      "--non-interactive",
    ]);
    expect(stdout).toContain("3 imported");
    const writes = (await sandbox.admin.requests(since)).filter((request) => request.method !== "GET");
    expect(writes).toEqual([]);
    const hook = stateResourcesOf(stack).find(
      (resource) => resource.type === "heroku-squadcast:heroku:AppWebhook",
    )!;
    expect(hook.outputs).toMatchObject({ webhookId, appName: APP, level: "sync", origin: "adopted-by-id" });
    expect(hook.outputs).not.toHaveProperty("secret");
    expect(hook.outputs).not.toHaveProperty("signingSecret");
    expect(hook.inputs).not.toHaveProperty("secret");
    const source = stateResourcesOf(stack).find(
      (resource) => resource.type === "heroku-squadcast:squadcast:AlertSource",
    )!;
    expect(source.outputs).toMatchObject({ serviceId, shortName: ACTIVE_SOURCE, origin: "imported" });
    const dedup = stateResourcesOf(stack).find(
      (resource) => resource.type === "heroku-squadcast:squadcast:DedupKeyOverlay",
    )!;
    expect(dedup.outputs).toMatchObject({
      serviceId,
      shortName: "heroku",
      template: HEROKU_DEDUP_KEY_TEMPLATE,
      windowMinutes: 45,
      origin: "imported",
      previousDedupKeyEnabled: true,
    });
    // What the program must hold, so the next preview shows no change (the defaults' values included).
    expect(dedup.inputs).toMatchObject({
      template: HEROKU_DEDUP_KEY_TEMPLATE,
      windowMinutes: 45,
      takeOver: false,
    });
  });

  test("then preview --expect-no-changes passes", async () => {
    await stack.succeed(["preview", "--expect-no-changes", "--non-interactive"]);
  });

  test("then up makes no POST (and no other write)", async () => {
    const since = (await sandbox.admin.requests()).at(-1)?.seq ?? 0;
    const { stdout } = await stack.succeed(["up", "--yes", "--non-interactive"]);
    expect(stdout).not.toMatch(/\d+ (created|updated|replaced)/);
    const writes = (await sandbox.admin.requests(since)).filter((request) => request.method !== "GET");
    expect(writes).toEqual([]);
  });

  test("destroy removes exactly the imported webhook, alert source and overlay", async () => {
    await stack.succeed(["destroy", "--yes", "--non-interactive"]);
    expect((await sandbox.admin.herokuWebhooks(APP)).map((webhook) => webhook.id)).toEqual([
      untouchedWebhookId,
    ]);
    expect(await activeSourceNames(sandbox, serviceId)).not.toContain(ACTIVE_SOURCE);
    expect(await sandbox.admin.dedupKeyOverlay(serviceId)).toBeNull();
  });
});
