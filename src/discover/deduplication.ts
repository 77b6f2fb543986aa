import type { SquadcastClient } from "../clients/squadcast/client";
import { isApiError } from "../http";
import {
  DEFAULT_DEDUP_WINDOW_MINUTES,
  HEROKU_ALERT_SOURCE_SHORT_NAME,
  HEROKU_DEDUP_KEY_TEMPLATE,
} from "../mapping";
import type { ServiceDeduplication } from "./types";

/**
 * Whether a service deduplicates its Heroku alerts, in one request: its Heroku dedup-key overlay. The
 * switch `dedup_key_enabled` comes with the service list the scan already read (the specification makes
 * `config` part of every service); only when the list omits it is `GET /v3/services/{id}/config` read too.
 *
 * @param squadcast - the scan's client.
 * @param service - the service's id and, when the list carried it, its `dedup_key_enabled`.
 * @returns what was read, or undefined when the refresh token's role may not read it (403).
 */
export async function readDeduplication(
  squadcast: SquadcastClient,
  service: { readonly id: string; readonly dedupKeyEnabled?: boolean },
): Promise<ServiceDeduplication | undefined> {
  try {
    const [overlay, enabled] = await Promise.all([
      squadcast.getDedupKeyOverlay(service.id, HEROKU_ALERT_SOURCE_SHORT_NAME),
      service.dedupKeyEnabled ?? squadcast.getDedupKeyEnabled(service.id),
    ]);
    if (overlay === undefined) return { enabled, overlay: "none" };
    return {
      enabled,
      overlay: overlay.template === HEROKU_DEDUP_KEY_TEMPLATE ? "package" : "other",
      windowMinutes: overlay.durationMinutes,
    };
  } catch (error) {
    // One service's permissions must not cost the whole scan: its finding says it was not read.
    if (isApiError(error, "Squadcast") && error.status === 403) return undefined;
    throw error;
  }
}

/** Whether Squadcast folds the service's repeated Heroku triggers: the switch on and an overlay there. */
export function deduplicates(deduplication: ServiceDeduplication): boolean {
  return deduplication.enabled && deduplication.overlay !== "none";
}

/**
 * The route option that turns deduplication on for a service without it, as the program would write it:
 * `deduplicate: true`; with the window of an overlay of this package's template already there, so that
 * `up` adopts it instead of stopping at a different window; `{ takeOver: true }` over another owner's.
 *
 * @param deduplication - what {@link readDeduplication} read.
 */
export function deduplicateOption(deduplication: ServiceDeduplication): string {
  if (deduplication.overlay === "other") return "deduplicate: { takeOver: true }";
  const window = deduplication.windowMinutes;
  if (window !== undefined && window !== DEFAULT_DEDUP_WINDOW_MINUTES)
    return `deduplicate: { windowMinutes: ${window} }`;
  return "deduplicate: true";
}
