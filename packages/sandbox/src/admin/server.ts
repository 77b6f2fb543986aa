import Fastify, { type FastifyInstance } from "fastify";
import type { SandboxContext } from "../context";
import { registerHerokuAdminRoutes } from "./heroku-routes";
import { registerAdminRoutes } from "./routes";
import { registerSentryAdminRoutes } from "./sentry-routes";
import { registerSquadcastAdminRoutes } from "./squadcast-routes";

/** The prefix of every admin endpoint, so the admin API never collides with an emulated one. */
export const ADMIN_PREFIX = "/__sandbox";

/**
 * The admin API: no auth, JSON in and out, errors as `{error}`. It drives the emulated services (reset,
 * fixtures, simulated Heroku events), inspects what they recorded, and injects faults and latency.
 */
export function createAdminServer(context: SandboxContext, log: boolean): FastifyInstance {
  const app = Fastify({
    logger: log ? { level: "info", stream: process.stderr } : false,
    forceCloseConnections: true,
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, "sandbox admin route failed");
    return reply.code(status).send({ error: status >= 500 ? "Internal server error." : error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `No admin endpoint ${request.method} ${request.url.split("?")[0]}.` }),
  );
  app.register(
    async (admin) => {
      registerAdminRoutes(admin, context);
      registerHerokuAdminRoutes(admin, context);
      registerSquadcastAdminRoutes(admin, context);
      registerSentryAdminRoutes(admin, context);
    },
    { prefix: ADMIN_PREFIX },
  );
  return app;
}
