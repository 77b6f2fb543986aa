import type { FaultRegistry } from "./faults";
import type { RequestLog } from "./request-log";
import type { SandboxState } from "./state";

/**
 * The emulated APIs, as named in the request log and in fault targets. `ingestion` is the part of the
 * Squadcast API host that receives alert-source webhooks: it has no auth and its own failure modes, so it
 * is told apart from the rest of `squadcast`.
 */
export type SandboxApi = "heroku" | "squadcast" | "squadcastAuth" | "sentry" | "ingestion";

/** Every emulated API name, for validation. */
export const SANDBOX_APIS = [
  "heroku",
  "squadcast",
  "squadcastAuth",
  "sentry",
  "ingestion",
] as const satisfies readonly SandboxApi[];

/** Settings that the admin API may change while the sandbox runs. */
export interface SandboxSettings {
  /** Delay added to every API request (not admin requests), in milliseconds. */
  latencyMs: number;
}

/** What every route module of one sandbox shares. */
export interface SandboxContext {
  /** The in-memory state of the three emulated services. */
  readonly state: SandboxState;
  /** Every API request served, for tests and the benchmark. */
  readonly requestLog: RequestLog;
  /** Injected failures. */
  readonly faults: FaultRegistry;
  /** Mutable run-time settings. */
  readonly settings: SandboxSettings;
}
