import type { SandboxApi } from "./apis";
import { newUuid } from "./ids";

/** A failure to inject into the requests of one emulated API. */
export interface FaultSpec {
  /** The API whose requests fail. */
  readonly target: SandboxApi;
  /**
   * Answer with this status instead of handling the request, in the API's own error shape (so an
   * injected 429 looks like that API's 429). A 2xx or 3xx status needs `body`: a success answer whose
   * body is malformed. Default: 500 when `body` is set, else no status fault.
   */
  readonly status?: number;
  /** Adds a `Retry-After` header, in seconds, to the injected response. Default: none. */
  readonly retryAfterSeconds?: number;
  /** Fail only the next N matching requests, then retire. Default: every matching request. */
  readonly count?: number;
  /** Fail this fraction (0..1) of matching requests, drawn from a seeded generator. Default: all. */
  readonly rate?: number;
  /** Seed of the generator behind `rate`, so a run is repeatable. Default: 1. */
  readonly seed?: number;
  /** Delay the request by this many milliseconds before it is answered or handled. Default: 0. */
  readonly latencyMs?: number;
  /** Only requests with this HTTP method (any case). Default: every method. */
  readonly method?: string;
  /** Only requests whose path (without query) matches this regular expression. Default: every path. */
  readonly pathPattern?: string;
  /**
   * Handle the request for real, then destroy the socket without answering: a lost response, after
   * which the client cannot tell whether its request took effect. Default: false.
   */
  readonly dropResponseAfterHandling?: boolean;
  /** Raw response body to send instead of the API's error shape (an HTML page, truncated JSON...). */
  readonly body?: string;
  /** Content type of `body`. Default: `text/plain; charset=utf-8`. */
  readonly contentType?: string;
}

/** A registered fault, as listed by the admin API. */
export interface Fault extends FaultSpec {
  /** Identifies the fault. */
  readonly id: string;
  /** For a `count` fault, how many more requests it will fail. */
  readonly remaining?: number;
  /** How many requests it has affected so far. */
  readonly hits: number;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  readonly id: string;
  readonly path: RegExp | undefined;
  readonly random: () => number;
  remaining: number | undefined;
  hits: number;
}

/** The injected failures of one sandbox, applied in the order they were added; the first match wins. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  /** Registers a fault. Throws a `SyntaxError` when `pathPattern` is not a valid regular expression. */
  add(spec: FaultSpec): Fault {
    const fault: ActiveFault = {
      spec,
      id: newUuid(),
      path: spec.pathPattern === undefined ? undefined : new RegExp(spec.pathPattern),
      random: seededRandom(spec.seed ?? 1),
      remaining: spec.count,
      hits: 0,
    };
    this.faults.push(fault);
    return describe(fault);
  }

  /** The faults still active. */
  list(): Fault[] {
    return this.faults.map(describe);
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /**
   * The fault that applies to this request, if any, counted as a hit. Consumes one unit of a `count`
   * fault and one draw of a `rate` fault's generator.
   */
  take(api: SandboxApi, method: string, path: string): FaultSpec | undefined {
    if (this.faults.length === 0) return undefined;
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.target !== api) continue;
      if (spec.method !== undefined && spec.method.toUpperCase() !== method) continue;
      if (fault.path !== undefined && !fault.path.test(path)) continue;
      if (spec.rate !== undefined && fault.random() >= spec.rate) continue;
      fault.hits += 1;
      if (fault.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
      }
      return spec;
    }
    return undefined;
  }
}

function describe(fault: ActiveFault): Fault {
  return {
    ...fault.spec,
    id: fault.id,
    hits: fault.hits,
    ...(fault.remaining === undefined ? {} : { remaining: fault.remaining }),
  };
}

/** Mulberry32: a tiny, fast generator that is plenty for picking which requests fail. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
