import { FLEET_APPS, fleetProgram } from "../../examples/fleet/program";
import { useSandboxStack } from "../support/use-sandbox-stack";
import { createFleetEstate } from "./harness/fleet-example";

describe("the fleet example on the real engine", () => {
  let apps: readonly string[] = FLEET_APPS;
  const { sandbox, local } = useSandboxStack({
    projectName: "fleet-e2e",
    program: async () => fleetProgram({ apps }),
  });
  beforeAll(() => createFleetEstate(sandbox));

  test("12 apps across 2 services make exactly 2 alert sources and 12 webhooks", async () => {
    await sandbox.admin.clearRequests();
    const up = await local.stack.up();
    // The stack, the fleet component, 2 alert sources and 12 webhooks.
    expect(up.summary.resourceChanges).toEqual({ create: 16 });
    const requests = await sandbox.admin.requests();
    const writes = (method: string, pattern: RegExp) =>
      requests.filter((request) => request.method === method && pattern.test(request.path));
    expect(writes("POST", /^\/apps\/[^/]+\/webhooks$/)).toHaveLength(12);
    expect(writes("PUT", /^\/v3\/catalog-services\/[^/]+\/alert-sources$/)).toHaveLength(2);
    for (const app of FLEET_APPS) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
    expect(Object.keys(up.outputs.webhooks.value).sort()).toEqual([...FLEET_APPS].sort());
  });

  test("per-app entity overrides land on the right webhook", async () => {
    const [cron] = await sandbox.admin.herokuWebhooks("shop-cron");
    expect(cron.include).toEqual(["dyno"]);
    const [ledger] = await sandbox.admin.herokuWebhooks("pay-ledger");
    expect(ledger.level).toBe("sync");
  });

  test("removing one app previews exactly one delete, of that app's webhook", async () => {
    apps = FLEET_APPS.filter((app) => app !== "shop-search");
    const deleted: string[] = [];
    const preview = await local.stack.preview({
      onEvent: (event) => {
        const step = event.resourcePreEvent?.metadata;
        if (step?.op === "delete") deleted.push(step.urn);
      },
    });
    expect(preview.changeSummary).toEqual({ delete: 1, same: 15 });
    expect(deleted).toEqual([expect.stringMatching(/::heroku-alerts-shop-search$/)]);
  });

  test("destroy leaves every app without a webhook and each service with only what it had", async () => {
    await local.stack.destroy();
    for (const app of FLEET_APPS) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(0);
    expect(await sandbox.admin.activeAlertSources("shop-service")).toEqual([]);
    expect((await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.type)).toEqual([
      "Datadog",
    ]);
  });
});
