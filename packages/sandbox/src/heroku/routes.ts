import type { FastifyInstance, FastifyReply } from "fastify";
import { SandboxApiError } from "../api-error";
import { newSecret, newUuid } from "../ids";
import { paginateById } from "./range";
import {
  herokuTimestamp,
  isUuid,
  publicWebhook,
  type HerokuApp,
  type HerokuState,
  type StoredWebhook,
} from "./state";
import { validateAppWebhookBody } from "./validation";

interface AppParams {
  app: string;
}

interface ItemParams extends AppParams {
  id: string;
}

/**
 * The Platform API endpoints the sandbox serves: app list and info, a team's apps, app webhooks (create, list, info, update,
 * delete), their deliveries and events, and the account's rate-limit budget.
 */
export function registerHerokuRoutes(app: FastifyInstance, state: HerokuState): void {
  const findApp = (identity: string): HerokuApp => {
    const found = state.findApp(identity);
    if (found === undefined) throw new SandboxApiError(404, "Couldn't find that app.", "not_found");
    return found;
  };
  const findWebhook = (params: ItemParams): { owner: HerokuApp; webhook: StoredWebhook } => {
    const owner = findApp(params.app);
    const webhook = isUuid(params.id) ? state.webhooksOf(owner.id).get(params.id.toLowerCase()) : undefined;
    if (webhook === undefined) throw new SandboxApiError(404, "Couldn't find that webhook.", "not_found");
    return { owner, webhook };
  };

  app.get("/account/rate-limits", async () => ({ remaining: state.rateLimiter.remaining(state.account.id) }));

  app.get("/apps", async (request, reply) => sendPage(reply, state.listApps(), request.headers.range));

  app.get<{ Params: { team: string } }>("/teams/:team/apps", async (request, reply) => {
    const team = state.findTeam(request.params.team);
    if (team === undefined) throw new SandboxApiError(404, "Couldn't find that team.", "not_found");
    const apps = state.listApps().filter((candidate) => candidate.team?.id === team.id);
    return sendPage(reply, apps.map(teamApp), request.headers.range);
  });

  app.get<{ Params: AppParams }>("/apps/:app", async (request) => findApp(request.params.app));

  app.post<{ Params: AppParams }>("/apps/:app/webhooks", async (request, reply) => {
    const owner = findApp(request.params.app);
    const body = validateAppWebhookBody("create", request.body);
    const now = herokuTimestamp();
    const webhook: StoredWebhook = {
      id: newUuid(),
      appId: owner.id,
      createdAt: now,
      updatedAt: now,
      include: [...(body.include ?? [])],
      level: body.level ?? "notify",
      url: body.url ?? "",
      secret: body.secret ?? newSecret(),
      authorization: body.authorization ?? null,
    };
    state.webhooksOf(owner.id).set(webhook.id, webhook);
    // Heroku shows a secret it generated exactly once, in this header of the create response.
    if (body.secret === undefined || body.secret === null)
      reply.header("heroku-webhook-secret", webhook.secret);
    return reply.code(201).send(publicWebhook(webhook, owner));
  });

  app.get<{ Params: AppParams }>("/apps/:app/webhooks", async (request, reply) => {
    const owner = findApp(request.params.app);
    const webhooks = [...state.webhooksOf(owner.id).values()].map((webhook) => publicWebhook(webhook, owner));
    return sendPage(reply, webhooks, request.headers.range);
  });

  app.get<{ Params: ItemParams }>("/apps/:app/webhooks/:id", async (request) => {
    const { owner, webhook } = findWebhook(request.params);
    return publicWebhook(webhook, owner);
  });

  app.patch<{ Params: ItemParams }>("/apps/:app/webhooks/:id", async (request, reply) => {
    const { owner, webhook } = findWebhook(request.params);
    const body = validateAppWebhookBody("update", request.body);
    if (body.include !== undefined) webhook.include = [...body.include];
    if (body.level !== undefined) webhook.level = body.level;
    if (body.url !== undefined) webhook.url = body.url;
    if (body.authorization !== undefined) webhook.authorization = body.authorization;
    if (body.secret !== undefined) {
      webhook.secret = body.secret ?? newSecret();
      if (body.secret === null) reply.header("heroku-webhook-secret", webhook.secret);
    }
    webhook.updatedAt = herokuTimestamp();
    return publicWebhook(webhook, owner);
  });

  app.delete<{ Params: ItemParams }>("/apps/:app/webhooks/:id", async (request) => {
    const { owner, webhook } = findWebhook(request.params);
    state.webhooksOf(owner.id).delete(webhook.id);
    return publicWebhook(webhook, owner);
  });

  app.get<{ Params: AppParams }>("/apps/:app/webhook-deliveries", async (request, reply) => {
    const owner = findApp(request.params.app);
    return sendPage(reply, state.deliveriesOf(owner.id).values(), request.headers.range);
  });

  app.get<{ Params: ItemParams }>("/apps/:app/webhook-deliveries/:id", async (request) => {
    const delivery = state.deliveriesOf(findApp(request.params.app).id).get(request.params.id.toLowerCase());
    if (delivery === undefined)
      throw new SandboxApiError(404, "Couldn't find that webhook delivery.", "not_found");
    return delivery;
  });

  app.get<{ Params: AppParams }>("/apps/:app/webhook-events", async (request, reply) => {
    const owner = findApp(request.params.app);
    return sendPage(reply, state.eventsOf(owner.id).values(), request.headers.range);
  });

  app.get<{ Params: ItemParams }>("/apps/:app/webhook-events/:id", async (request) => {
    const event = state.eventsOf(findApp(request.params.app).id).get(request.params.id.toLowerCase());
    if (event === undefined) throw new SandboxApiError(404, "Couldn't find that webhook event.", "not_found");
    return event;
  });
}

/**
 * An app as the schema's `team-app` represents it (the team endpoints' shape): no `acm`, `generation` or
 * `organization`, its team by name only, and whether the app is `locked` and the current user has `joined`
 * it.
 */
function teamApp(app: HerokuApp) {
  const { acm: _acm, generation: _generation, organization: _organization, team, ...common } = app;
  // Assumption: an app made through the sandbox is neither locked nor joined.
  return { ...common, team: team === null ? null : { name: team.name }, joined: false, locked: false };
}

/** Answers a list: 200 with everything, or 206 with one page and `Next-Range`. */
function sendPage<T extends { readonly id: string }>(
  reply: FastifyReply,
  items: Iterable<T>,
  rangeHeader: string | undefined,
): FastifyReply {
  const page = paginateById(items, rangeHeader);
  reply.header("accept-ranges", "id");
  if (page.nextRange === undefined) return reply.code(200).send(page.items);
  return reply.code(206).header("next-range", page.nextRange).send(page.items);
}
