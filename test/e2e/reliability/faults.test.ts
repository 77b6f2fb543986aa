import type { FaultSpec, RequestLogEntry, Sandbox } from "heroku-squadcast-sandbox";
import { useSandboxStack } from "../../support/use-sandbox-stack";
import {
  createApps,
  duplicateCreations,
  expireTokensAfterEachExchange,
  fleetStack,
  requestFigures,
  requestsSince,
  tryDestroy,
  tryUp,
} from "../harness/reliability";

// A fleet of 15 apps on one Squadcast service that already has another owner's alert source (the
// sandbox's Datadog one), under the faults a user met on the sandbox: 12% of Heroku requests answering
// 500 (creations included), three 429s, two creations whose answer is lost after Heroku made the
// webhook, one creation answered only after the client gave up, and 10% of Squadcast requests answering
// 503. One `pulumi up` must converge, whatever the seed of the fault draws.

const APPS = 15;
const SEEDS = [1, 2, 3, 4, 5];
// The provider's per-attempt time limit for these stacks; the slow creation waits longer than this.
const TIMEOUT_MS = 1_000;
const SLOW_MS = 1_600;

function faultsOf(seed: number): FaultSpec[] {
  // The first matching fault answers, so the counted ones come before the rates.
  return [
    { target: "heroku", status: 429, retryAfterSeconds: 1, count: 3 },
    { target: "heroku", method: "POST", dropResponseAfterHandling: true, count: 2 },
    { target: "heroku", method: "POST", latencyMs: SLOW_MS, count: 1 },
    { target: "heroku", status: 500, rate: 0.12, seed },
    { target: "squadcastAuth", status: 503, count: 1 },
    // A fleet makes few Squadcast requests: one read and one write of the list fail whatever the draws.
    { target: "squadcast", method: "GET", pathPattern: "/alert-sources$", status: 503, count: 1 },
    { target: "squadcast", method: "PUT", status: 503, count: 1 },
    { target: "squadcast", status: 503, rate: 0.1, seed: seed + 100 },
  ];
}

async function activeShortNames(sandbox: Sandbox): Promise<string[]> {
  return (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName).sort();
}

/** Everything the figures line of one seed reports. */
interface SeedFigures {
  seed: number;
  requests: number;
  faults: number;
  creationFaults: number;
  squadcastFaults: number;
  retries: number;
  duplicates: number;
  upSeconds: number;
}

const figures: SeedFigures[] = [];

afterAll(() => {
  for (const seed of figures) {
    console.log(
      `faults e2e, seed ${seed.seed}: one up of ${APPS} apps, ${seed.requests} requests, ${seed.faults} faults ` +
        `(${seed.creationFaults} on creations, ${seed.squadcastFaults} Squadcast), ${seed.retries} retries, ` +
        `${seed.duplicates} duplicates, ${seed.upSeconds.toFixed(1)} s`,
    );
  }
});

describe.each(SEEDS)(`a ${APPS}-app fleet under injected faults, seed %i`, (seed) => {
  let apps: string[];
  let seq = 0;
  const { sandbox, local } = useSandboxStack(
    fleetStack({
      projectName: `reliability-faults-${seed}`,
      fleet: () => ({ service: { name: "demo-service", team: "Default Team" }, apps }),
      env: { HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: String(TIMEOUT_MS) },
    }),
  );

  beforeAll(async () => {
    apps = await createApps(sandbox, "faulty", APPS);
    seq = (await requestsSince(sandbox, 0)).last;
  });

  async function since(): Promise<RequestLogEntry[]> {
    const { entries, last } = await requestsSince(sandbox, seq);
    seq = last;
    return entries;
  }

  test("one up converges: one webhook per app, nothing duplicated, the other owner's source kept", async () => {
    for (const fault of faultsOf(seed)) await sandbox.admin.addFault(fault);
    // Seed 1 also expires the Squadcast token right after the provider obtained it.
    const stopExpiring = seed === 1 ? expireTokensAfterEachExchange(sandbox) : undefined;
    const started = Date.now();
    const up = await tryUp(local.stack);
    const upSeconds = (Date.now() - started) / 1000;
    await stopExpiring?.();
    await sandbox.admin.clearFaults();
    const entries = await since();
    const counted = requestFigures(entries, TIMEOUT_MS);

    expect(up.error).toBeUndefined();
    for (const app of apps) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
    expect(await activeShortNames(sandbox)).toEqual(["datadog", "heroku"]);

    // The faults did happen: creations without a clear answer, 429s, Heroku 500s and Squadcast 503s.
    const creations = entries.filter((entry) => entry.method === "POST" && entry.api === "heroku");
    expect(creations.filter((entry) => entry.status === 0)).toHaveLength(2);
    expect(creations.some((entry) => entry.fault === true && entry.durationMs >= TIMEOUT_MS)).toBe(true);
    expect(entries.filter((entry) => entry.status === 429)).toHaveLength(3);
    expect(entries.some((entry) => entry.api === "heroku" && entry.status === 500)).toBe(true);
    expect(entries.some((entry) => entry.api === "squadcast" && entry.status === 503)).toBe(true);
    // The lost answers were settled by adoption in the same run, and said so.
    expect(up.output).toMatch(
      /creation\(s\) of webhook [0-9a-f-]{36} got no clear answer; settled in this run/,
    );

    const duplicates = duplicateCreations(counted);
    // A creation that took effect more than once for an app would be a duplicate, even if removed since.
    expect(duplicates).toBe(0);
    figures.push({
      seed,
      requests: counted.requests,
      faults: counted.faults,
      creationFaults: creations.filter((entry) => entry.fault === true).length,
      squadcastFaults: entries.filter((entry) => entry.api !== "heroku" && entry.fault === true).length,
      retries: counted.retries,
      duplicates,
      upSeconds,
    });
  });

  test("the no-change preview after it makes no request", async () => {
    const preview = await local.stack.preview();
    expect(preview.changeSummary).toEqual({ same: APPS + 3 });
    expect(await since()).toEqual([]);
  });

  if (seed === 1) {
    test("refresh after the tokens expired, and one destroy under the same faults, leave only the other owner's source", async () => {
      await sandbox.admin.expireSquadcastTokens();
      const refresh = await local.stack.refresh();
      expect(refresh.summary.resourceChanges).toEqual({ same: APPS + 3 });

      for (const fault of faultsOf(seed + 1000)) await sandbox.admin.addFault(fault);
      await sandbox.admin.addFault({
        target: "heroku",
        method: "DELETE",
        dropResponseAfterHandling: true,
        count: 1,
      });
      const destroy = await tryDestroy(local.stack);
      await sandbox.admin.clearFaults();
      const entries = await since();

      expect(destroy.error).toBeUndefined();
      for (const app of apps) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(0);
      expect(await activeShortNames(sandbox)).toEqual(["datadog"]);
      expect(entries.some((entry) => entry.api === "heroku" && entry.fault === true)).toBe(true);
    });
  }
});
