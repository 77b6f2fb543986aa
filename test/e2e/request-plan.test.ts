import { HerokuSquadcastFleet, type FleetServiceSettings } from "../../src/components";
import type { WebhookSettings } from "../../src/heroku/webhook-settings";
import type { EntitySelection } from "../../src/mapping";
import type { RequestLogEntry, Sandbox } from "heroku-squadcast-sandbox";
import { useSandboxStack } from "../support/use-sandbox-stack";

// The API requests each operation makes, counted from the sandbox's request log: a change in the number
// of calls (a lookup no longer cached, a call added to check or diff, a per-app call that should be
// per-service) fails here. docs/request-plan.md explains each line.

const FIRST_SERVICE = { name: "demo-service", team: "Default Team" };
const SECOND_SERVICE = { name: "plan-second", team: "Default Team" };
const FIRST_APPS = ["plan-app-1", "plan-app-2", "plan-app-3"];
const SECOND_APPS = ["plan-app-4", "plan-app-5"];

/**
 * Counts requests by API, method and path, with names and ids replaced by placeholders, e.g.
 * `heroku GET /apps/{app}/webhooks`.
 */
function requestPlan(entries: readonly RequestLogEntry[]): Record<string, number> {
  const plan: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.api} ${entry.method} ${pathPattern(entry.path)}`;
    plan[key] = (plan[key] ?? 0) + 1;
  }
  return plan;
}

function pathPattern(path: string): string {
  return path
    .replace(/^\/apps\/[^/]+/, "/apps/{app}")
    .replace(/\/webhooks\/[^/]+$/, "/webhooks/{webhook}")
    .replace(/^\/v3\/catalog-services\/[^/]+/, "/v3/catalog-services/{service}")
    .replace(/^\/v3\/services\/(?!by-name$)[^/]+(?=\/|$)/, "/v3/services/{service}")
    .replace(/^\/v3\/teams\/(?!by-name$)[^/]+$/, "/v3/teams/{team}");
}

/**
 * Runs one operation and returns the requests it made, by API, method and path. Every request must
 * succeed, but for the 404 of a dedup-key overlay's look for one that is not there yet.
 */
async function planOn(sandbox: Sandbox, operation: () => Promise<unknown>): Promise<Record<string, number>> {
  await sandbox.admin.clearRequests();
  await operation();
  const entries = await sandbox.admin.requests();
  const expectedMissing = (entry: RequestLogEntry) =>
    entry.status === 404 && entry.method === "GET" && /\/overlays\/dedup-key\//.test(entry.path);
  expect(entries.filter((entry) => entry.status >= 400 && !expectedMissing(entry))).toEqual([]);
  return requestPlan(entries);
}

/**
 * A stack of the 5-app, 2-service fleet on a sandbox of its own, with the fleet's other settings, and the
 * request plan of an operation on it.
 */
function usePlanStack(projectName: string, settings: () => FleetServiceSettings & WebhookSettings) {
  const { sandbox, local } = useSandboxStack({
    projectName,
    program: async () => {
      const fleet = new HerokuSquadcastFleet("plan", {
        routes: [
          { service: FIRST_SERVICE, apps: FIRST_APPS },
          { service: SECOND_SERVICE, apps: SECOND_APPS },
        ],
        ...settings(),
      });
      return { webhooks: fleet.webhooks };
    },
  });
  beforeAll(async () => {
    for (const app of [...FIRST_APPS, ...SECOND_APPS]) await sandbox.admin.createHerokuApp(app);
    await sandbox.admin.createSquadcastService(SECOND_SERVICE.name, SECOND_SERVICE.team);
  });
  return { local, planOf: (operation: () => Promise<unknown>) => planOn(sandbox, operation) };
}

/** The requests of `up` from empty without deduplicate: what the deduplicated fleet's up adds to. */
const UP_FROM_EMPTY = {
  "squadcastAuth GET /oauth/access-token": 1,
  "squadcast GET /v3/alert-sources": 1,
  "squadcast GET /v3/teams/by-name": 1,
  "squadcast GET /v3/services/by-name": 2,
  "squadcast GET /v3/catalog-services/{service}/alert-sources": 4,
  "squadcast PUT /v3/catalog-services/{service}/alert-sources": 2,
  "heroku GET /apps/{app}/webhooks": 5,
  "heroku POST /apps/{app}/webhooks": 5,
};

describe("the request plan of a 5-app, 2-service fleet", () => {
  let entities: EntitySelection = "all";
  const { local, planOf } = usePlanStack("request-plan-e2e", () => ({ entities }));

  test("preview from empty: only the reads up depends on (token, catalog, team, each service, each app)", async () => {
    const plan = await planOf(() => local.stack.preview());
    expect(plan).toEqual({
      "squadcastAuth GET /oauth/access-token": 1,
      "squadcast GET /v3/alert-sources": 1,
      "squadcast GET /v3/teams/by-name": 1,
      "squadcast GET /v3/services/by-name": 2,
      "heroku GET /apps/{app}/webhooks": 5,
    });
  });

  test("up from empty: 2 Heroku requests per app; 4 Squadcast per service; token, catalog and team once", async () => {
    expect(await planOf(() => local.stack.up())).toEqual(UP_FROM_EMPTY);
  });

  test("preview with no change: no request at all", async () => {
    expect(await planOf(() => local.stack.preview())).toEqual({});
  });

  test("up after changing every app's entities: one PATCH per app, nothing else", async () => {
    entities = "deploys";
    const plan = await planOf(() => local.stack.up());
    expect(plan).toEqual({ "heroku PATCH /apps/{app}/webhooks/{webhook}": 5 });
  });

  test("refresh: one GET per webhook; the service and its active sources per service; token and catalog once", async () => {
    const plan = await planOf(() => local.stack.refresh());
    expect(plan).toEqual({
      "squadcastAuth GET /oauth/access-token": 1,
      "squadcast GET /v3/alert-sources": 1,
      "squadcast GET /v3/services/{service}": 2,
      "squadcast GET /v3/catalog-services/{service}/alert-sources": 2,
      "heroku GET /apps/{app}/webhooks/{webhook}": 5,
    });
  });

  test("destroy: one DELETE per app; read, write and read back the active sources per service", async () => {
    const plan = await planOf(() => local.stack.destroy());
    expect(plan).toEqual({
      "squadcastAuth GET /oauth/access-token": 1,
      "squadcast GET /v3/catalog-services/{service}/alert-sources": 4,
      "squadcast PUT /v3/catalog-services/{service}/alert-sources": 2,
      "heroku DELETE /apps/{app}/webhooks/{webhook}": 5,
    });
  });
});

describe("the request plan of the same fleet with deduplicate on", () => {
  const { local, planOf } = usePlanStack("request-plan-dedup-e2e", () => ({ deduplicate: true }));

  test("up from empty: the plan without deduplicate, and 5 Squadcast requests more per service, none per app", async () => {
    const plan = await planOf(() => local.stack.up());
    expect(plan).toEqual({
      ...UP_FROM_EMPTY,
      // What the overlays add: per service, check's and create's look at the overlay, the switch's read,
      // the PUT and the PATCH.
      "squadcast GET /v3/services/{service}/overlays/dedup-key/heroku": 4,
      "squadcast GET /v3/services/{service}/config": 2,
      "squadcast PUT /v3/services/{service}/overlays/dedup-key/heroku": 2,
      "squadcast PATCH /v3/services/{service}/config": 2,
    });
  });

  test("preview with no change: no request at all", async () => {
    expect(await planOf(() => local.stack.preview())).toEqual({});
  });
});

describe("a fleet larger than the Heroku budget", () => {
  const APPS = Array.from({ length: 30 }, (_, index) => `budget-app-${index + 1}`);
  const { sandbox, local } = useSandboxStack(
    {
      projectName: "heroku-budget-e2e",
      program: async () => {
        const fleet = new HerokuSquadcastFleet("budget", { service: FIRST_SERVICE, apps: APPS });
        return { webhooks: fleet.webhooks };
      },
    },
    // 20 requests at first, 10 more a second: the 60 requests of the up must be spread out to pass.
    { herokuRateLimit: { capacity: 20, refillPerMinute: 600 } },
  );

  beforeAll(async () => {
    for (const app of APPS) await sandbox.admin.createHerokuApp(app);
  });

  test("up waits for budget instead of failing: no 429, every webhook made", async () => {
    await local.stack.up();
    const heroku = (await sandbox.admin.requests()).filter((entry) => entry.api === "heroku");
    expect(heroku.filter((entry) => entry.status >= 400)).toEqual([]);
    expect(heroku).toHaveLength(2 * APPS.length);
    for (const app of APPS) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
  });
});
