import type { EngineEvent } from "@pulumi/pulumi/automation";
import { AppWebhook } from "../../src/heroku/app-webhook";
import type { EntitySelection } from "../../src/mapping";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../src/squadcast/alert-source";
import { useSandboxStack } from "../support/use-sandbox-stack";

const APP = SANDBOX_FIXTURE.heroku.appName;
const WEBHOOK_TYPE = "pulumi-nodejs:dynamic/heroku:AppWebhook";

interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly outputs?: Record<string, unknown>;
}

describe("AlertSource and AppWebhook on the real engine", () => {
  let entities: EntitySelection = ["api:build", "dyno"];
  let webhookId: string;
  /** Everything the CLI printed and every engine event, across all operations, to grep for credentials. */
  const cliOutput: string[] = [];
  const engineEvents: EngineEvent[] = [];
  const watch = {
    onOutput: (line: string) => cliOutput.push(line),
    onEvent: (event: EngineEvent) => engineEvents.push(event),
  };

  const { sandbox, local } = useSandboxStack({
    projectName: "resources-e2e",
    program: async () => {
      const source = new AlertSource("source", { service: { name: "demo-service", team: "Default Team" } });
      const webhook = new AppWebhook("webhook", { app: APP, url: source.webhookUrl, entities });
      return { webhookId: webhook.webhookId, entities: webhook.entities, url: source.webhookUrl };
    },
  });

  async function includeInHeroku(): Promise<string[]> {
    const webhooks = await sandbox.admin.herokuWebhooks(APP);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0].id).toBe(webhookId);
    return [...webhooks[0].include].sort();
  }

  function webhookInState(): StateResource {
    const state = JSON.parse(local.readStateFile()) as {
      checkpoint: { latest: { resources: StateResource[] } };
    };
    const webhook = state.checkpoint.latest.resources.find((resource) => resource.type === WEBHOOK_TYPE);
    if (!webhook) throw new Error("the webhook is not in the state file");
    return webhook;
  }

  test("up creates both", async () => {
    const result = await local.stack.up(watch);
    expect(result.summary.resourceChanges).toEqual({ create: 3 });
    expect(result.outputs.url.secret).toBe(true);
    webhookId = result.outputs.webhookId.value as string;
    const webhooks = await sandbox.admin.herokuWebhooks(APP);
    expect(webhooks.map((webhook) => webhook.id)).toEqual([webhookId]);
    expect(await includeInHeroku()).toEqual(["api:build", "dyno"]);
  });

  test("no-change preview", async () => {
    await sandbox.admin.clearRequests();
    const preview = await local.stack.preview(watch);
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("the same entities in another order: still no change", async () => {
    entities = ["dyno", "api:build"];
    const preview = await local.stack.preview(watch);
    expect(preview.changeSummary).toEqual({ same: 3 });
  });

  test("another entity: the preview proposes one in-place update of the webhook, no replace", async () => {
    entities = ["api:build", "dyno", "api:release"];
    const events: EngineEvent[] = [];
    const preview = await local.stack.preview({ ...watch, onEvent: (event) => events.push(event) });
    engineEvents.push(...events);

    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    const changed = events
      .map((event) => event.resourcePreEvent?.metadata)
      .filter((step) => step !== undefined && step.op !== "same");
    expect(changed.map((step) => [step?.op, step?.type])).toEqual([["update", WEBHOOK_TYPE]]);
  });

  test("up applies the new entities to the same webhook", async () => {
    const result = await local.stack.up(watch);
    expect(result.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(result.outputs.webhookId.value).toBe(webhookId);
    expect(await includeInHeroku()).toEqual(["api:build", "api:release", "dyno"]);
  });

  test("a change made in Heroku is seen by refresh and undone by the next up", async () => {
    const patched = await fetch(`${sandbox.urls.heroku}/apps/${APP}/webhooks/${webhookId}`, {
      method: "PATCH",
      headers: {
        accept: "application/vnd.heroku+json; version=3",
        authorization: `Bearer ${SANDBOX_FIXTURE.heroku.apiKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ include: ["api:formation"], level: "sync" }),
    });
    expect(patched.status).toBe(200);

    const refresh = await local.stack.refresh(watch);
    expect(refresh.summary.result).toBe("succeeded");
    expect(webhookInState().outputs).toMatchObject({ entities: { "api:formation": true }, level: "sync" });

    const preview = await local.stack.preview(watch);
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });

    const up = await local.stack.up(watch);
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(await includeInHeroku()).toEqual(["api:build", "api:release", "dyno"]);
    expect((await sandbox.admin.herokuWebhooks(APP))[0].level).toBe("notify");
    expect(webhookInState().outputs).toMatchObject({
      entities: { "api:build": true, dyno: true, "api:release": true },
      level: "notify",
    });
  });

  test("neither the state file nor anything the CLI printed holds a credential", async () => {
    const services = await sandbox.admin.squadcastServices();
    const serviceKey = services.find((service) => service.name === "demo-service")?.api_key;
    expect(serviceKey).toBeDefined();
    const state = local.readStateFile();
    // Debug diagnostics are left out: the Node SDK itself logs each RegisterResource response at debug
    // level, secret values included ("RegisterResource RPC finished ... resp:"); the CLI shows them only
    // with --debug, and no library code can stop it.
    // (The SDK's type omits "debug", but the engine sends it.)
    const shownEvents = engineEvents.filter(
      (event) => (event.diagnosticEvent?.severity as string | undefined) !== "debug",
    );
    const printed = `${cliOutput.join("")}\n${JSON.stringify(shownEvents)}`;
    // Guards against a vacuous pass: both must hold the webhook, and the CLI output every operation.
    expect(state).toContain(webhookId);
    expect(printed).toContain("webhook");
    for (const credential of [
      SANDBOX_FIXTURE.heroku.apiKey,
      SANDBOX_FIXTURE.squadcast.refreshToken,
      serviceKey as string,
    ]) {
      expect(state).not.toContain(credential);
      expect(printed).not.toContain(credential);
    }
  });

  test("destroy", async () => {
    await local.stack.destroy(watch);
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(0);
    expect(
      (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName),
    ).toEqual(["datadog"]);
  });
});
