import type { FaultRegistry } from "./faults";
import type { RequestLog } from "./request-log";
import type { SandboxState } from "./state";

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
