import type { RequestLogEntry, Sandbox } from "heroku-squadcast-sandbox";
import { HerokuSquadcastFleet, HerokuSquadcastIntegration, type Deduplicate } from "../../src/components";
import { HEROKU_DEDUP_KEY_TEMPLATE } from "../../src/mapping";
import { useSandboxStack } from "../support/use-sandbox-stack";

// Deduplication end to end: the real engine runs the components on the sandbox, Heroku events go through
// the webhooks to the sandbox's Squadcast ingestion, and the incidents are counted there.

const SERVICE = { name: "demo-service", team: "Default Team" };

const build = (status: "failed" | "succeeded", app: string) => ({
  resource: "build",
  action: "update" as const,
  data: { id: `build-${Math.random().toString(16).slice(2)}`, status, app: { id: `${app}-id`, name: app } },
});
const crash = (app: string, dyno: string) => ({
  resource: "dyno",
  action: "update" as const,
  data: { id: `dyno-${Math.random()}`, name: dyno, state: "crashed", app: { id: `${app}-id`, name: app } },
});

/** The service's incidents as status and how many alerts each took in, oldest first. */
async function incidents(sandbox: Sandbox) {
  return (await sandbox.admin.incidents(SERVICE.name)).map(({ status, events, summary }) => ({
    status,
    events,
    summary,
  }));
}

/** The service's Heroku overlay and dedup switch, as the sandbox holds them. */
async function serviceDedup(sandbox: Sandbox) {
  const service = (await sandbox.admin.squadcastServices()).find((each) => each.name === SERVICE.name);
  const overlay = await sandbox.admin.dedupKeyOverlay(SERVICE.name);
  return {
    enabled: service?.config.dedup_key_enabled,
    overlay: overlay && { template: overlay.overlay.template, duration: overlay.overlay.duration },
  };
}

/** Squadcast requests by method and path pattern, for the ones the overlay makes. */
function overlayRequests(entries: readonly RequestLogEntry[]): Record<string, number> {
  const plan: Record<string, number> = {};
  for (const entry of entries) {
    if (!/\/overlays\/dedup-key|\/config$/.test(entry.path)) continue;
    const key = `${entry.method} ${entry.path.replace(/^\/v3\/services\/[^/]+/, "/v3/services/{service}")}`;
    plan[key] = (plan[key] ?? 0) + 1;
  }
  return plan;
}

describe("a fleet of two apps on one service with deduplicate on", () => {
  const APPS = ["dedup-shop", "dedup-pay"];
  const { sandbox, local } = useSandboxStack({
    projectName: "dedup-fleet-e2e",
    program: async () => {
      const fleet = new HerokuSquadcastFleet("ops", { service: SERVICE, apps: APPS, deduplicate: true });
      return { webhooks: fleet.webhooks };
    },
  });

  beforeAll(async () => {
    for (const app of APPS) await sandbox.admin.createHerokuApp(app);
  });

  test("up makes one overlay for the service (not one per app) and turns its dedup on", async () => {
    expect(await serviceDedup(sandbox)).toEqual({ enabled: false, overlay: null });
    await sandbox.admin.clearRequests();
    await local.stack.up();
    expect(await serviceDedup(sandbox)).toEqual({
      enabled: true,
      overlay: { template: HEROKU_DEDUP_KEY_TEMPLATE, duration: 1440 },
    });
    // What the overlay adds to an up, per service: check's look at the overlay, create's look at it and
    // at the switch (under the service's lock), the PUT and the PATCH. (The CLI's `pulumi up` previews
    // first, which runs check once more: one more GET.)
    expect(overlayRequests(await sandbox.admin.requests())).toEqual({
      "GET /v3/services/{service}/overlays/dedup-key/heroku": 2,
      "GET /v3/services/{service}/config": 1,
      "PUT /v3/services/{service}/overlays/dedup-key/heroku": 1,
      "PATCH /v3/services/{service}/config": 1,
    });
  });

  test("a preview with no change sends no request", async () => {
    await sandbox.admin.clearRequests();
    await local.stack.preview();
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("two failed builds of one app are one incident; a failed build on the other app is another", async () => {
    await sandbox.admin.simulateHerokuEvent("dedup-shop", build("failed", "dedup-shop"));
    await sandbox.admin.simulateHerokuEvent("dedup-shop", build("failed", "dedup-shop"));
    await sandbox.admin.simulateHerokuEvent("dedup-pay", build("failed", "dedup-pay"));
    expect(await incidents(sandbox)).toEqual([
      { status: "triggered", events: 2, summary: "Build failed on dedup-shop" },
      { status: "triggered", events: 1, summary: "Build failed on dedup-pay" },
    ]);
  });

  test("web.1 crashing three times is one incident", async () => {
    for (let crashes = 0; crashes < 3; crashes += 1) {
      await sandbox.admin.simulateHerokuEvent("dedup-shop", crash("dedup-shop", "web.1"));
    }
    expect((await incidents(sandbox)).slice(2)).toEqual([
      { status: "triggered", events: 3, summary: "Dyno web.1 crashed on dedup-shop" },
    ]);
  });

  test("the next successful build resolves the app's build incident, and only that one", async () => {
    await sandbox.admin.simulateHerokuEvent("dedup-shop", build("succeeded", "dedup-shop"));
    expect((await incidents(sandbox)).map(({ status, summary }) => `${status} ${summary}`)).toEqual([
      "resolved Build failed on dedup-shop",
      "triggered Build failed on dedup-pay",
      "triggered Dyno web.1 crashed on dedup-shop",
    ]);
  });

  test("destroy leaves the service's overlay and dedup switch as they were before the stack", async () => {
    await local.stack.destroy();
    expect(await serviceDedup(sandbox)).toEqual({ enabled: false, overlay: null });
  });
});

describe("an integration with deduplicate off", () => {
  const { sandbox, local } = useSandboxStack({
    projectName: "dedup-off-e2e",
    program: async () => {
      const integration = new HerokuSquadcastIntegration("plain", { app: "demo-app", service: SERVICE });
      return { webhookId: integration.webhookId };
    },
  });

  test("each trigger is its own incident, and the service's deduplication is untouched", async () => {
    await local.stack.up();
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed", "demo-app"));
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed", "demo-app"));
    expect((await incidents(sandbox)).map(({ events }) => events)).toEqual([1, 1]);
    expect(await serviceDedup(sandbox)).toEqual({ enabled: false, overlay: null });
  });
});

describe("a service with another owner's overlay", () => {
  let deduplicate: Deduplicate = true;
  const { sandbox, local } = useSandboxStack({
    projectName: "dedup-owner-e2e",
    program: async () => {
      const integration = new HerokuSquadcastIntegration("guarded", {
        app: "demo-app",
        service: SERVICE,
        deduplicate,
      });
      return { webhookId: integration.webhookId };
    },
  });
  const OTHER = "{{.data.app.name}}";

  beforeAll(async () => {
    await sandbox.admin.setDedupKeyOverlay(SERVICE.name, OTHER, 30);
    await sandbox.admin.setDeduplication(SERVICE.name, true);
  });

  test("up refuses with one message that says what to do, and changes nothing", async () => {
    const before = {
      dedup: await serviceDedup(sandbox),
      sources: await sandbox.admin.activeAlertSources(SERVICE.name),
      webhooks: await sandbox.admin.herokuWebhooks("demo-app"),
    };
    await sandbox.admin.clearRequests();
    const failure = await local.stack.up().then(
      () => undefined,
      (error: unknown) => String(error),
    );
    expect(failure).toContain(
      "Squadcast service demo-service already has a heroku dedup-key overlay with another template " +
        "(another owner's): set takeOver: true to replace it (destroy puts it back), or turn deduplicate off",
    );
    const writes = (await sandbox.admin.requests()).filter((entry) => entry.method !== "GET");
    expect(writes.filter((entry) => entry.api !== "squadcastAuth")).toEqual([]);
    expect({
      dedup: await serviceDedup(sandbox),
      sources: await sandbox.admin.activeAlertSources(SERVICE.name),
      webhooks: await sandbox.admin.herokuWebhooks("demo-app"),
    }).toEqual(before);
  });

  test("with takeOver, up replaces it; destroy puts the owner's overlay and switch back", async () => {
    const before = await serviceDedup(sandbox);
    deduplicate = { takeOver: true };
    await local.stack.up();
    expect((await serviceDedup(sandbox)).overlay?.template).toBe(HEROKU_DEDUP_KEY_TEMPLATE);
    await local.stack.destroy();
    expect(await serviceDedup(sandbox)).toEqual(before);
  });
});
