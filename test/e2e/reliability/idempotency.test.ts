import type { RequestLogEntry } from "heroku-squadcast-sandbox";
import { useSandboxStack } from "../../support/use-sandbox-stack";
import { createApps, fleetStack, requestFigures, requestsSince, tryUp } from "../harness/reliability";

const CREATE_PATH = "^/apps/[^/]+/webhooks$";

describe("webhook creation is idempotent across lost answers and failed runs", () => {
  let apps: string[];
  let seq = 0;
  let activeApps: string[] = [];
  const { sandbox, local } = useSandboxStack(
    fleetStack({
      projectName: "reliability-idempotency",
      fleet: () => ({ service: { name: "demo-service", team: "Default Team" }, apps: activeApps }),
    }),
  );

  beforeAll(async () => {
    apps = await createApps(sandbox, "idem", 6);
  });

  async function nextRequests(): Promise<RequestLogEntry[]> {
    const { entries, last } = await requestsSince(sandbox, seq);
    seq = last;
    return entries;
  }

  test("a creation whose answer was lost is found by listing again and adopted, in the same run", async () => {
    activeApps = apps.slice(0, 3);
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      pathPattern: CREATE_PATH,
      dropResponseAfterHandling: true,
      count: 1,
    });
    const up = await tryUp(local.stack);
    const entries = await nextRequests();

    expect(up.error).toBeUndefined();
    const dropped = entries.find((entry) => entry.method === "POST" && entry.status === 0);
    expect(dropped).toBeDefined();
    // After the lost answer, the provider listed the app's webhooks again instead of posting again.
    const after = entries.filter((entry) => entry.seq > dropped!.seq && entry.path === dropped!.path);
    expect(after.map((entry) => `${entry.method} ${entry.status}`)).toEqual(["GET 200"]);
    const figures = requestFigures(entries);
    for (const app of activeApps) {
      expect(figures.webhookCreationsByApp.get(app)).toBe(1);
      expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
    }
  });

  test("a creation answered 500 is looked up, then made again in the same run, exactly once", async () => {
    activeApps = apps;
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      pathPattern: CREATE_PATH,
      status: 500,
      count: 1,
    });
    const up = await tryUp(local.stack);
    const entries = await nextRequests();
    expect(up.error).toBeUndefined();

    const failed = entries.find((entry) => entry.method === "POST" && entry.status === 500)!;
    // After the 500, the provider listed the app's webhooks (until its wait ran out), posted once more,
    // then listed once more for a copy that the failed creation might have made late.
    const after = entries
      .filter((entry) => entry.seq > failed.seq && entry.path === failed.path)
      .map((entry) => `${entry.method} ${entry.status < 300 ? "ok" : entry.status}`);
    const post = after.indexOf("POST ok");
    expect(post).toBeGreaterThanOrEqual(1);
    expect(after.filter((_entry, index) => index !== post)).toEqual(after.slice(1).map(() => "GET ok"));
    expect(after.slice(post + 1)).toEqual(["GET ok"]);
    const figures = requestFigures(entries);
    for (const app of apps.slice(3)) expect(figures.webhookCreationsByApp.get(app)).toBe(1);
    for (const app of apps) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
    expect(up.output).toContain("1 creation(s) of webhook");

    const third = await local.stack.up();
    expect(third.summary.resourceChanges).toEqual({ same: 9 });
    expect((await nextRequests()).filter((entry) => entry.method !== "GET")).toEqual([]);
  });

  test("a webhook left by a run that lost its state is adopted by URL, not duplicated", async () => {
    // As if the state of idem-1's webhook was lost: the stack forgets it, Heroku still has it.
    const [before] = await sandbox.admin.herokuWebhooks("idem-1");
    const state = (await local.stack.exportStack()) as { deployment: { resources: { urn: string }[] } };
    state.deployment.resources = state.deployment.resources.filter(
      (resource) => !resource.urn.endsWith("::fleet-idem-1"),
    );
    await local.stack.importStack(state as never);

    const up = await local.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 1, same: 8 });
    const entries = await nextRequests();
    expect(entries.filter((entry) => entry.method === "POST")).toEqual([]);
    const after = await sandbox.admin.herokuWebhooks("idem-1");
    expect(after.map((webhook) => webhook.id)).toEqual([before.id]);
  });
});
