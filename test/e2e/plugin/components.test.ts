import * as fs from "node:fs";
import * as path from "node:path";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { openCliStack, type CliStack } from "../../../src/engine/cli-stack";
import { useSandboxStacks } from "../../support/use-sandbox-stack";
import {
  activeSourceNames,
  configurePluginForSandbox,
  installPluginGlobally,
  pathWith,
  stateResourcesOf,
} from "../harness/plugin-install";

// The Integration component served by the plugin (construct), from a YAML program through the CLI, with
// the inputs that reach other languages only through the schema: `deduplicate` (its DedupKeyOverlay child
// is the plugin's own resource) and `alertSource` (a reference to the package's AlertSource, made
// elsewhere in the program); and the component's app checked by its alert source before activation.

const APP = SANDBOX_FIXTURE.heroku.appName;
const PREEXISTING_SOURCE = SANDBOX_FIXTURE.squadcast.preexistingAlertSource;

describe("the Integration component through the plugin: deduplicate, alertSource, the app checked first", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let stack: CliStack;
  let projectDir: string;
  let serviceId: string;

  function writeProgram(resources: string[]): void {
    const text = ["name: heroku-squadcast-components", "runtime: yaml", "resources:", ...resources, ""];
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), text.join("\n"));
  }

  beforeAll(async () => {
    const work = temporaryDirectory("heroku-squadcast-components-");
    const plugin = await installPluginGlobally(work);
    serviceId = (await sandbox.admin.squadcastServices()).find(
      (service) => service.name === SANDBOX_FIXTURE.squadcast.serviceName,
    )!.id;
    projectDir = path.join(work, "project");
    fs.mkdirSync(projectDir);
    writeProgram([]);
    stack = disposeAfter(await openCliStack({ projectDir, env: { PATH: pathWith(plugin) } }));
    await configurePluginForSandbox(stack, sandbox.env);
  }, 300_000);

  test("an app that does not exist stops up at the alert source, before it is activated", async () => {
    writeProgram([
      "  gone:",
      "    type: heroku-squadcast:index:Integration",
      "    properties:",
      "      app: no-such-app",
      `      service: { id: ${serviceId} }`,
    ]);
    // Without a preview: a preview fails at the webhook's own check already (its URL is not known yet,
    // so it registers at once), while an up that skips it registers the webhook only once the alert
    // source exists, so only the alert source's check of the apps can stop it before the activation.
    const result = await stack.pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
    expect(result.code).not.toBe(0);
    const printed = result.stdout + result.stderr;
    expect(printed).toMatch(/AlertSource resource 'gone-alert-source': property apps/);
    expect(printed).toMatch(/Heroku API GET \/apps\/no-such-app\/webhooks failed: 404/);
    expect(await activeSourceNames(sandbox, serviceId)).toEqual([PREEXISTING_SOURCE]);
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
  });

  test("deduplicate and a given alertSource: the plugin's own children, the overlay set", async () => {
    writeProgram([
      "  source:",
      "    type: heroku-squadcast:squadcast:AlertSource",
      "    properties:",
      `      service: { id: ${serviceId} }`,
      "  billing:",
      "    type: heroku-squadcast:index:Integration",
      "    properties:",
      `      app: ${APP}`,
      "      alertSource: ${source}",
      "      entities: deploys",
      "      deduplicate: { windowMinutes: 30 }",
    ]);
    await stack.succeed(["up", "--yes", "--non-interactive"]);

    const types = stateResourcesOf(stack).map((resource) => resource.urn.split("::")[2]);
    expect(types).toEqual(
      expect.arrayContaining([
        "heroku-squadcast:squadcast:AlertSource",
        "heroku-squadcast:index:Integration$heroku-squadcast:squadcast:DedupKeyOverlay",
        "heroku-squadcast:index:Integration$heroku-squadcast:heroku:AppWebhook",
      ]),
    );
    // The given alert source is the only one: the component made none, and nothing is dynamic (#5455).
    expect(types.filter((type) => type.endsWith(":squadcast:AlertSource"))).toHaveLength(1);
    expect(types.filter((type) => type.includes("pulumi-nodejs"))).toEqual([]);

    expect((await sandbox.admin.dedupKeyOverlay(serviceId))?.overlay.duration).toBe(30);
    expect(await activeSourceNames(sandbox, serviceId)).toEqual([PREEXISTING_SOURCE, "heroku"].sort());
    const webhooks = await sandbox.admin.herokuWebhooks(APP);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0].url).toContain("/v1/incidents/heroku/");
  });

  test("then preview --expect-no-changes passes", async () => {
    await stack.succeed(["preview", "--expect-no-changes", "--non-interactive"]);
  });

  test("destroy removes the overlay, the webhook and the alert source", async () => {
    await stack.succeed(["destroy", "--yes", "--non-interactive"]);
    expect(await sandbox.admin.dedupKeyOverlay(serviceId)).toBeNull();
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
    expect(await activeSourceNames(sandbox, serviceId)).toEqual([PREEXISTING_SOURCE]);
  });
});
