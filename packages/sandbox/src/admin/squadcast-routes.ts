import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import type { SandboxContext } from "../context";
import { SANDBOX_FIXTURE } from "../fixture";
import type { SquadcastService } from "../squadcast/state";
import { parseOverlayRequest } from "../squadcast/dedup-key";
import {
  AddCatalogEntryRequest,
  AdvanceClockRequest,
  CreateServiceRequest,
  SetDeduplicationRequest,
  parseBody,
} from "./schemas";

/** Admin endpoints of the Squadcast emulation: services, active alert sources, incidents, tokens. */
export function registerSquadcastAdminRoutes(app: FastifyInstance, context: SandboxContext): void {
  const squadcast = context.state.squadcast;
  /** A service by id or name. */
  const findService = (identity: string): SquadcastService => {
    const found = squadcast.services.get(identity) ?? squadcast.findServiceByName(identity);
    if (found === undefined) throw new SandboxApiError(404, `No Squadcast service ${identity}.`);
    return found;
  };

  app.get("/squadcast/services", async () => [...squadcast.services.values()]);

  app.post("/squadcast/services", async (request, reply) => {
    const { name, team: teamIdentity } = parseBody(CreateServiceRequest, request.body);
    if (squadcast.findServiceByName(name) !== undefined) {
      throw new SandboxApiError(409, `Squadcast service ${name} already exists.`);
    }
    const identity = teamIdentity ?? SANDBOX_FIXTURE.squadcast.teamName;
    const team =
      squadcast.teams.get(identity) ?? squadcast.findTeamByName(identity) ?? squadcast.addTeam(identity);
    return reply.code(201).send(squadcast.addService(name, team.id));
  });

  // As deleting a service in Squadcast's UI: its key stops working, webhooks that carry it are stale.
  app.delete<{ Params: { id: string } }>("/squadcast/services/:id", async (request) => {
    const service = findService(request.params.id);
    squadcast.services.delete(service.id);
    squadcast.servicesByApiKey.delete(service.api_key);
    squadcast.activeAlertSources.delete(service.id);
    squadcast.dedupKeyOverlays.delete(service.id);
    return service;
  });

  app.post<{ Params: { id: string } }>("/squadcast/services/:id/deduplication", async (request) => {
    const service = findService(request.params.id);
    service.config.dedup_key_enabled = parseBody(SetDeduplicationRequest, request.body).enabled;
    return service;
  });

  // As another owner (a person in the UI, another stack) setting a dedup-key overlay on the Heroku alert
  // source; the body is the API's PUT body, validated the same way.
  app.put<{ Params: { id: string } }>("/squadcast/services/:id/dedup-key-overlay", async (request) => {
    const service = findService(request.params.id);
    const { template, duration } = parseOverlayRequest(request.body);
    const now = new Date().toISOString();
    const overlays = squadcast.dedupKeyOverlays.get(service.id) ?? new Map();
    const overlay = {
      created_at: now,
      updated_at: now,
      deleted_at: null,
      org_id: squadcast.organization.id,
      service_id: service.id,
      alert_source_version: "v1",
      alert_source_shortname: "heroku",
      overlay_template_type: "dedup_key" as const,
      overlay: { template, duration },
      created_by: "another-owner",
      updated_by: "another-owner",
      alert_source_type: "Heroku",
    };
    overlays.set("heroku", overlay);
    squadcast.dedupKeyOverlays.set(service.id, overlays);
    return overlay;
  });

  app.get<{ Params: { id: string } }>("/squadcast/services/:id/dedup-key-overlay", async (request) => {
    return squadcast.dedupKeyOverlays.get(findService(request.params.id).id)?.get("heroku") ?? null;
  });

  // Any JSON object is accepted, so that a test can put a malformed or unavailable entry in the catalog.
  app.post("/squadcast/catalog", async (request, reply) => {
    squadcast.extraCatalogEntries.push(parseBody(AddCatalogEntryRequest, request.body).entry);
    return reply.code(201).send(squadcast.servedCatalog());
  });

  app.get<{ Params: { id: string } }>("/squadcast/services/:id/alert-sources", async (request) => {
    const active = new Set(squadcast.activeAlertSources.get(findService(request.params.id).id) ?? []);
    return squadcast.catalog.filter((source) => active.has(source._id));
  });

  app.get<{ Querystring: { service?: string } }>("/squadcast/incidents", async (request) => {
    const serviceId = request.query.service === undefined ? undefined : findService(request.query.service).id;
    return squadcast.incidents.filter(
      (incident) => serviceId === undefined || incident.serviceId === serviceId,
    );
  });

  app.get<{ Querystring: { service?: string } }>("/squadcast/payloads", async (request) => {
    const serviceId = request.query.service === undefined ? undefined : findService(request.query.service).id;
    return squadcast.payloads.filter((payload) => serviceId === undefined || payload.serviceId === serviceId);
  });

  app.post("/squadcast/expire-tokens", async () => ({ expired: squadcast.expireAccessTokens() }));

  app.post("/squadcast/clock", async (request) => {
    const { minutes } = parseBody(AdvanceClockRequest, request.body);
    return { now: new Date(squadcast.advanceClock(minutes * 60_000)).toISOString() };
  });
}
