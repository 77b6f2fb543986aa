import type { LocalStack } from "../../../src/engine/local-stack";
import { startSandbox, type FaultSpec, type RequestLogEntry, type Sandbox } from "heroku-squadcast-sandbox";
import {
  addFigures,
  createApps,
  duplicateCreations,
  expireTokensAfterEachExchange,
  failureLines,
  openFleetStack,
  requestFigures,
  requestsSince,
  tryDestroy,
  tryUp,
  type RequestFigures,
} from "../harness/reliability";

// The provider's per-attempt time limit for this stack; the slow-answer fault waits longer than this.
const TIMEOUT_MS = 1_000;
const SLOW_MS = 1_600;

/**
 * Faults the library must absorb within one run: 429s (with `Retry-After`) anywhere, 5xx and answers
 * slower than the time limit on requests that are safe to repeat, a failed token exchange, and Squadcast
 * answering 502 and 429. Seeded rates, plus counts where a kind must show up whatever the order.
 */
const ABSORBABLE: readonly FaultSpec[] = [
  { target: "heroku", status: 429, retryAfterSeconds: 1, rate: 0.05, seed: 11 },
  { target: "heroku", method: "GET", status: 503, rate: 0.04, seed: 12 },
  { target: "heroku", method: "GET", latencyMs: SLOW_MS, rate: 0.03, seed: 13 },
  { target: "heroku", method: "DELETE", status: 500, rate: 0.1, seed: 14 },
  { target: "heroku", method: "DELETE", dropResponseAfterHandling: true, count: 1 },
  { target: "squadcastAuth", status: 503, count: 1 },
  { target: "squadcast", status: 502, count: 1 },
  { target: "squadcast", status: 429, retryAfterSeconds: 1, count: 1 },
  // Slows the first Squadcast calls, so that the token expires before the later ones are sent.
  { target: "squadcast", latencyMs: 300, count: 3 },
];

/**
 * Faults after which the library must not repeat the request itself: a webhook creation answered 500,
 * and one answered only after the client gave up (Heroku still creates that webhook).
 */
const CREATION_FAILURES: readonly FaultSpec[] = [
  { target: "heroku", method: "POST", status: 500, count: 1 },
  { target: "heroku", method: "POST", latencyMs: SLOW_MS, count: 1 },
  { target: "heroku", method: "POST", status: 503, rate: 0.05, seed: 15 },
];

// Every message a failed run may show for a resource: the API, the call, what happened, what to do.
const CLEAR_FAILURE =
  /^error: Heroku API POST \/apps\/faulty-\d+\/webhooks failed: (500 internal_server_error|503 unavailable|timed out after \d+ ms)\b.*The request was not repeated because the server may have acted on it; check before running again$/;

describe("a 20-app fleet under injected faults", () => {
  let sandbox: Sandbox;
  let local: LocalStack;
  let apps: string[];
  let seq = 0;
  let firstUp: RequestLogEntry[] = [];
  const phases: Record<string, RequestFigures> = {};

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    apps = await createApps(sandbox, "faulty", 20);
    local = await openFleetStack({
      sandbox,
      projectName: "reliability-faults",
      fleet: () => ({ service: { name: "demo-service", team: "Default Team" }, apps }),
      env: { HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    seq = (await requestsSince(sandbox, 0)).last;
  });
  afterAll(async () => {
    await local?.dispose();
    await sandbox?.stop();
    const all = addFigures(...Object.values(phases));
    console.log(
      `faults e2e: ${all.requests} requests, ${all.faults} faults injected, ${all.retries} retries, ` +
        `${duplicateCreations(all)} duplicates`,
    );
  });

  /** The requests since the previous phase, and their figures, kept for the totals. */
  async function phase(name: string): Promise<{ entries: RequestLogEntry[]; figures: RequestFigures }> {
    const { entries, last } = await requestsSince(sandbox, seq);
    seq = last;
    phases[name] = requestFigures(entries, TIMEOUT_MS);
    return { entries, figures: phases[name] };
  }

  test("a first up absorbs retryable faults and fails clearly only on webhook creations it must not repeat", async () => {
    for (const fault of [...CREATION_FAILURES, ...ABSORBABLE]) await sandbox.admin.addFault(fault);
    const stopExpiring = expireTokensAfterEachExchange(sandbox);
    const first = await tryUp(local.stack);
    const expirations = await stopExpiring();
    await sandbox.admin.clearFaults();
    const { entries, figures } = await phase("first up");

    expect(first.ok).toBe(false);
    const lines = failureLines(first);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(CLEAR_FAILURE);
    // Each failure is a webhook creation; nothing Squadcast or a retryable Heroku call did failed the run.
    expect(lines.some((line) => line.includes("500 internal_server_error"))).toBe(true);

    expect(figures.faults).toBeGreaterThanOrEqual(8);
    expect(figures.retries).toBeGreaterThanOrEqual(4);
    expect(entries.some((entry) => entry.api === "squadcast" && entry.status === 502)).toBe(true);
    expect(entries.some((entry) => entry.api === "squadcast" && entry.status === 429)).toBe(true);
    // The token expired mid-run: Squadcast answered 401 and the provider exchanged its refresh token again.
    expect(expirations).toBe(1);
    expect(entries.some((entry) => entry.api === "squadcast" && entry.status === 401)).toBe(true);
    expect(
      count(entries, (entry) => entry.api === "squadcastAuth" && entry.status === 200),
    ).toBeGreaterThanOrEqual(2);
    expect(duplicateCreations(figures)).toBe(0);
    firstUp = entries;
  });

  test("the next up, still under retryable faults, converges without creating any webhook twice", async () => {
    for (const fault of ABSORBABLE) await sandbox.admin.addFault({ ...fault, seed: (fault.seed ?? 0) + 100 });
    const second = await tryUp(local.stack);
    await sandbox.admin.clearFaults();
    const { entries } = await phase("second up");

    expect(second.error).toBeUndefined();
    // The slow creation was carried out by the server although its client had given up (it may have
    // finished after the first run ended), and the second run adopted that webhook instead of posting.
    const posts = [...firstUp, ...entries].filter((entry) => entry.method === "POST" && entry.status === 201);
    const slow = posts.find((entry) => entry.fault === true);
    expect(slow).toBeDefined();
    expect(posts.filter((entry) => entry.path === slow!.path)).toEqual([slow]);
    const all = addFigures(...Object.values(phases));
    expect(duplicateCreations(all)).toBe(0);
    for (const app of apps) {
      expect(all.webhookCreationsByApp.get(app)).toBe(1);
      expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
    }
    const active = (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName);
    expect(active.sort()).toEqual(["datadog", "heroku"]);
  });

  test("once converged, an up with expired tokens changes nothing and writes nothing", async () => {
    await sandbox.admin.expireSquadcastTokens();
    const result = await local.stack.up();
    const { entries } = await phase("third up");
    expect(result.summary.resourceChanges).toEqual({ same: 23 });
    expect(entries.filter((entry) => entry.method !== "GET")).toEqual([]);
  });

  test("refresh after the tokens expired between operations, and destroy under retryable faults, succeed in one run", async () => {
    await sandbox.admin.expireSquadcastTokens();
    const refresh = await local.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    expect(refresh.summary.resourceChanges).toEqual({ same: 23 });
    await phase("refresh");

    await sandbox.admin.expireSquadcastTokens();
    for (const fault of ABSORBABLE) await sandbox.admin.addFault({ ...fault, seed: (fault.seed ?? 0) + 200 });
    const destroy = await tryDestroy(local.stack);
    await sandbox.admin.clearFaults();
    const { entries } = await phase("destroy");

    expect(destroy.error).toBeUndefined();
    // The DELETE whose answer was lost was repeated and answered 404, which counts as deleted.
    expect(entries.some((entry) => entry.method === "DELETE" && entry.status === 0)).toBe(true);
    expect(entries.some((entry) => entry.method === "DELETE" && entry.status === 404)).toBe(true);
    for (const app of apps) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(0);
    const active = (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName);
    expect(active).toEqual(["datadog"]);
  });
});

function count<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length;
}
