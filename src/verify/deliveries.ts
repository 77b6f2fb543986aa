import type { HerokuWebhookDelivery } from "../clients/heroku/types";
import type { VerifyCheck } from "./types";

/** How far back deliveries count as recent: older failures say nothing about the wiring today. */
export const RECENT_DELIVERY_HOURS = 24;

/** How many of the newest deliveries are looked at, at most. */
export const RECENT_DELIVERY_LIMIT = 20;

// `retrying` means the last attempt failed too; `skipped` is what Heroku reports after 72 h of failures.
const FAILED_STATUSES = new Set(["failed", "retrying", "skipped"]);
const WAITING_STATUSES = new Set(["pending", "scheduled"]);

/**
 * The `deliveries` check: whether the webhook's recent deliveries reached their target. Fails when any
 * of the newest {@link RECENT_DELIVERY_LIMIT} deliveries of the last {@link RECENT_DELIVERY_HOURS} hours
 * failed, naming each failure's entity, time and HTTP code (or error class when no answer came).
 *
 * @param deliveries - the app's deliveries, of every webhook.
 * @param webhookId - the webhook whose deliveries count.
 * @param now - the current time. Default: now.
 */
export function deliveriesCheck(
  deliveries: readonly HerokuWebhookDelivery[],
  webhookId: string,
  now: Date = new Date(),
): VerifyCheck {
  const since = now.getTime() - RECENT_DELIVERY_HOURS * 60 * 60 * 1000;
  const recent = deliveries
    .filter((delivery) => delivery.webhook.id === webhookId && Date.parse(delivery.createdAt) >= since)
    .sort((left, right) => Date.parse(right.createdAt) - Date.parse(left.createdAt))
    .slice(0, RECENT_DELIVERY_LIMIT);
  const window = `in the last ${RECENT_DELIVERY_HOURS} h`;
  if (recent.length === 0) {
    return {
      name: "deliveries",
      ok: true,
      detail: `no deliveries ${window}: nothing the webhook listens to has happened yet (--send-test-event tests the path to Squadcast)`,
    };
  }
  const failed = recent.filter((delivery) => FAILED_STATUSES.has(delivery.status));
  const waiting = recent.filter((delivery) => WAITING_STATUSES.has(delivery.status)).length;
  const waitingNote = waiting > 0 ? `, ${waiting} not attempted yet` : "";
  if (failed.length === 0) {
    const succeeded = recent.length - waiting;
    return {
      name: "deliveries",
      ok: true,
      detail: `${succeeded} of ${recent.length} recent deliveries ${window} succeeded${waitingNote}`,
    };
  }
  return {
    name: "deliveries",
    ok: false,
    detail:
      `${failed.length} of ${recent.length} recent deliveries ${window} failed: ` +
      `${failed.map(describeFailure).join("; ")}${waitingNote}`,
  };
}

/** `api:build at 2026-01-02T03:04:05Z: failed, HTTP 503 after 1 attempt`. */
function describeFailure(delivery: HerokuWebhookDelivery): string {
  const attempt = delivery.lastAttempt;
  let outcome: string;
  if (attempt === null) outcome = "no attempt recorded";
  else if (attempt.code !== null) outcome = `HTTP ${attempt.code}`;
  else outcome = `no answer (${attempt.errorClass ?? "unknown error"})`;
  const attempts = `${delivery.numAttempts} attempt${delivery.numAttempts === 1 ? "" : "s"}`;
  return `${delivery.event.include} at ${delivery.createdAt}: ${delivery.status}, ${outcome} after ${attempts}`;
}
