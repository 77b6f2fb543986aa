import type { Stack } from "@pulumi/pulumi/automation";
import { HerokuSquadcastFleet } from "../../../src/components/fleet";
import type { HerokuSquadcastFleetArgs } from "../../../src/components/fleet-args";
import type { RequestLogEntry, Sandbox } from "heroku-squadcast-sandbox";
import type { SandboxStackSpec } from "../../support/use-sandbox-stack";

/**
 * Helpers of the reliability tests: fleets on the real engine against the sandbox, `up` runs that
 * report failures instead of throwing, and figures read from the sandbox's request log.
 */

/** Creates `count` Heroku apps named `<prefix>-<n>` in the sandbox and returns their names. */
export async function createApps(sandbox: Sandbox, prefix: string, count: number): Promise<string[]> {
  const apps = Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
  for (const app of apps) await sandbox.admin.createHerokuApp(app);
  return apps;
}

/** Options of {@link fleetStack}. */
export interface FleetStackOptions {
  /** Pulumi project name. */
  readonly projectName: string;
  /** The fleet's arguments, read each time the program runs, so a test may change them between runs. */
  readonly fleet: () => HerokuSquadcastFleetArgs;
  /** Environment for the CLI and provider on top of the sandbox's. Default: none. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A stack on the sandbox whose program is one `HerokuSquadcastFleet` named `fleet` (for `useSandboxStack`). */
export function fleetStack(options: FleetStackOptions): SandboxStackSpec {
  return (sandbox) => ({
    projectName: options.projectName,
    env: { ...sandbox.env, ...options.env },
    program: async () => {
      const fleet = new HerokuSquadcastFleet("fleet", options.fleet());
      return { webhooks: fleet.webhooks, serviceIds: fleet.serviceIds };
    },
  });
}

/** The outcome of one `pulumi up` or `destroy`, whether it succeeded or not. */
export interface RunOutcome {
  /** Whether the operation succeeded. */
  readonly ok: boolean;
  /** The error's message when it failed. */
  readonly error?: string;
  /** Everything the CLI printed, stdout and stderr. */
  readonly output: string;
}

/** Runs `up`, capturing what the CLI prints; never throws for a failed update. */
export async function tryUp(stack: Stack): Promise<RunOutcome> {
  let output = "";
  const collect = (text: string) => {
    output += text;
  };
  try {
    await stack.up({ onOutput: collect, onError: collect });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), output };
  }
}

/** Runs `destroy`, capturing what the CLI prints; never throws for a failed destroy. */
export async function tryDestroy(stack: Stack): Promise<RunOutcome> {
  let output = "";
  const collect = (text: string) => {
    output += text;
  };
  try {
    await stack.destroy({ onOutput: collect, onError: collect });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), output };
  }
}

/** The lines of an operation's failure that Pulumi shows for each failed resource. */
export function failureLines(outcome: RunOutcome): string[] {
  return (outcome.error ?? outcome.output)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^error: /.test(line) && !/update failed|destroy failed/i.test(line));
}

/** Figures read from a request log. */
export interface RequestFigures {
  /** Requests the sandbox served (or dropped on purpose). */
  readonly requests: number;
  /** Requests whose answer an injected fault shaped. */
  readonly faults: number;
  /**
   * Requests that repeat the one before them with the same API, method and path after that one failed
   * (a 401, 429 or 5xx, a dropped answer, or one slower than the client waited): the retries, by the
   * client or by the next run.
   */
  readonly retries: number;
  /** Webhook creations that took effect (201, or answered and then dropped), by app. */
  readonly webhookCreationsByApp: ReadonlyMap<string, number>;
}

const WEBHOOK_CREATE = /^\/apps\/([^/]+)\/webhooks$/;

/**
 * Counts requests, faults, retries and effective webhook creations in a request log.
 *
 * @param log - the entries.
 * @param clientTimeoutMs - the clients' time limit, when a test sets one: a delayed request that took
 *   at least this long failed for its client even though the server answered it. Default: none.
 */
export function requestFigures(log: readonly RequestLogEntry[], clientTimeoutMs?: number): RequestFigures {
  const lastByKey = new Map<string, RequestLogEntry>();
  let retries = 0;
  const webhookCreationsByApp = new Map<string, number>();
  for (const entry of log) {
    const key = `${entry.api} ${entry.method} ${entry.path}`;
    const previous = lastByKey.get(key);
    if (previous && failed(previous, clientTimeoutMs)) retries += 1;
    lastByKey.set(key, entry);
    const created = entry.api === "heroku" && entry.method === "POST" && WEBHOOK_CREATE.exec(entry.path);
    if (created && tookEffect(entry)) {
      webhookCreationsByApp.set(created[1], (webhookCreationsByApp.get(created[1]) ?? 0) + 1);
    }
  }
  return {
    requests: log.length,
    faults: log.filter((entry) => entry.fault).length,
    retries,
    webhookCreationsByApp,
  };
}

/** Webhook creations beyond the first per app: each one is a duplicate webhook. */
export function duplicateCreations(figures: RequestFigures): number {
  let duplicates = 0;
  for (const count of figures.webhookCreationsByApp.values()) duplicates += Math.max(0, count - 1);
  return duplicates;
}

function failed(entry: RequestLogEntry, clientTimeoutMs: number | undefined): boolean {
  if (entry.status === 0 || entry.status === 401 || entry.status === 429 || entry.status >= 500) return true;
  return entry.fault === true && clientTimeoutMs !== undefined && entry.durationMs >= clientTimeoutMs;
}

// A POST answered 201 created the webhook; one dropped on purpose (status 0) was handled before the
// answer was lost. A POST delayed past the client's timeout still completes on the server: 201.
function tookEffect(entry: RequestLogEntry): boolean {
  return entry.status === 201 || (entry.status === 0 && entry.fault === true);
}

/** Adds figures of several phases. */
export function addFigures(...all: RequestFigures[]): RequestFigures {
  const webhookCreationsByApp = new Map<string, number>();
  for (const figures of all) {
    for (const [app, count] of figures.webhookCreationsByApp) {
      webhookCreationsByApp.set(app, (webhookCreationsByApp.get(app) ?? 0) + count);
    }
  }
  return {
    requests: all.reduce((sum, figures) => sum + figures.requests, 0),
    faults: all.reduce((sum, figures) => sum + figures.faults, 0),
    retries: all.reduce((sum, figures) => sum + figures.retries, 0),
    webhookCreationsByApp,
  };
}

/** The request log entries after `since`, and the highest sequence number seen. */
export async function requestsSince(
  sandbox: Sandbox,
  since: number,
): Promise<{ entries: RequestLogEntry[]; last: number }> {
  const entries = await sandbox.admin.requests(since);
  return { entries, last: entries.length > 0 ? entries[entries.length - 1].seq : since };
}

/**
 * Expires every Squadcast access token as soon as the provider has exchanged its refresh token for
 * one, as if the token's lifetime ended in the middle of an operation. Returns a function that stops
 * watching and tells how many times tokens were expired.
 */
export function expireTokensAfterEachExchange(sandbox: Sandbox, times = 1): () => Promise<number> {
  let since = 0;
  let expired = 0;
  let stopped = false;
  const watch = (async () => {
    while (!stopped && expired < times) {
      const entries = await sandbox.admin.requests(since);
      if (entries.length > 0) since = entries[entries.length - 1].seq;
      if (entries.some((entry) => entry.api === "squadcastAuth" && entry.status === 200)) {
        await sandbox.admin.expireSquadcastTokens();
        expired += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    stopped = true;
    await watch;
    return expired;
  };
}
