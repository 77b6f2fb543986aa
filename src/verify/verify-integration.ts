import { requireHerokuApiKey, requireSquadcastRefreshToken } from "../config";
import { HerokuClient, type HerokuWebhook } from "../clients/heroku/client";
import { isNotFoundError, redact } from "../http";
import { entityListOf, resolveEntitySet, sameEntities, type HerokuEntity } from "../mapping";
import { findAlertSourceType } from "../clients/squadcast/catalog";
import { webhookUrlOf } from "../clients/squadcast/webhook-url";
import { SquadcastTokenSource } from "../clients/squadcast/auth";
import { SquadcastClient, type SquadcastService, type SquadcastTeam } from "../clients/squadcast/client";
import { attempt } from "./attempt";
import { isServiceById, serviceReferenceProblem } from "../clients/squadcast/service-reference";
import { deliveriesCheck } from "./deliveries";
import { maskUrl } from "./mask";
import { deduplicationCheck } from "./deduplication";
import { testEventCheck } from "./test-event";
import {
  VerifyOptionsError,
  type VerifyCheck,
  type VerifyOptions,
  type VerifyReport,
  type VerifySettings,
} from "./types";

const SQUADCAST_ID = /^[0-9a-z]{24}$/i;
const HEROKU_SHORT_NAME = "heroku";

/**
 * Checks, against the live APIs, that a Heroku app really delivers to a Squadcast service:
 *
 * 1. `service`: the Squadcast service exists (in the given team);
 * 2. `alert-source`: the Heroku alert source is active on it;
 * 3. `webhook`: the app has exactly one webhook delivering to the service's Heroku URL;
 * 4. `entities`: the webhook delivers the expected entities;
 * 5. `deliveries`: its recent deliveries succeeded (failed ones are listed with their HTTP code);
 * 6. `test-event` (when asked): a labelled failed-then-succeeded build posted to the URL opens and
 *    resolves an incident (confirmed only in a sandbox; against real Squadcast it is reported as sent).
 *
 * A failed API call fails its check with the API's one-line message; it never throws. No detail holds a
 * credential: URLs are shown with their last segment masked.
 *
 * @param options - the app and the service, and what else to check.
 * @param settings - endpoints and credentials, e.g. from {@link verifySettingsFromEnv}.
 * @throws {@link VerifyOptionsError} when the options name no service or invalid `entities`.
 */
export async function verifyIntegration(
  options: VerifyOptions,
  settings: VerifySettings,
): Promise<VerifyReport> {
  const expectedEntities = checkOptions(options);
  // Grows once the service's key is known; every detail is cleaned of all of them.
  const secrets = [settings.heroku.apiKey, settings.squadcast.refreshToken];
  const checks: VerifyCheck[] = [];
  const record = (check: VerifyCheck): void => {
    checks.push({ ...check, detail: redact(check.detail, secrets) });
  };
  const report = (): VerifyReport => ({ ok: checks.every((check) => check.ok), checks });

  const found = await attempt("service", () => findService(settings, options));
  if (!found.ok) {
    record(found.failure);
    return report();
  }
  const { squadcast, service, teamName } = found.value;
  secrets.push(service.apiKey);
  const inTeam = teamName === undefined ? "" : ` in team ${teamName}`;
  record({ name: "service", ok: true, detail: `${service.name} (id ${service.id})${inTeam}` });

  const ingestionUrl = settings.squadcast.ingestionUrl;
  const source = await attempt("alert-source", () => herokuAlertSource(squadcast, service, ingestionUrl));
  if (!source.ok) record(source.failure);
  else record(source.value.check);

  const expectedUrl =
    options.webhookUrl ??
    (source.ok ? source.value.url : webhookUrlOf(ingestionUrl, DEFAULT_HEROKU_SOURCE, service));
  const webhook = await attempt("webhook", () => findWebhook(settings, options.app, expectedUrl, service));
  if (!webhook.ok) {
    record(webhook.failure);
  } else {
    record(webhook.value.check);
    const { heroku, found: hook } = webhook.value;
    if (hook) {
      record(entitiesCheck(hook, expectedEntities));
      const deliveries = await attempt("deliveries", async () =>
        deliveriesCheck(await heroku.listWebhookDeliveries(options.app), hook.id),
      );
      record(deliveries.ok ? deliveries.value : deliveries.failure);
    }
  }

  const appIdentity = webhook.ok ? webhook.value.app : { id: options.app, name: options.app };
  const dedup = await attempt("deduplication", () => deduplicationCheck(squadcast, service, appIdentity));
  record(dedup.ok ? dedup.value : dedup.failure);

  if (options.sendTestEvent) {
    const sent = await attempt("test-event", () =>
      testEventCheck({
        url: expectedUrl,
        app: appIdentity,
        serviceId: service.id,
        sandboxAdminUrl: settings.sandboxAdminUrl,
        resolveDelayMs: options.testEventResolveDelayMs ?? (settings.sandboxAdminUrl ? 0 : 5_000),
      }),
    );
    record(sent.ok ? sent.value : sent.failure);
  }
  return report();
}

/** The catalog entry the resources fall back to when the catalog is unreachable. */
const DEFAULT_HEROKU_SOURCE = { shortName: HEROKU_SHORT_NAME, version: "v1", displayKeyOnly: false };

/** The entities to compare against, or undefined when none were given; throws on unusable options. */
function checkOptions(options: VerifyOptions): readonly HerokuEntity[] | undefined {
  if (!options.app) throw new VerifyOptionsError("verify needs the Heroku app (app)");
  const problem = serviceReferenceProblem(options.service ?? {});
  if (problem !== undefined) throw new VerifyOptionsError(`verify needs the Squadcast service: ${problem}`);
  if (options.entities === undefined) return undefined;
  const resolution = resolveEntitySet(options.entities);
  if (!resolution.ok) throw new VerifyOptionsError(`entities ${resolution.errors.join("; ")}`);
  return entityListOf(resolution.entities);
}

interface FoundService {
  readonly squadcast: SquadcastClient;
  readonly service: SquadcastService;
  /** The owning team's name, when known. */
  readonly teamName?: string;
}

async function findService(settings: VerifySettings, options: VerifyOptions): Promise<FoundService> {
  const tokenSource = new SquadcastTokenSource({
    refreshToken: requireSquadcastRefreshToken(settings),
    authUrl: settings.squadcast.authUrl,
  });
  const squadcast = new SquadcastClient({ tokenSource, apiUrl: settings.squadcast.apiUrl });
  const wanted = options.service;
  const wantedTeam = wanted.team === undefined ? undefined : await findTeam(squadcast, wanted.team);
  let service: SquadcastService | undefined;
  if (isServiceById(wanted)) {
    service = await squadcast.getService(wanted.id).catch((error: unknown) => {
      if (isNotFoundError(error)) return undefined;
      throw error;
    });
    if (!service) throw new Error(`Squadcast has no service with id ${wanted.id}: check service.id`);
    if (wantedTeam && service.teamId !== wantedTeam.id) {
      throw new Error(
        `Squadcast service ${service.name} belongs to another team than ${wantedTeam.name}: check service.team`,
      );
    }
  } else {
    service = await squadcast.getServiceByName(wanted.name, wantedTeam!.id);
    if (!service) {
      throw new Error(
        `Squadcast team ${wantedTeam!.name} has no service named "${wanted.name}": check service.name`,
      );
    }
  }
  // Only to name the team in the report: a service read by id is verified without it.
  const team =
    wantedTeam ??
    (service.teamId ? await squadcast.getTeam(service.teamId).catch(() => undefined) : undefined);
  return { squadcast, service, teamName: team?.name };
}

async function findTeam(squadcast: SquadcastClient, team: string): Promise<SquadcastTeam> {
  const found = SQUADCAST_ID.test(team)
    ? await squadcast.getTeam(team).catch((error: unknown) => {
        if (isNotFoundError(error)) return undefined;
        throw error;
      })
    : await squadcast.getTeamByName(team);
  if (!found) throw new Error(`Squadcast has no team "${team}": check service.team (a team name or id)`);
  return found;
}

async function herokuAlertSource(
  squadcast: SquadcastClient,
  service: SquadcastService,
  ingestionUrl: string,
): Promise<{ check: VerifyCheck; url: string }> {
  const catalog = await squadcast.listAlertSourceTypes();
  const heroku = findAlertSourceType(catalog, HEROKU_SHORT_NAME);
  if (!heroku) throw new Error("Squadcast's alert-source catalog has no Heroku entry");
  const active = await squadcast.getActiveAlertSourceIds(service.id);
  const url = webhookUrlOf(ingestionUrl, heroku, service);
  if (active.includes(heroku.id)) {
    return { check: { name: "alert-source", ok: true, detail: `Heroku is active on ${service.name}` }, url };
  }
  return {
    check: {
      name: "alert-source",
      ok: false,
      detail:
        `the Heroku alert source is not active on ${service.name}: run pulumi up --refresh (without ` +
        "--refresh, a stack whose state still holds it changes nothing), or add it in Squadcast under " +
        "Services → Alert Sources",
    },
    url,
  };
}

interface FoundWebhook {
  readonly check: VerifyCheck;
  readonly heroku: HerokuClient;
  readonly app: { readonly id: string; readonly name: string };
  readonly found?: HerokuWebhook;
}

async function findWebhook(
  settings: VerifySettings,
  app: string,
  expectedUrl: string,
  service: SquadcastService,
): Promise<FoundWebhook> {
  const heroku = new HerokuClient({ apiKey: requireHerokuApiKey(settings), apiUrl: settings.heroku.apiUrl });
  const herokuApp = await heroku.getApp(app).catch((error: unknown) => {
    if (isNotFoundError(error))
      throw new Error(`Heroku has no app ${app} that the API key's account can see`);
    throw error;
  });
  const webhooks = await heroku.listWebhooks(herokuApp.id);
  const matching = webhooks.filter((webhook) => webhook.url === expectedUrl);
  const target = maskUrl(expectedUrl);
  const base = { heroku, app: { id: herokuApp.id, name: herokuApp.name } };
  if (matching.length === 1) {
    const [webhook] = matching as [HerokuWebhook];
    const detail = `${herokuApp.name} delivers to ${target} (webhook ${webhook.id}, level ${webhook.level})`;
    return { ...base, found: webhook, check: { name: "webhook", ok: true, detail } };
  }
  if (matching.length > 1) {
    const detail =
      `${herokuApp.name} has ${matching.length} webhooks delivering to ${target}: each event pages twice; ` +
      "delete all but one (heroku webhooks -a <app>)";
    return { ...base, found: matching[0], check: { name: "webhook", ok: false, detail } };
  }
  const sameKey = webhooks.find((webhook) => webhook.url.endsWith(`/${service.apiKey}`));
  const detail = sameKey
    ? `${herokuApp.name}'s webhook ${sameKey.id} has the service's key but delivers to ${maskUrl(sameKey.url)}, ` +
      `not ${target}: check the Squadcast region`
    : `${herokuApp.name} has no webhook delivering to ${target} (it has ${countOf(webhooks.length, "other webhook")}): ` +
      "run pulumi up --refresh (without --refresh, a stack whose state still holds the webhook changes " +
      "nothing), or heroku webhooks:add with the alert source's URL";
  return { ...base, check: { name: "webhook", ok: false, detail } };
}

function entitiesCheck(webhook: HerokuWebhook, expected: readonly HerokuEntity[] | undefined): VerifyCheck {
  const actual = webhook.include.join(", ") || "nothing";
  if (expected === undefined) {
    return { name: "entities", ok: true, detail: `delivers ${actual} (no entities given to compare with)` };
  }
  if (sameEntities(webhook.include, expected))
    return { name: "entities", ok: true, detail: `delivers ${actual}` };
  const missing = expected.filter((entity) => !webhook.include.includes(entity));
  const extra = webhook.include.filter((entity) => !expected.includes(entity as HerokuEntity));
  const parts = [
    missing.length > 0 ? `missing ${missing.join(", ")}` : "",
    extra.length > 0 ? `not expected ${extra.join(", ")}` : "",
  ].filter(Boolean);
  return { name: "entities", ok: false, detail: `delivers ${actual}: ${parts.join("; ")}` };
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
