import { createHash } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import * as lockfile from "proper-lockfile";

/** Options of {@link withServiceLock}. */
export interface ServiceLockOptions {
  /**
   * Where lock files live.
   *
   * @defaultValue the system's temporary directory
   */
  readonly directory?: string;
  /**
   * How long to wait for another process to let go before giving up.
   *
   * @defaultValue 120000 (two minutes)
   */
  readonly waitMs?: number;
  /**
   * A lock not refreshed for this long is taken to be left behind by a process that died. A live holder
   * refreshes its lock every `staleMs / 2`, however long its work takes. At least 5000.
   *
   * @defaultValue 10000
   */
  readonly staleMs?: number;
}

const DEFAULT_WAIT_MS = 120_000;
const DEFAULT_STALE_MS = 10_000;

/**
 * Runs `work` while this process holds the lock of a Squadcast service's alert-source list, so that
 * processes on one machine (several stacks updated at once, in CI or by hand) take turns.
 *
 * Squadcast replaces the list whole on every PUT and offers no version to compare against, so two
 * processes that read the list before either writes lose one of the two changes, even after the
 * change was verified (the other write may land after the verifying read). Within one process the
 * provider's per-service queue prevents this; across processes on one machine this lock does. Writers on
 * other machines are not covered: see docs/reliability.md.
 *
 * The lock is proper-lockfile's: a directory made atomically, whose time stamp the holder keeps fresh
 * while it runs. A lock that has not been refreshed for `staleMs` (its holder died) is taken over; a live
 * holder's lock never goes stale.
 *
 * @param serviceId - the Squadcast service whose list is edited.
 * @param work - the read-merge-write sequence.
 * @param options - where the lock lives and how long to wait.
 * @throws Error naming the lock when another process holds it for longer than `waitMs`.
 */
export async function withServiceLock<T>(
  serviceId: string,
  work: () => Promise<T>,
  options: ServiceLockOptions = {},
): Promise<T> {
  const file = lockTargetOf(serviceId, options.directory ?? os.tmpdir());
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: Math.max(5_000, options.staleMs ?? DEFAULT_STALE_MS),
      // Short, growing, jittered waits; `forever` repeats the last one until maxRetryTime has passed.
      retries: {
        retries: 6,
        forever: true,
        minTimeout: 20,
        maxTimeout: 250,
        randomize: true,
        maxRetryTime: waitMs,
      },
      // The default throws from a timer, which would end the provider process. A lock lost to a takeover
      // leaves the write unguarded, and the read-back after every write still catches a lost change.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    throw new Error(
      `Another process has been changing the alert sources of this Squadcast service for over ` +
        `${Math.round(waitMs / 1000)} s. Run again once it is done; if no other pulumi is running, delete ` +
        `${lockPathOf(serviceId, options.directory ?? os.tmpdir())}.`,
      { cause: error },
    );
  }
  try {
    return await work();
  } finally {
    // A compromised lock is already gone: there is nothing left to release.
    await release().catch(() => undefined);
  }
}

/** What is locked: a name derived by hash, since the id comes from an API response. Nothing is written here. */
function lockTargetOf(serviceId: string, directory: string): string {
  const digest = createHash("sha256").update(serviceId).digest("hex").slice(0, 24);
  return path.join(directory, `pulumi-heroku-squadcast-alert-sources-${digest}`);
}

/** The lock itself (a directory), as proper-lockfile names it. */
export function lockPathOf(serviceId: string, directory: string): string {
  return `${lockTargetOf(serviceId, directory)}.lock`;
}
