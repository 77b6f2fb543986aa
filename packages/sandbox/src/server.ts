import type { FastifyInstance } from "fastify";
import { createAdminServer } from "./admin/server";
import { SandboxAdminClient } from "./admin-client";
import type { SandboxContext } from "./context";
import { FaultRegistry } from "./faults";
import { SANDBOX_FIXTURE } from "./fixture";
import type { HerokuRateLimitOptions } from "./heroku/rate-limit";
import { createHerokuServer } from "./heroku/server";
import { RequestLog } from "./request-log";
import { createSentryServer } from "./sentry/server";
import { createSquadcastApiServer, createSquadcastAuthServer } from "./squadcast/server";
import { SandboxState } from "./state";

/** How to start a sandbox. */
export interface SandboxOptions {
  /** Interface to listen on. Keep it a loopback address. Default: `127.0.0.1`. */
  readonly host?: string;
  /**
   * First port: Heroku listens on `port`, then Squadcast API, Squadcast auth, Sentry and admin on the
   * next four. Default: 0, a free port for each.
   */
  readonly port?: number;
  /** Delay added to every API request, in milliseconds (the admin API can change it). Default: 0. */
  readonly latencyMs?: number;
  /** Heroku's per-account request budget. Default: 4500 tokens, refilled 75 per minute. */
  readonly herokuRateLimit?: HerokuRateLimitOptions;
  /** Lifetime of Squadcast access tokens, in seconds. Default: 172 800 (48 hours). */
  readonly tokenLifetimeSeconds?: number;
  /** Log every request to stderr, with credentials masked. Default: false. */
  readonly log?: boolean;
}

/** The base URL of each emulated API, each served at its root path like the real host. */
export interface SandboxUrls {
  /** Stands in for `https://api.heroku.com`. */
  readonly heroku: string;
  /** Stands in for `https://api.squadcast.com`, ingestion included. */
  readonly squadcast: string;
  /** Stands in for `https://auth.squadcast.com`. */
  readonly squadcastAuth: string;
  /** Stands in for a Sentry host such as `https://us.sentry.io`. */
  readonly sentry: string;
  /** The admin API, under `/__sandbox/`. */
  readonly admin: string;
}

/** A running sandbox. */
export interface Sandbox {
  /** Where each API listens. */
  readonly urls: SandboxUrls;
  /**
   * Environment variables that point the library at the sandbox: `HEROKU_API_URL`, `HEROKU_API_KEY`,
   * `SQUADCAST_API_URL`, `SQUADCAST_AUTH_URL`, `SQUADCAST_REFRESH_TOKEN`, `SENTRY_URL`, plus
   * `SANDBOX_ADMIN_URL`.
   */
  readonly env: Readonly<Record<string, string>>;
  /** A client of the admin API. */
  readonly admin: SandboxAdminClient;
  /** Stops every server, closing open connections. */
  stop(): Promise<void>;
}

/** Starts the Heroku, Squadcast and Sentry emulations and the admin API, with the default fixture. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? false;
  const context: SandboxContext = {
    state: new SandboxState({
      herokuRateLimit: options.herokuRateLimit,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    }),
    requestLog: new RequestLog(),
    faults: new FaultRegistry(),
    settings: { latencyMs: options.latencyMs ?? 0 },
  };
  const servers: Record<keyof SandboxUrls, FastifyInstance> = {
    heroku: createHerokuServer(context, log),
    squadcast: createSquadcastApiServer(context, log),
    squadcastAuth: createSquadcastAuthServer(context, log),
    sentry: createSentryServer(context, log),
    admin: createAdminServer(context, log),
  };
  const stop = async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  };
  const basePort = options.port ?? 0;
  const urls: Partial<Record<keyof SandboxUrls, string>> = {};
  try {
    const entries = Object.entries(servers) as [keyof SandboxUrls, FastifyInstance][];
    for (const [offset, [name, server]] of entries.entries()) {
      await server.listen({ host, port: basePort === 0 ? 0 : basePort + offset });
      urls[name] = urlOf(host, server);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const resolved = urls as SandboxUrls;
  return {
    urls: resolved,
    env: {
      HEROKU_API_URL: resolved.heroku,
      HEROKU_API_KEY: SANDBOX_FIXTURE.heroku.apiKey,
      SQUADCAST_API_URL: resolved.squadcast,
      SQUADCAST_AUTH_URL: resolved.squadcastAuth,
      SQUADCAST_REFRESH_TOKEN: SANDBOX_FIXTURE.squadcast.refreshToken,
      SENTRY_URL: resolved.sentry,
      SANDBOX_ADMIN_URL: resolved.admin,
    },
    admin: new SandboxAdminClient(resolved.admin),
    stop,
  };
}

function urlOf(host: string, server: FastifyInstance): string {
  const address = server.server.address();
  if (address === null || typeof address === "string")
    throw new Error("The sandbox server has no TCP address.");
  const hostname = host.includes(":") ? `[${host}]` : host;
  return `http://${hostname}:${address.port}`;
}
