import { randomUUID } from "node:crypto";
import type { SquadcastClient, SquadcastService } from "../clients/squadcast/client";
import { HEROKU_ALERT_SOURCE_SHORT_NAME } from "../mapping";
import { testBuildEvent } from "./test-event";
import type { VerifyCheck } from "./types";

/**
 * Whether the service deduplicates the app's Heroku alerts (a dedup-key overlay for the Heroku alert
 * source, and `dedup_key_enabled`), and the key Squadcast renders for the test build event (the render
 * endpoint: nothing is posted, no incident opens). Off is reported, not failed: deduplication is opt-in.
 */
export async function deduplicationCheck(
  squadcast: SquadcastClient,
  service: SquadcastService,
  app: { readonly id: string; readonly name: string },
): Promise<VerifyCheck> {
  const [overlay, enabled] = await Promise.all([
    squadcast.getDedupKeyOverlay(service.id, HEROKU_ALERT_SOURCE_SHORT_NAME),
    squadcast.getDedupKeyEnabled(service.id),
  ]);
  if (overlay === undefined || !enabled) {
    const why =
      overlay === undefined ? "no Heroku dedup-key overlay" : "an overlay, but dedup_key_enabled off";
    return {
      name: "deduplication",
      ok: true,
      detail:
        `off on ${service.name} (${why}): every trigger opens its own incident; ` +
        "set deduplicate: true on the integration or fleet for one incident per failing streak",
    };
  }
  const key = await squadcast.renderDedupKey(
    service.id,
    overlay.template,
    testBuildEvent(app, "failed", randomUUID()),
  );
  return {
    name: "deduplication",
    ok: true,
    detail: `on for Heroku on ${service.name} (window ${overlay.durationMinutes} minutes); the test build event's key: ${key}`,
  };
}
