import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "../context";
import { AddFaultRequest, SetLatencyRequest, parseBody } from "./schemas";

/** Admin endpoints that concern the whole sandbox: reset, the request log, faults and latency. */
export function registerAdminRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post("/reset", async () => {
    context.state.reset();
    context.faults.clear();
    context.requestLog.clear();
    context.settings.latencyMs = 0;
    return { reset: true };
  });

  app.get<{ Querystring: { since?: string } }>("/requests", async (request) => {
    const since = Number(request.query.since ?? 0);
    return context.requestLog.since(Number.isFinite(since) ? since : 0);
  });

  app.delete("/requests", async (_request, reply) => {
    context.requestLog.clear();
    return reply.code(204).send();
  });

  app.post("/faults", async (request, reply) => {
    const fault = context.faults.add(parseBody(AddFaultRequest, request.body));
    return reply.code(201).send({ id: fault.id });
  });

  app.get("/faults", async () => context.faults.list());

  app.delete("/faults", async (_request, reply) => {
    context.faults.clear();
    return reply.code(204).send();
  });

  app.post("/latency", async (request) => {
    context.settings.latencyMs = parseBody(SetLatencyRequest, request.body).latencyMs;
    return { latencyMs: context.settings.latencyMs };
  });
}
