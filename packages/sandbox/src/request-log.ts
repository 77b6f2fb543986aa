import type { SandboxApi } from "./apis";

/** One API request the sandbox served. Holds no header value, query string or credential. */
export interface RequestLogEntry {
  /** Position in the log, increasing from 1; never reused, even after the log is cleared. */
  readonly seq: number;
  /** Which emulated API answered. */
  readonly api: SandboxApi;
  /** The HTTP method. */
  readonly method: string;
  /** The path without its query string, with credentials in it replaced by `***`. */
  readonly path: string;
  /** The status sent, or 0 when the response was dropped on purpose. */
  readonly status: number;
  /** Time from the request's arrival to the response, in milliseconds. */
  readonly durationMs: number;
  /** The latency the sandbox added on purpose (sandbox-wide and injected by a fault), in milliseconds. */
  readonly delayMs: number;
  /** When the request arrived (ISO 8601). */
  readonly at: string;
  /** Set when an injected fault shaped the response. */
  readonly fault?: true;
}

/**
 * Paths that carry a credential: a Squadcast service `api_key` is the last segment of an ingestion URL,
 * and a Sentry hook URL's signature is a bearer credential.
 */
const CREDENTIAL_SEGMENTS = [
  /^(\/v\d+\/incidents\/[^/]+\/)[^/]+/,
  /^(\/api\/hooks\/release\/[^/]+\/[^/]+\/)[^/]+/,
];

/** Makes a request URL safe to log: drops the query string and masks credentials inside the path. */
export function redactPath(url: string): string {
  const queryStart = url.indexOf("?");
  let path = queryStart === -1 ? url : url.slice(0, queryStart);
  for (const pattern of CREDENTIAL_SEGMENTS) {
    path = path.replace(pattern, "$1***");
  }
  return path;
}

/**
 * The request log, oldest first. Bounded so that a long benchmark cannot exhaust memory: past
 * `capacity` entries the oldest ones are dropped.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** @param capacity how many entries to keep; default 100 000. */
  constructor(private readonly capacity = 100_000) {}

  /** Appends an entry and returns it with its sequence number. */
  record(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const recorded = { seq: this.nextSeq++, ...entry };
    this.entries.push(recorded);
    // Trimming in batches keeps appends amortised O(1).
    if (this.entries.length > this.capacity + Math.ceil(this.capacity / 10)) {
      this.entries.splice(0, this.entries.length - this.capacity);
    }
    return recorded;
  }

  /** The entries whose `seq` is greater than `afterSeq` (all entries when it is 0). */
  since(afterSeq = 0): RequestLogEntry[] {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle].seq <= afterSeq) low = middle + 1;
      else high = middle;
    }
    return this.entries.slice(low);
  }

  /** Forgets every entry; sequence numbers keep increasing. */
  clear(): void {
    this.entries = [];
  }
}
