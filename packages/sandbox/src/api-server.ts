import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { SandboxApiError } from "./api-error";
import type { SandboxApi } from "./apis";
import type { SandboxContext } from "./context";
import { redactPath } from "./request-log";

/** How one emulated API differs from the others in the parts every API has. */
export interface ApiServerOptions {
  /** The API this server emulates, as named in the request log and fault targets. */
  readonly api: SandboxApi;
  /** Names the API per path, for a host that serves two (Squadcast's API host also takes ingestion). */
  readonly apiForPath?: (path: string) => SandboxApi;
  /** Renders an error body in the API's own shape. */
  readonly renderError: (statusCode: number, message: string, errorId?: string) => unknown;
  /** The message of a 404 for a path the API does not have. */
  readonly notFoundMessage: string;
  /**
   * `json`: bodies are parsed as JSON and malformed ones answered with 400. `raw`: the route gets the
   * bytes, for a receiver that must check a signature over them before parsing.
   */
  readonly bodies: "json" | "raw";
  /** Whether `/a/` and `/a` are the same route. Default: false. */
  readonly ignoreTrailingSlash?: boolean;
  /** Largest accepted body, in bytes; larger ones get 413. Default: 1 MiB. */
  readonly bodyLimit?: number;
  /** Log requests to stderr. Default: false. */
  readonly log?: boolean;
}

/** What the shared hooks remember about one request. */
interface RequestTrace {
  readonly api: SandboxApi;
  readonly startedAt: number;
  faulted: boolean;
  dropResponse: boolean;
  /** Latency of a fault that lets the request be handled, slept once the body has been read. */
  handlingDelayMs: number;
  /** All the latency the sandbox added to this request, sandbox-wide and injected, for the log. */
  delayMs: number;
  logged: boolean;
}

const traces = new WeakMap<IncomingMessage, RequestTrace>();
const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** The exact bytes of a request body, for signature checks. Undefined when the request had none. */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request.raw);
}

/**
 * Creates the fastify instance of one emulated API with what every API shares: body parsing into the
 * API's error shape, injected faults and latency, the request log, and errors that never crash the
 * server. Routes are added by the caller.
 */
export function createApiServer(context: SandboxContext, options: ApiServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.log
      ? {
          level: "info",
          stream: process.stderr,
          serializers: { req: (request: { method: string; url: string }) => describeRequest(request) },
        }
      : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: options.ignoreTrailingSlash ?? false },
  });
  const apiForPath = options.apiForPath ?? (() => options.api);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (request, body: Buffer, done) => {
    rawBodies.set(request.raw, body);
    if (options.bodies === "raw") return done(null, body);
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(body.toString("utf8")));
    } catch {
      // The parser's own message quotes the body, which may hold a secret.
      done(new SandboxApiError(400, "Request body is not valid JSON."), undefined);
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    const path = pathOf(request.url);
    const trace: RequestTrace = {
      api: apiForPath(path),
      startedAt: Date.now(),
      faulted: false,
      dropResponse: false,
      handlingDelayMs: 0,
      delayMs: 0,
      logged: false,
    };
    traces.set(request.raw, trace);
    const fault = context.faults.take(trace.api, request.method, path);
    const answered = fault !== undefined && (fault.status !== undefined || fault.body !== undefined);
    const latencyMs = context.settings.latencyMs + (answered ? (fault.latencyMs ?? 0) : 0);
    trace.delayMs = latencyMs;
    if (latencyMs > 0) await sleep(latencyMs);
    if (fault === undefined) return;
    trace.faulted = true;
    if (answered) {
      const status = fault.status ?? 500;
      if (fault.retryAfterSeconds !== undefined) reply.header("retry-after", String(fault.retryAfterSeconds));
      reply.code(status);
      if (fault.body !== undefined) {
        reply.type(fault.contentType ?? "text/plain; charset=utf-8").send(fault.body);
      } else {
        reply.send(options.renderError(status, `Injected fault: status ${status}.`));
      }
      return reply;
    }
    trace.dropResponse = fault.dropResponseAfterHandling === true;
    trace.handlingDelayMs = fault.latencyMs ?? 0;
    trace.delayMs += trace.handlingDelayMs;
  });

  // A slow server still carries out a request whose client gave up waiting, so the delay of a fault
  // that lets the request through is slept once the body has been read, not before.
  app.addHook("preHandler", async (request) => {
    const delayMs = traces.get(request.raw)?.handlingDelayMs ?? 0;
    if (delayMs > 0) await sleep(delayMs);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const trace = traces.get(request.raw);
    if (trace?.dropResponse) {
      record(context, request, reply, trace, 0);
      request.raw.socket?.destroy();
    } else if (trace && request.raw.socket?.destroyed) {
      // The client gave up (a timeout) before this answer: no response event will come to log it.
      record(context, request, reply, trace, reply.statusCode);
    }
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    const trace = traces.get(request.raw);
    if (trace) record(context, request, reply, trace, reply.statusCode);
  });

  app.setErrorHandler((error: Error & { statusCode?: number; errorId?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, "sandbox route failed");
    const message = status >= 500 ? "Internal server error." : error.message;
    return reply.code(status).send(options.renderError(status, message, error.errorId));
  });

  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).send(options.renderError(404, options.notFoundMessage));
  });
  return app;
}

function record(
  context: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  trace: RequestTrace,
  status: number,
): void {
  if (trace.logged) return;
  trace.logged = true;
  context.requestLog.record({
    api: trace.api,
    method: request.method,
    path: redactPath(request.url),
    status,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    delayMs: trace.delayMs,
    at: new Date(trace.startedAt).toISOString(),
    ...(trace.faulted ? { fault: true as const } : {}),
  });
}

function describeRequest(request: { method: string; url: string }): { method: string; url: string } {
  return { method: request.method, url: redactPath(request.url) };
}

function pathOf(url: string): string {
  const queryStart = url.indexOf("?");
  return queryStart === -1 ? url : url.slice(0, queryStart);
}
