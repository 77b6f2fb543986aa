import { HerokuSquadcastIntegration } from "../../../src/components/integration";
import { HerokuClient } from "../../../src/clients/heroku/client";
import { ALERT_SOURCE_CATALOG } from "heroku-squadcast-sandbox";
import { SquadcastTokenSource } from "../../../src/clients/squadcast/auth";
import { SquadcastClient } from "../../../src/clients/squadcast/client";
import { useSandboxStack } from "../../support/use-sandbox-stack";
import { failureLines, requestsSince, tryUp } from "../harness/reliability";

const HEROKU_SOURCE_ID = ALERT_SOURCE_CATALOG.find((source) => source.shortName === "heroku")!._id;

describe("drift and partial failure", () => {
  let heroku: HerokuClient;
  let squadcast: SquadcastClient;
  let withPartial = false;
  const { sandbox, local } = useSandboxStack({
    projectName: "reliability-drift",
    program: async () => {
      new HerokuSquadcastIntegration("drift", {
        app: "drift-app",
        service: { name: "drift-service", team: "Default Team" },
        entities: "deploys",
      });
      if (withPartial) {
        new HerokuSquadcastIntegration("partial", {
          app: "partial-app",
          service: { name: "partial-service", team: "Default Team" },
        });
      }
    },
  });

  beforeAll(async () => {
    await sandbox.admin.createHerokuApp("drift-app");
    await sandbox.admin.createHerokuApp("partial-app");
    await sandbox.admin.createSquadcastService("drift-service", "Default Team");
    await sandbox.admin.createSquadcastService("partial-service", "Default Team");
    // What someone does by hand: the dashboards' API calls, made with the same credentials.
    heroku = new HerokuClient({ apiKey: sandbox.env.HEROKU_API_KEY, apiUrl: sandbox.urls.heroku });
    squadcast = new SquadcastClient({
      tokenSource: new SquadcastTokenSource({
        refreshToken: sandbox.env.SQUADCAST_REFRESH_TOKEN,
        authUrl: sandbox.urls.squadcastAuth,
      }),
      apiUrl: sandbox.urls.squadcast,
    });
    await local.stack.up();
  });

  async function serviceId(name: string): Promise<string> {
    return (await sandbox.admin.squadcastServices()).find((service) => service.name === name)!.id;
  }

  async function deleteWebhooksByHand(app: string): Promise<void> {
    for (const webhook of await heroku.listWebhooks(app)) await heroku.deleteWebhook(app, webhook.id);
  }

  async function removeHerokuSourceByHand(service: string): Promise<void> {
    const id = await serviceId(service);
    const active = await squadcast.getActiveAlertSourceIds(id);
    await squadcast.setActiveAlertSourceIds(
      id,
      active.filter((source) => source !== HEROKU_SOURCE_ID),
    );
  }

  async function resourceNames(): Promise<string[]> {
    const exported = (await local.stack.exportStack()) as { deployment: { resources?: { urn: string }[] } };
    return (exported.deployment.resources ?? [])
      .filter((resource) => !/::pulumi:(pulumi:Stack|providers:)/.test(resource.urn))
      .map((resource) => resource.urn.split("::").pop()!)
      .sort();
  }

  async function activeShortNames(service: string): Promise<string[]> {
    return (await sandbox.admin.activeAlertSources(service)).map((source) => source.shortName).sort();
  }

  test("a webhook and an alert source removed by hand are dropped by refresh and recreated by up", async () => {
    await deleteWebhooksByHand("drift-app");
    await removeHerokuSourceByHand("drift-service");

    const refresh = await local.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    expect(await resourceNames()).toEqual(["drift"]);

    const preview = await local.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 2, same: 2 });
    const up = await local.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2, same: 2 });
    expect(await sandbox.admin.herokuWebhooks("drift-app")).toHaveLength(1);
    expect(await activeShortNames("drift-service")).toEqual(["heroku"]);
  });

  test("a webhook changed by hand is seen by refresh and put back by up", async () => {
    const [webhook] = await heroku.listWebhooks("drift-app");
    await heroku.updateWebhook("drift-app", webhook.id, { level: "sync", include: ["api:app"] });

    await local.stack.refresh();
    const up = await local.stack.up();
    expect(up.summary.resourceChanges).toEqual({ update: 1, same: 3 });
    const [after] = await sandbox.admin.herokuWebhooks("drift-app");
    expect(after.id).toBe(webhook.id);
    expect(after.level).toBe("notify");
    expect([...after.include].sort()).toEqual([...webhook.include].sort());
  });

  test("an integration whose webhook creation failed keeps its alert source in state and converges", async () => {
    withPartial = true;
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      pathPattern: "^/apps/partial-app/webhooks$",
      status: 422,
      count: 1,
    });
    const failed = await tryUp(local.stack);
    expect(failed.ok).toBe(false);
    expect(failureLines(failed)).toContainEqual(
      expect.stringMatching(
        /^error: Heroku API POST \/apps\/partial-app\/webhooks failed: 422 invalid_params\b/,
      ),
    );
    // State and the APIs agree: the alert source was made and recorded, the webhook neither.
    expect(await resourceNames()).toEqual([
      "drift",
      "drift-alert-source",
      "drift-webhook",
      "partial",
      "partial-alert-source",
    ]);
    expect(await activeShortNames("partial-service")).toEqual(["heroku"]);
    expect(await sandbox.admin.herokuWebhooks("partial-app")).toEqual([]);

    const { last } = await requestsSince(sandbox, 0);
    const up = await local.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 1, same: 6 });
    const writes = (await sandbox.admin.requests(last)).filter((entry) => entry.method !== "GET");
    expect(writes.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "POST /apps/partial-app/webhooks",
    ]);
    expect(await sandbox.admin.herokuWebhooks("partial-app")).toHaveLength(1);
  });

  test("destroy after everything was deleted by hand succeeds and leaves others' alert sources", async () => {
    await deleteWebhooksByHand("drift-app");
    await deleteWebhooksByHand("partial-app");
    await removeHerokuSourceByHand("drift-service");
    await removeHerokuSourceByHand("partial-service");

    const destroy = await local.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 7 });
    expect(await activeShortNames("drift-service")).toEqual([]);
    expect(await activeShortNames("partial-service")).toEqual([]);
    expect(await activeShortNames("demo-service")).toEqual(["datadog"]);
  });
});
