import type { FastifyInstance } from "fastify";
import { createApiServer } from "../api-server";
import type { SandboxContext } from "../context";
import { registerSentryReceiver } from "./receiver";

/** The emulated Sentry host: only the Heroku release hook. */
export function createSentryServer(context: SandboxContext, log: boolean): FastifyInstance {
  const app = createApiServer(context, {
    api: "sentry",
    renderError: (_status, message) => ({ detail: message }),
    notFoundMessage: "The requested resource does not exist",
    // The hook checks the body's signature over its exact bytes before parsing it.
    bodies: "raw",
    // Sentry's newest URL pattern makes the hook's trailing slash optional.
    ignoreTrailingSlash: true,
    log,
  });
  registerSentryReceiver(app, context.state.sentry);
  return app;
}
