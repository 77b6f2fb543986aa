import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../context";
import { CreateProjectRequest, HookRemovalRequest, parseBody } from "./schemas";

/** Admin endpoints of the Sentry emulation: projects, and the releases, deploys and hook outcomes. */
export function registerSentryAdminRoutes(app: FastifyInstance, context: SandboxContext): void {
  const sentry = context.state.sentry;

  app.get("/sentry/projects", async () => [...sentry.projects.values()]);

  app.post("/sentry/projects", async (request, reply) => {
    const input = parseBody(CreateProjectRequest, request.body);
    const project = sentry.addProject({
      id: input.id === undefined ? sentry.nextProjectId() : String(input.id),
      slug: input.slug,
      webhookSecret: input.webhookSecret,
      releaseToken: input.releaseToken,
      environment: input.environment ?? null,
      repository: input.repository ?? null,
      members: input.members ?? [],
      pluginEnabled: input.pluginEnabled ?? true,
      strictSignatures: input.strictSignatures ?? false,
    });
    return reply.code(201).send(project);
  });

  app.post("/sentry/hook-removal", async (request) => {
    const { status } = parseBody(HookRemovalRequest, request.body);
    sentry.hookRemovedStatus = status;
    return { status };
  });

  app.get("/sentry/releases", async () => [...sentry.releases.values()]);

  app.get("/sentry/deploys", async () => sentry.deploys);

  app.get("/sentry/hook-outcomes", async () => sentry.hookOutcomes);
}
