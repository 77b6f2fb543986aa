import type { FastifyInstance } from "fastify";
import { SandboxApiError } from "../api-error";
import type { SandboxContext } from "../context";
import { deliverEvent } from "../heroku/deliveries";
import { publicWebhook, type HerokuApp } from "../heroku/state";
import { CreateAppRequest, SimulateEventRequest, parseBody } from "./schemas";

/** Admin endpoints of the Heroku emulation: apps, their webhooks with secrets, and simulated events. */
export function registerHerokuAdminRoutes(app: FastifyInstance, context: SandboxContext): void {
  const heroku = context.state.heroku;
  const findApp = (identity: string): HerokuApp => {
    const found = heroku.findApp(identity);
    if (found === undefined) throw new SandboxApiError(404, `No Heroku app ${identity}.`);
    return found;
  };

  app.get("/heroku/apps", async () => heroku.listApps());

  app.post("/heroku/api-key/rotate", async () => ({ apiKey: heroku.rotateApiKey() }));

  app.post("/heroku/apps", async (request, reply) => {
    const { name, team } = parseBody(CreateAppRequest, request.body);
    if (heroku.findApp(name) !== undefined)
      throw new SandboxApiError(409, `Heroku app ${name} already exists.`);
    return reply.code(201).send(heroku.addApp(name, undefined, team));
  });

  // Unlike the Platform API, this shows each webhook's secret and authorization, so that tests can
  // check what a client configured.
  app.get<{ Params: { app: string } }>("/heroku/apps/:app/webhooks", async (request) => {
    const owner = findApp(request.params.app);
    return [...heroku.webhooksOf(owner.id).values()].map((webhook) => ({
      ...publicWebhook(webhook, owner),
      secret: webhook.secret,
      authorization: webhook.authorization,
    }));
  });

  app.post<{ Params: { app: string } }>("/heroku/apps/:app/events", async (request) => {
    const owner = findApp(request.params.app);
    return deliverEvent(heroku, owner, parseBody(SimulateEventRequest, request.body));
  });
}
