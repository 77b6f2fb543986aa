import { repeatWhileTransient } from "../http/repeat";
import type { SquadcastClient } from "../clients/squadcast/client";
import { withServiceLock } from "./service-lock";

/** How many times a write lost to a concurrent writer is merged again before giving up. */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * Makes an alert source active on a service without dropping anyone else's, and says whether it did
 * (false: it was already active, so it belongs to someone else too).
 *
 * The list is replaced whole by each PUT, so two writers that read the same list lose one of the two
 * additions. Within one process the caller's per-service lock prevents that, across processes on this
 * machine a lock file does (`service-lock.ts`); for other writers (other machines, the Squadcast UI) the
 * read-back after each write detects an overwrite that landed before it, and the merge is written again.
 *
 * A read or write that still fails transiently after the client's retries (a 503 at the end of its
 * budget) starts the whole read-merge-write again, so one run converges; a write of an earlier round
 * that did land still counts as this call's addition.
 */
export async function activateAlertSource(
  squadcast: SquadcastClient,
  serviceId: string,
  alertSourceId: string,
): Promise<boolean> {
  const progress = { wrote: false };
  return withServiceLock(serviceId, () =>
    repeatWhileTransient(() => activate(squadcast, serviceId, alertSourceId, progress)),
  );
}

async function activate(
  squadcast: SquadcastClient,
  serviceId: string,
  alertSourceId: string,
  progress: { wrote: boolean },
): Promise<boolean> {
  let active = await squadcast.getActiveAlertSourceIds(serviceId);
  if (active.includes(alertSourceId)) return progress.wrote;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    // Set before the write: its answer may be lost after Squadcast applied it.
    progress.wrote = true;
    await squadcast.setActiveAlertSourceIds(serviceId, [...active, alertSourceId]);
    active = await squadcast.getActiveAlertSourceIds(serviceId);
    if (active.includes(alertSourceId)) return true;
    await pause(attempt);
  }
  throw new Error(
    `Squadcast service ${serviceId}: the alert source was removed again after each of ${MAX_WRITE_ATTEMPTS} writes; ` +
      "another process keeps rewriting the service's alert sources. Run again once it is done.",
  );
}

/** Removes an alert source from a service's active list, keeping every other one; verified like {@link activateAlertSource}. */
export async function deactivateAlertSource(
  squadcast: SquadcastClient,
  serviceId: string,
  alertSourceId: string,
): Promise<void> {
  return withServiceLock(serviceId, () =>
    repeatWhileTransient(() => deactivate(squadcast, serviceId, alertSourceId)),
  );
}

async function deactivate(
  squadcast: SquadcastClient,
  serviceId: string,
  alertSourceId: string,
): Promise<void> {
  let active = await squadcast.getActiveAlertSourceIds(serviceId);
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS && active.includes(alertSourceId); attempt++) {
    await squadcast.setActiveAlertSourceIds(
      serviceId,
      active.filter((id) => id !== alertSourceId),
    );
    active = await squadcast.getActiveAlertSourceIds(serviceId);
    if (active.includes(alertSourceId)) await pause(attempt);
  }
  if (active.includes(alertSourceId)) {
    throw new Error(
      `Squadcast service ${serviceId}: the alert source came back after each of ${MAX_WRITE_ATTEMPTS} removals; ` +
        "another process keeps rewriting the service's alert sources. Run again once it is done.",
    );
  }
}

/** A short, growing, jittered pause, so competing writers stop colliding. */
function pause(attempt: number): Promise<void> {
  const milliseconds = Math.min(2_000, 50 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
