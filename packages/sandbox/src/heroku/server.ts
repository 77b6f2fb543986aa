import type { FastifyInstance } from "fastify";
import { createApiServer } from "../api-server";
import type { SandboxContext } from "../context";
import { installHerokuConventions } from "./conventions";
import { renderHerokuError } from "./errors";
import { registerHerokuRoutes } from "./routes";

/** The emulated Heroku Platform API, served at the root path like `https://api.heroku.com`. */
export function createHerokuServer(context: SandboxContext, log: boolean): FastifyInstance {
  const app = createApiServer(context, {
    api: "heroku",
    renderError: renderHerokuError,
    notFoundMessage:
      "The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`), and did you specify your intended version with the `Accept` header?",
    bodies: "json",
    log,
  });
  installHerokuConventions(app, context.state.heroku);
  registerHerokuRoutes(app, context.state.heroku);
  return app;
}
