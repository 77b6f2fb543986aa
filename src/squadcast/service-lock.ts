import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Options of {@link withServiceLock}. */
export interface ServiceLockOptions {
  /** Where lock files live. Default: the system's temporary directory. */
  readonly directory?: string;
  /** How long to wait for another process to let go before giving up. Default: 120000 (two minutes). */
  readonly waitMs?: number;
  /** A lock file this old is taken to be left behind by a process that died. Default: 300000. */
  readonly staleMs?: number;
}

const DEFAULT_WAIT_MS = 120_000;
const DEFAULT_STALE_MS = 300_000;

/**
 * Runs `work` while this process holds the lock file of a Squadcast service's alert-source list, so
 * that processes on one machine (several stacks updated at once, in CI or by hand) take turns.
 *
 * Squadcast replaces the list whole on every PUT and offers no version to compare against, so two
 * processes that read the list before either writes lose one of the two changes, even after the
 * change was verified (the other write may land after the verifying read). Within one process the
 * provider's per-service queue prevents this; across processes on one machine this lock does. Writers on
 * other machines are not covered: see docs/reliability.md.
 *
 * A lock whose holder no longer runs, or older than `staleMs`, is taken over.
 *
 * @param serviceId - the Squadcast service whose list is edited.
 * @param work - the read-merge-write sequence.
 * @param options - where the lock lives and how long to wait.
 * @throws Error naming the lock file when another process holds it for longer than `waitMs`.
 */
export async function withServiceLock<T>(
  serviceId: string,
  work: () => Promise<T>,
  options: ServiceLockOptions = {},
): Promise<T> {
  const file = lockFileOf(serviceId, options.directory ?? os.tmpdir());
  await acquire(file, options.waitMs ?? DEFAULT_WAIT_MS, options.staleMs ?? DEFAULT_STALE_MS);
  try {
    return await work();
  } finally {
    await fs.rm(file, { force: true });
  }
}

/** The lock file of a service: named by a hash, since the id comes from an API response. */
export function lockFileOf(serviceId: string, directory: string): string {
  const digest = createHash("sha256").update(serviceId).digest("hex").slice(0, 24);
  return path.join(directory, `pulumi-heroku-squadcast-alert-sources-${digest}.lock`);
}

async function acquire(file: string, waitMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, `${process.pid}\n${os.hostname()}\n`, { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readHolder(file);
    if (holder && isAbandoned(holder, staleMs)) {
      // Only the content read above is removed: a holder that just replaced it keeps its lock.
      const again = await readHolder(file);
      if (again?.text === holder.text) await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Another process (pid ${holder?.pid ?? "unknown"}) has been changing the alert sources of this ` +
          `Squadcast service for over ${Math.round(waitMs / 1000)} s. Run again once it is done; if no ` +
          `other pulumi is running, delete ${file}.`,
      );
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(200, 10 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random())),
    );
  }
}

interface Holder {
  readonly text: string;
  readonly pid: number;
  readonly host: string;
  readonly ageMs: number;
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file)]);
    const [pid, host] = text.split("\n");
    return { text, pid: Number(pid), host: host ?? "", ageMs: Date.now() - stat.mtimeMs };
  } catch {
    // Gone between the failed create and this read: the next attempt will tell.
    return undefined;
  }
}

function isAbandoned(holder: Holder, staleMs: number): boolean {
  if (holder.ageMs > staleMs) return true;
  // A half-written file is young, and its writer is about to finish it.
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
