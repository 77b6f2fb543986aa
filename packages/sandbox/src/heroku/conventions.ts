import type { FastifyInstance, FastifyRequest } from "fastify";
import type { IncomingMessage } from "node:http";
import { SandboxApiError } from "../api-error";
import { newUuid } from "../ids";
import type { HerokuState } from "./state";

/** The one Platform API version the sandbox speaks. */
export const HEROKU_MEDIA_TYPE = "application/vnd.heroku+json; version=3";

const NOT_ACCEPTABLE_MESSAGE =
  "Please specify a version along with Heroku's API MIME type. For example, `Accept: application/vnd.heroku+json; version=3`.";

/** Endpoints that do not spend the rate-limit budget. */
const FREE_PATHS = new Set(["/account/rate-limits"]);

const requestIds = new WeakMap<IncomingMessage, string>();

/**
 * Adds the Platform API's request conventions to a server: the versioned `Accept` header (406
 * otherwise), `Authorization` with the API key (Bearer, or Basic with the key as password), the
 * per-account rate limit, and `Request-Id` plus `RateLimit-Remaining` on every response.
 */
export function installHerokuConventions(app: FastifyInstance, state: HerokuState): void {
  app.addHook("onRequest", async (request) => {
    requestIds.set(request.raw, requestIdOf(request));
    if (!acceptsVersion3(request.headers.accept)) {
      throw new SandboxApiError(406, NOT_ACCEPTABLE_MESSAGE, "not_acceptable");
    }
    const apiKey = apiKeyOf(request.headers.authorization);
    if (apiKey === undefined || !state.apiKeys.has(apiKey)) {
      throw new SandboxApiError(401, "Invalid credentials provided.", "unauthorized");
    }
    if (FREE_PATHS.has(request.url.split("?")[0])) return;
    if (!state.rateLimiter.take(state.account.id).allowed) {
      throw new SandboxApiError(429, "Your account reached the API rate limit.", "rate_limit");
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("request-id", requestIds.get(request.raw) ?? requestIdOf(request));
    const remaining = reply.statusCode === 429 ? 0 : state.rateLimiter.remaining(state.account.id);
    reply.header("ratelimit-remaining", String(remaining));
    return payload;
  });
}

/** Echoes a client's `Request-Id` when it is a plausible id, as Heroku does to correlate logs. */
function requestIdOf(request: FastifyRequest): string {
  const sent = request.headers["request-id"];
  return typeof sent === "string" && /^[\w.-]{1,200}$/.test(sent) ? sent : newUuid();
}

/**
 * Whether any media range of the header is Heroku's JSON type at version 3. Variants such as
 * `version=3.webhooks` (the webhooks beta) and extra parameters are tolerated, as Heroku does.
 */
export function acceptsVersion3(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept.split(",").some((range) => {
    const [mediaType, ...parameters] = range.split(";").map((part) => part.trim().toLowerCase());
    if (mediaType !== "application/vnd.heroku+json") return false;
    return parameters.some((parameter) => /^version\s*=\s*"?3(\.[a-z0-9-]+)?"?$/.test(parameter));
  });
}

function apiKeyOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (credentials === undefined) return undefined;
  if (scheme.toLowerCase() === "bearer") return credentials;
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    return separator === -1 ? undefined : decoded.slice(separator + 1);
  }
  return undefined;
}
