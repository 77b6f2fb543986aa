import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import { newObjectId } from "../ids";
import { dedupKeyFor } from "./dedup-key";
import { decideHerokuAlert, type HerokuAlertDecision } from "./heroku-rules";
import type { SquadcastIncident, SquadcastService, SquadcastState } from "./state";

/** Squadcast's documented payload limit for webhook alert sources. */
export const INGESTION_BODY_LIMIT_BYTES = 30 * 1024;

/**
 * The Heroku alert source's webhook URL, `POST /v1/incidents/heroku/{api_key}`: no auth but the key in
 * the path. Each body is recorded and classified, then opens, folds or resolves incidents
 * ({@link applyDecision}).
 */
export function registerIngestionRoutes(app: FastifyInstance, state: SquadcastState): void {
  app.post<{ Params: { apiKey: string } }>(
    "/v1/incidents/heroku/:apiKey",
    { bodyLimit: INGESTION_BODY_LIMIT_BYTES },
    async (request, reply) => {
      const service = state.servicesByApiKey.get(request.params.apiKey);
      // The message must not echo the key: it is a credential.
      if (service === undefined) throw new SandboxApiError(404, "No service has this API key.");
      if (request.body === undefined) throw new SandboxApiError(400, "Request body is empty.");
      const decision = decideHerokuAlert(request.body);
      state.payloads.push({
        receivedAt: new Date(state.now()).toISOString(),
        serviceId: service.id,
        source: "heroku",
        body: request.body,
        decision,
      });
      applyDecision(state, service, decision, dedupKeyFor(state, service, "heroku", request.body));
      return reply.code(202).send({ result: "Request will be processed" });
    },
  );
}

/**
 * Opens, folds or resolves incidents as a decision says. Squadcast opens a new incident for every
 * trigger unless the service deduplicates; with key-based deduplication (an overlay for the alert source
 * and `dedup_key_enabled`), a trigger whose rendered key equals that of an open incident opened within
 * the overlay's window is folded into it (Squadcast's "Key Based Deduplication" guide: "compared (using
 * equality) against any previous Incidents within the Deduplication Window"). A resolve closes every open
 * incident with its event key (Squadcast's alert-source manifests: "resolves an incident/incidents with
 * the same eventIDs").
 */
export function applyDecision(
  state: SquadcastState,
  service: SquadcastService,
  decision: HerokuAlertDecision,
  overlayKey?: { key: string; durationMinutes: number },
): void {
  if (decision.action === "ignore") return;
  const key = `${service.id}\u0000${decision.dedupKey}`;
  const open = state.openIncidents.get(key) ?? [];
  if (decision.action === "resolve") {
    // Assumption: a resolve with no open incident succeeds silently, as Squadcast's Incident Webhook does.
    const now = new Date(state.now()).toISOString();
    for (const incident of open) {
      incident.status = "resolved";
      incident.resolvedAt = now;
      incident.events += 1;
    }
    state.openIncidents.delete(key);
    return;
  }
  const folded = overlayKey === undefined ? undefined : foldTarget(state, service, overlayKey);
  if (folded !== undefined) {
    folded.events += 1;
    return;
  }
  const incident: SquadcastIncident = {
    id: newObjectId(),
    serviceId: service.id,
    serviceName: service.name,
    dedupKey: decision.dedupKey,
    overlayKey: overlayKey?.key ?? null,
    status: "triggered",
    summary: decision.summary,
    entity: decision.entity ?? null,
    createdAt: new Date(state.now()).toISOString(),
    resolvedAt: null,
    events: 1,
  };
  state.incidents.push(incident);
  state.openIncidents.set(key, [...open, incident]);
}

/**
 * The open incident of the service a keyed trigger folds into: the newest with the same overlay key
 * opened less than the window ago. Assumption: the window counts from the incident's creation (the guide:
 * "within the Deduplication Window (last 5 minutes or the specified duration)"), and only open incidents
 * count (its Deduplication Rules page: "work only on incidents in either the Triggered or Acknowledged
 * states").
 */
function foldTarget(
  state: SquadcastState,
  service: SquadcastService,
  overlayKey: { key: string; durationMinutes: number },
): SquadcastIncident | undefined {
  const since = state.now() - overlayKey.durationMinutes * 60_000;
  for (let index = state.incidents.length - 1; index >= 0; index -= 1) {
    const incident = state.incidents[index];
    if (
      incident.serviceId === service.id &&
      incident.status === "triggered" &&
      incident.overlayKey === overlayKey.key &&
      Date.parse(incident.createdAt) > since
    ) {
      return incident;
    }
  }
  return undefined;
}
