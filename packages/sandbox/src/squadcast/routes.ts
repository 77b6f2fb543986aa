import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import { registerDedupKeyRoutes } from "./dedup-key";
import type { SquadcastService, SquadcastState } from "./state";

interface IdParams {
  id: string;
}

interface ServiceQuery {
  owner_id?: string;
  name?: string;
}

/**
 * The v3 endpoints the library reads or writes: teams, services, the organization, the alert-source
 * catalog and a service's active alert sources. Every one needs a live bearer access token.
 */
export function registerSquadcastRoutes(app: FastifyInstance, state: SquadcastState): void {
  app.register(async (authenticated) => {
    authenticated.addHook("onRequest", async (request) => {
      const [scheme, token] = (request.headers.authorization ?? "").trim().split(/\s+/, 2);
      if (scheme.toLowerCase() !== "bearer" || token === undefined) {
        throw new SandboxApiError(401, "Unauthorized: a bearer access token is required.");
      }
      const status = state.checkAccessToken(token);
      if (status === "expired") throw new SandboxApiError(401, "Unauthorized: the access token has expired.");
      if (status === "unknown") throw new SandboxApiError(401, "Unauthorized: invalid access token.");
    });
    registerAuthenticatedRoutes(authenticated, state);
  });
}

function registerAuthenticatedRoutes(app: FastifyInstance, state: SquadcastState): void {
  const findService = (id: string): SquadcastService => {
    const service = state.services.get(id);
    if (service === undefined) throw new SandboxApiError(404, "Service not found.");
    return service;
  };
  const requireOwner = (ownerId: string | undefined): string => {
    if (ownerId === undefined || ownerId === "") throw new SandboxApiError(400, "owner_id is required.");
    if (!state.teams.has(ownerId)) throw new SandboxApiError(404, "Team not found.");
    return ownerId;
  };

  app.get("/v3/organization", async () => ({ data: state.organization }));

  registerDedupKeyRoutes(app, state, findService);

  app.get("/v3/teams", async () => ({ data: [...state.teams.values()] }));

  app.get<{ Querystring: { name?: string } }>("/v3/teams/by-name", async (request) => {
    if (!request.query.name) throw new SandboxApiError(400, "name is required.");
    const team = state.findTeamByName(request.query.name);
    if (team === undefined) throw new SandboxApiError(404, "Team not found.");
    return { data: team };
  });

  app.get<{ Params: IdParams }>("/v3/teams/:id", async (request) => {
    const team = state.teams.get(request.params.id);
    if (team === undefined) throw new SandboxApiError(404, "Team not found.");
    return { data: team };
  });

  app.get<{ Querystring: ServiceQuery }>("/v3/services", async (request) => {
    const ownerId = requireOwner(request.query.owner_id);
    const owned = [...state.services.values()].filter(
      (service) =>
        service.owner.id === ownerId &&
        (request.query.name === undefined || service.name === request.query.name),
    );
    return { data: owned };
  });

  app.get<{ Querystring: ServiceQuery }>("/v3/services/by-name", async (request) => {
    const ownerId = requireOwner(request.query.owner_id);
    if (!request.query.name) throw new SandboxApiError(400, "name is required.");
    const service = state.findServiceByName(request.query.name);
    if (service === undefined || service.owner.id !== ownerId)
      throw new SandboxApiError(404, "Service not found.");
    return { data: service };
  });

  app.get<{ Params: IdParams }>("/v3/services/:id", async (request) => ({
    data: findService(request.params.id),
  }));

  app.get("/v3/alert-sources", async () => ({ data: state.servedCatalog() }));

  app.get<{ Params: IdParams }>("/v3/catalog-services/:id/alert-sources", async (request) => {
    const service = findService(request.params.id);
    return { data: activeSourcesBody(state, service.id) };
  });

  app.put<{ Params: IdParams }>("/v3/catalog-services/:id/alert-sources", async (request) => {
    const service = findService(request.params.id);
    const requested = (request.body as { alert_sources?: unknown } | undefined)?.alert_sources;
    if (!Array.isArray(requested) || !requested.every((id): id is string => typeof id === "string")) {
      throw new SandboxApiError(400, "alert_sources must be an array of alert source ids.");
    }
    const unknown = requested.filter((id) => !state.isCatalogId(id));
    if (unknown.length > 0) throw new SandboxApiError(400, `Invalid alert source id: ${unknown.join(", ")}.`);
    // The list is replaced, not merged: what is not sent is deactivated.
    state.activeAlertSources.set(service.id, [...new Set(requested)]);
    return { data: activeSourcesBody(state, service.id) };
  });
}

function activeSourcesBody(state: SquadcastState, serviceId: string) {
  return {
    alert_sources: (state.activeAlertSources.get(serviceId) ?? []).map((id) => ({ alert_source_id: id })),
  };
}
