import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RequestLogEntry } from "heroku-squadcast-sandbox";

/** Request counts of one operation, from the sandbox's request log. */
export interface RequestCounts {
  /** Requests per emulated API, e.g. `{ heroku: 200, squadcast: 6, squadcastAuth: 1 }`. */
  readonly byApi: Readonly<Record<string, number>>;
  /** All requests. */
  readonly total: number;
  /** Requests answered 429. */
  readonly throttled: number;
  /** Requests answered 4xx or 5xx, or dropped. */
  readonly failed: number;
}

/** Counts the requests of a request-log slice. */
export function countRequests(entries: readonly RequestLogEntry[]): RequestCounts {
  const byApi: Record<string, number> = {};
  for (const entry of entries) byApi[entry.api] = (byApi[entry.api] ?? 0) + 1;
  return {
    byApi,
    total: entries.length,
    throttled: entries.filter((entry) => entry.status === 429).length,
    failed: entries.filter((entry) => entry.status === 0 || entry.status >= 400).length,
  };
}

/**
 * Watches the peak resident memory of the dynamic-provider processes that descend from this process (the
 * engine starts one per operation), by polling `/proc/<pid>/status` for `VmHWM`, the kernel's own
 * high-water mark: a poll that comes late still sees the peak reached before it.
 */
export class ProviderMemoryWatcher {
  private readonly peaks = new Map<number, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly intervalMs = 50) {}

  /** Starts polling. */
  start(): void {
    this.peaks.clear();
    this.poll();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
  }

  /**
   * Stops polling.
   *
   * @returns the highest peak of any provider process seen, in bytes; undefined when none was seen (an
   *   operation too short to poll, or a system without `/proc`).
   */
  stop(): number | undefined {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.poll();
    return this.peaks.size === 0 ? undefined : Math.max(...this.peaks.values());
  }

  private poll(): void {
    for (const pid of descendantsOf(process.pid)) {
      const known = this.peaks.has(pid);
      if (!known && !readProc(pid, "cmdline").includes("dynamic-provider")) continue;
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readProc(pid, "status"));
      if (match) this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, Number(match[1]) * 1024));
    }
  }
}

function descendantsOf(root: number): number[] {
  const found: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      for (const child of readProc(pid, `task/${task}/children`).split(" ").filter(Boolean)) {
        found.push(Number(child));
        pending.push(Number(child));
      }
    }
  }
  return found;
}

function readProc(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** What a checkpoint file says about size. */
export interface StateMetrics {
  /** Bytes of the whole state file. */
  readonly stateBytes: number;
  /** Resources in the state, the stack and components included. */
  readonly resources: number;
  /** Length of each dynamic resource type's serialized provider (`__provider`), by type token. */
  readonly providerBytesByType: Readonly<Record<string, number>>;
}

interface CheckpointResource {
  readonly type: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
}

/** Reads the sizes that matter from a checkpoint file's text. */
export function stateMetrics(stateText: string): StateMetrics {
  const checkpoint = JSON.parse(stateText) as {
    checkpoint?: { latest?: { resources?: CheckpointResource[] } };
  };
  const resources = checkpoint.checkpoint?.latest?.resources ?? [];
  const providerBytesByType: Record<string, number> = {};
  for (const resource of resources) {
    const provider = resource.inputs?.__provider ?? resource.outputs?.__provider;
    if (typeof provider !== "string") continue;
    providerBytesByType[resource.type] = Math.max(
      providerBytesByType[resource.type] ?? 0,
      Buffer.byteLength(provider, "utf8"),
    );
  }
  return {
    stateBytes: Buffer.byteLength(stateText, "utf8"),
    resources: resources.length,
    providerBytesByType,
  };
}

/** The machine and the versions a benchmark ran on. */
export interface Environment {
  readonly date: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly pulumiCli: string;
  readonly pulumiSdk: string;
}

/** Describes this machine, the Node version, the Pulumi CLI on PATH and the SDK this package uses. */
export function describeEnvironment(): Environment {
  let pulumiCli = "unknown";
  try {
    pulumiCli = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
  } catch {
    // Reported as unknown.
  }
  const sdkManifest = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as {
    version: string;
  };
  return {
    date: new Date().toISOString().slice(0, 10),
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumiCli,
    pulumiSdk: sdkManifest.version,
  };
}

/** The repository root, from the source tree or from the compiled copy under node_modules/.cache. */
export function repositoryRoot(): string {
  let directory = __dirname;
  while (
    !fs.existsSync(path.join(directory, "package.json")) ||
    directory.includes(`${path.sep}node_modules`)
  ) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`package.json not found above ${__dirname}`);
    directory = parent;
  }
  return directory;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
