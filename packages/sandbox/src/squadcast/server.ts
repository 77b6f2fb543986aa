import type { FastifyInstance } from "fastify";
import { createApiServer } from "../api-server";
import type { SandboxContext } from "../context";
import { registerAccessTokenRoute } from "./auth-routes";
import { renderSquadcastError } from "./errors";
import { registerIngestionRoutes } from "./ingestion";
import { registerSquadcastRoutes } from "./routes";

/**
 * The emulated Squadcast API host (`https://api.squadcast.com`): the v3 API, the token exchange alias
 * and ingestion, which the request log and faults name `ingestion`.
 */
export function createSquadcastApiServer(context: SandboxContext, log: boolean): FastifyInstance {
  const state = context.state.squadcast;
  const app = createApiServer(context, {
    api: "squadcast",
    apiForPath: (path) => (/^\/v\d+\/incidents\//.test(path) ? "ingestion" : "squadcast"),
    renderError: renderSquadcastError,
    notFoundMessage: "Not found.",
    bodies: "json",
    log,
  });
  registerAccessTokenRoute(app, state, "/v3/oauth/access-token");
  registerIngestionRoutes(app, state);
  registerSquadcastRoutes(app, state);
  return app;
}

/** The emulated Squadcast auth host (`https://auth.squadcast.com`). */
export function createSquadcastAuthServer(context: SandboxContext, log: boolean): FastifyInstance {
  const app = createApiServer(context, {
    api: "squadcastAuth",
    renderError: renderSquadcastError,
    notFoundMessage: "Not found.",
    bodies: "json",
    log,
  });
  registerAccessTokenRoute(app, context.state.squadcast, "/oauth/access-token");
  return app;
}
