import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import { newObjectId } from "../ids";
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
        receivedAt: new Date().toISOString(),
        serviceId: service.id,
        source: "heroku",
        body: request.body,
        decision,
      });
      applyDecision(state, service, decision);
      return reply.code(202).send({ result: "Request will be processed" });
    },
  );
}

/**
 * Opens, folds or resolves incidents as a decision says. Squadcast opens a new incident for every
 * trigger unless the service deduplicates (its Deduplication Rules, or Key Based Deduplication); with
 * deduplication on, a trigger whose key has an open incident is folded into it. A resolve closes every
 * open incident with its key (Squadcast's alert-source manifests: "resolves an incident/incidents with the
 * same eventIDs").
 */
export function applyDecision(
  state: SquadcastState,
  service: SquadcastService,
  decision: HerokuAlertDecision,
): void {
  if (decision.action === "ignore") return;
  const key = `${service.id}\u0000${decision.dedupKey}`;
  const open = state.openIncidents.get(key) ?? [];
  if (decision.action === "resolve") {
    // Assumption: a resolve with no open incident succeeds silently, as Squadcast's Incident Webhook does.
    const now = new Date().toISOString();
    for (const incident of open) {
      incident.status = "resolved";
      incident.resolvedAt = now;
      incident.events += 1;
    }
    state.openIncidents.delete(key);
    return;
  }
  const folded = service.config.dedup_key_enabled ? open.at(-1) : undefined;
  if (folded !== undefined) {
    folded.events += 1;
    return;
  }
  const incident: SquadcastIncident = {
    id: newObjectId(),
    serviceId: service.id,
    serviceName: service.name,
    dedupKey: decision.dedupKey,
    status: "triggered",
    summary: decision.summary,
    entity: decision.entity ?? null,
    createdAt: new Date().toISOString(),
    resolvedAt: null,
    events: 1,
  };
  state.incidents.push(incident);
  state.openIncidents.set(key, [...open, incident]);
}
