import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { openCliStack, type CliStack, type CliResult } from "../../../src/engine/cli-stack";
import { useSandboxStacks } from "../../support/use-sandbox-stack";
import {
  configurePluginForSandbox,
  copyExample,
  installPluginGlobally,
  pathWith,
} from "../harness/plugin-install";

// examples/yaml through the pulumi CLI, the official YAML language host and the provider plugin installed
// as the README says (`npm install --global` of the packed package, its bin on PATH): the component is
// served by construct and its children by the plugin's own resources.

const APP = SANDBOX_FIXTURE.heroku.appName;
const SERVICE = SANDBOX_FIXTURE.squadcast.serviceName;

describe("examples/yaml on the provider plugin, through the CLI", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let stack: CliStack;
  let serviceId: string;
  let signingSecret: string;
  const printed: string[] = [];
  /** The state file after each command. */
  const states: string[] = [];

  beforeAll(async () => {
    const work = temporaryDirectory("heroku-squadcast-yaml-");
    const plugin = await installPluginGlobally(work);
    stack = disposeAfter(
      await openCliStack({ projectDir: copyExample("yaml", work), env: { PATH: pathWith(plugin) } }),
    );
    await configurePluginForSandbox(stack, sandbox.env);
    serviceId = (await sandbox.admin.squadcastServices()).find((service) => service.name === SERVICE)!.id;
  }, 300_000);

  async function pulumi(args: string[]): Promise<CliResult> {
    const result = await stack.succeed([...args, "--non-interactive"]);
    printed.push(result.stdout, result.stderr);
    states.push(stack.readStateFile());
    return result;
  }

  async function activeSources(): Promise<string[]> {
    return (await sandbox.admin.activeAlertSources(serviceId)).map((source) => source.shortName).sort();
  }

  test("preview plans the component and its two children, and changes nothing", async () => {
    const { stdout } = await pulumi(["preview", "--json"]);
    const { changeSummary, steps } = JSON.parse(stdout) as {
      changeSummary: Record<string, number>;
      steps: { op: string; urn: string }[];
    };
    expect(changeSummary.create).toBe(4); // the stack, the component, the alert source, the webhook
    expect(steps.filter((step) => step.op === "create").map((step) => step.urn.split("::")[2])).toEqual(
      expect.arrayContaining([
        "heroku-squadcast:index:Integration",
        "heroku-squadcast:index:Integration$heroku-squadcast:squadcast:AlertSource",
        "heroku-squadcast:index:Integration$heroku-squadcast:heroku:AppWebhook",
      ]),
    );
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
    expect(await activeSources()).toEqual([SANDBOX_FIXTURE.squadcast.preexistingAlertSource]);
  });

  test("up makes the alert source active and one webhook delivering to it", async () => {
    await pulumi(["up", "--yes"]);
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<
      string,
      unknown
    >;
    const webhooks = await sandbox.admin.herokuWebhooks(APP);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0].id).toBe(outputs.webhookId);
    expect([...webhooks[0].include].sort()).toEqual(["api:build", "dyno"]);
    expect(webhooks[0].url).toContain("/v1/incidents/heroku/");
    signingSecret = webhooks[0].secret;
    expect(outputs).toMatchObject({ app: APP, serviceId, entities: { "api:build": true, dyno: true } });
    expect(await activeSources()).toEqual(["datadog", "heroku"]);
  });

  test("preview --expect-no-changes passes and sends nothing that writes", async () => {
    const since = (await sandbox.admin.requests()).at(-1)?.seq ?? 0;
    await pulumi(["preview", "--expect-no-changes"]);
    const writes = (await sandbox.admin.requests(since)).filter((request) => request.method !== "GET");
    expect(writes).toEqual([]);
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);
  });

  test("an edit of the entities previews as exactly one update, of the webhook, and up applies it", async () => {
    await stack.setConfig("entities", "deploys");
    const { stdout } = await pulumi(["preview", "--json"]);
    const { changeSummary, steps } = JSON.parse(stdout) as {
      changeSummary: Record<string, number>;
      steps: { op: string; urn: string }[];
    };
    const { same: _same, ...changes } = changeSummary;
    expect(changes).toEqual({ update: 1 });
    expect(steps.filter((step) => step.op === "update").map((step) => step.urn.split("::").pop())).toEqual([
      "billing-webhook",
    ]);
    expect([...(await sandbox.admin.herokuWebhooks(APP))[0].include].sort()).toEqual(["api:build", "dyno"]);
    await pulumi(["up", "--yes"]);
    expect([...(await sandbox.admin.herokuWebhooks(APP))[0].include].sort()).toEqual([
      "api:build",
      "api:formation",
      "api:release",
    ]);
  });

  test("destroy removes the webhook and the alert source, and leaves what others made", async () => {
    await pulumi(["destroy", "--yes"]);
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
    expect(await activeSources()).toEqual([SANDBOX_FIXTURE.squadcast.preexistingAlertSource]);
  });

  test("no credential, webhook URL or signing secret in clear text in any output or the state", () => {
    const everything = [...printed, ...states].join("\n");
    for (const secret of [
      SANDBOX_FIXTURE.heroku.apiKey,
      SANDBOX_FIXTURE.squadcast.refreshToken,
      "/v1/incidents/heroku/",
      signingSecret,
    ]) {
      expect(everything).not.toContain(secret);
    }
    // The state after up held them, encrypted.
    expect(states.some((state) => state.includes("signingSecret") && state.includes("ciphertext"))).toBe(
      true,
    );
  });
});
