import { requireHerokuApiKey, requireSquadcastRefreshToken, type ProviderSettings } from "../config";
import { HerokuClient, type HerokuApp } from "../clients/heroku/client";
import { isApiError, isNotFoundError, type HttpTuning } from "../http";
import { AdaptiveRateLimiter } from "../http/rate-limiter";
import { SquadcastTokenSource } from "../clients/squadcast/auth";
import { SquadcastClient } from "../clients/squadcast/client";
import { readDeduplication } from "./deduplication";
import { destinationOf } from "./plan";
import type { EstateScan, ScannedApp, ScannedService, SkippedApp } from "./types";

/** How far a scan is. */
export interface ScanProgress {
  /** Apps whose webhooks were read (or skipped). */
  readonly done: number;
  /** Apps to read. */
  readonly total: number;
  /** Requests Heroku may still take before the scan waits for its rate limit to refill. */
  readonly herokuBudget: number;
}

/** What to scan. */
export interface ScanOptions {
  /**
   * Only these apps, by name or id.
   *
   * @defaultValue every app the API key can see (or the team's)
   */
  readonly apps?: readonly string[];
  /**
   * Only this Heroku team's apps, by name or id.
   *
   * @defaultValue every app the API key can see
   */
  readonly team?: string;
  /**
   * Told after each app.
   *
   * @defaultValue nothing
   */
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * The limiter every Heroku request goes through: the provider's kind, which paces requests by Heroku's
   * `RateLimit-Remaining` and waits for the budget to refill after a 429.
   *
   * @defaultValue a new one
   *
   * @internal For the CLI and tests; the published declarations leave it out, as it exposes bottleneck.
   */
  readonly rateLimiter?: AdaptiveRateLimiter;
  /**
   * Hooks and limits of both HTTP clients, e.g. `onRequest` to count requests.
   *
   * @defaultValue none
   *
   * @internal For the CLI and tests; the published declarations leave it out, as it exposes axios.
   */
  readonly http?: Omit<HttpTuning, "rateLimiter">;
}

// A scan is all GETs, so it can afford to wait out a long rate-limit pause rather than give up.
const SCAN_RETRIES = { retries: 8, maxRetryElapsedMs: 300_000 } as const;

/**
 * Reads what discover needs, and nothing else: the Heroku apps (one paged list), each app's webhooks
 * (one request per app), the Squadcast teams and their services (independent of the number of apps), and
 * the Heroku dedup-key overlay of each service some webhook delivers to (one request per such service).
 * The result holds the services' keys: give it to `planDiscovery`, never print it.
 *
 * @param settings - endpoints and credentials, e.g. from `verifySettingsFromEnv`.
 * @param options - what to scan and where to report progress.
 */
export async function scanEstate(settings: ProviderSettings, options: ScanOptions = {}): Promise<EstateScan> {
  const tuning = { ...SCAN_RETRIES, ...options.http };
  const rateLimiter = options.rateLimiter ?? new AdaptiveRateLimiter();
  const heroku = new HerokuClient({
    apiKey: requireHerokuApiKey(settings),
    apiUrl: settings.heroku.apiUrl,
    rateLimiter,
    ...tuning,
  });
  const squadcast = new SquadcastClient({
    tokenSource: new SquadcastTokenSource({
      refreshToken: requireSquadcastRefreshToken(settings),
      authUrl: settings.squadcast.authUrl,
      ...tuning,
    }),
    apiUrl: settings.squadcast.apiUrl,
    ...tuning,
  });

  const servicesPending = scanServices(squadcast);
  // Settled now so a Squadcast failure while Heroku is still listing cannot go unhandled.
  servicesPending.catch(() => undefined);
  const skipped: SkippedApp[] = [];
  const listed = await listAppsToScan(heroku, options, skipped);
  let done = 0;
  const report = () =>
    options.onProgress?.({ done, total: listed.length, herokuBudget: rateLimiter.remainingBudget() });
  report();
  const scanned = await Promise.all(
    listed.map(async (app): Promise<ScannedApp | undefined> => {
      try {
        return { id: app.id, name: app.name, webhooks: await heroku.listWebhooks(app.id) };
      } catch (error) {
        const reason = unreadable(error);
        if (reason === undefined) throw error;
        skipped.push({ app: app.name, reason });
        return undefined;
      } finally {
        done += 1;
        report();
      }
    }),
  );
  const apps = scanned.filter((app): app is ScannedApp => app !== undefined);
  return { apps, services: await withDeduplication(squadcast, apps, await servicesPending), skipped };
}

/** The services with their deduplication read, for those some app's webhook delivers to: one read each. */
async function withDeduplication(
  squadcast: SquadcastClient,
  apps: readonly ScannedApp[],
  services: readonly ScannedService[],
): Promise<ScannedService[]> {
  const serviceIdByKey = new Map(services.map((service) => [service.apiKey, service.id]));
  const delivered = new Set(
    apps.flatMap((app) =>
      app.webhooks.map((webhook) => {
        const destination = destinationOf(webhook.url, serviceIdByKey);
        return destination.kind === "service" ? destination.serviceId : undefined;
      }),
    ),
  );
  return Promise.all(
    services.map(async (service) =>
      delivered.has(service.id)
        ? { ...service, deduplication: await readDeduplication(squadcast, service) }
        : service,
    ),
  );
}

async function listAppsToScan(
  heroku: HerokuClient,
  options: ScanOptions,
  skipped: SkippedApp[],
): Promise<HerokuApp[]> {
  const inScope = options.team === undefined ? undefined : await teamApps(heroku, options.team);
  if (options.apps === undefined || options.apps.length === 0) return inScope ?? (await heroku.listApps());
  // Read at once (the limiter paces them), kept in the order asked for.
  const found = await Promise.all(
    [...new Set(options.apps)].map(async (wanted) => {
      const app = inScope
        ? inScope.find((candidate) => candidate.name === wanted || candidate.id === wanted)
        : await heroku.getApp(wanted).catch((error: unknown) => {
            if (isNotFoundError(error)) return undefined;
            throw error;
          });
      if (!app) {
        skipped.push({
          app: wanted,
          reason: inScope ? `not an app of team ${options.team}` : "no such app that the API key can see",
        });
      }
      return app;
    }),
  );
  return found.filter((app): app is HerokuApp => app !== undefined);
}

async function teamApps(heroku: HerokuClient, team: string): Promise<HerokuApp[]> {
  try {
    return await heroku.listTeamApps(team);
  } catch (error) {
    if (isNotFoundError(error))
      throw new Error(`Heroku has no team ${team} that the API key can see`, { cause: error });
    throw error;
  }
}

/** Every service of every team, with its team's name; requests grow with teams, not with apps. */
async function scanServices(squadcast: SquadcastClient): Promise<ScannedService[]> {
  const teams = await squadcast.listTeams();
  const perTeam = await Promise.all(
    teams.map(async (team) =>
      (await squadcast.listServices(team.id)).map((service): ScannedService => ({
        id: service.id,
        name: service.name,
        teamName: teams.find((candidate) => candidate.id === (service.teamId ?? team.id))?.name,
        apiKey: service.apiKey,
        dedupKeyEnabled: service.dedupKeyEnabled,
      })),
    ),
  );
  // A service listed under two teams (an API quirk) is still one service.
  return [...new Map(perTeam.flat().map((service) => [service.id, service])).values()];
}

/** Why an app's webhooks cannot be read, for errors that concern that app only; else undefined. */
function unreadable(error: unknown): string | undefined {
  if (isNotFoundError(error)) return "the app was deleted during the scan";
  if (isApiError(error, "Heroku") && error.status === 403)
    return "the API key's account may not read its webhooks";
  return undefined;
}
