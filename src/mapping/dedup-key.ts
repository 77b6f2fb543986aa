import { HEROKU_ENTITIES, type HerokuEntity } from "./entities";

/**
 * Key-based deduplication for the Heroku alert source: the template Squadcast renders over each delivery
 * body to decide which open incident a trigger belongs to, and the window it applies.
 *
 * Squadcast renders a dedup-key overlay's template (a Go template) over the alert payload, here the body
 * Heroku POSTs, and folds a trigger into the open incident of the same service whose key is equal, within
 * the window (Squadcast's "Key Based Deduplication" guide; `PUT /v3/services/{id}/overlays/dedup-key/
 * {alertSource}` in its OpenAPI specification). The keys, by the seed's entity table:
 * - `build` (Trigger, Resolve): one key per app, so a failed build and the next failed build of the app
 *   are one incident until a build succeeds.
 * - `dyno` (Trigger, Resolve): one key per app and dyno name (`web.1`), which a restarted dyno keeps while
 *   its id changes; another dyno is another incident.
 * - every Trigger-only entity: the event id, so distinct events stay distinct incidents (only a person
 *   resolves those) while a redelivery of the same event folds into the incident it opened.
 */

/** The parts of the key template, one per entity kind, so the template and its reading share one source. */
const KEY_PARTS = {
  prefix: "heroku",
  build: "build",
  dyno: "dyno",
} as const;

/**
 * The dedup-key template for the Heroku alert source: a Go template over the delivery body, using only
 * field access, `if`/`else if` and `eq` (the subset the sandbox renders).
 */
export const HEROKU_DEDUP_KEY_TEMPLATE =
  `{{if eq .resource "build"}}${KEY_PARTS.prefix}/{{.data.app.name}}/${KEY_PARTS.build}` +
  `{{else if eq .resource "dyno"}}${KEY_PARTS.prefix}/{{.data.app.name}}/${KEY_PARTS.dyno}/{{.data.name}}` +
  `{{else}}${KEY_PARTS.prefix}/{{.resource}}/{{.id}}{{end}}`;

/**
 * The default deduplication window, in minutes: 24 hours. A failing build streak spans a working day of
 * fix-and-push attempts, and a crash-looping dyno restarts at most every 20 minutes, far inside it; a
 * streak that outlives a day pages again, so a problem left open overnight is raised afresh the next day.
 * Squadcast's own default (5 minutes) would split a streak at the second push.
 */
export const DEFAULT_DEDUP_WINDOW_MINUTES = 1440;

/** The longest window Squadcast accepts: 48 hours (its guide and Terraform provider). */
export const MAX_DEDUP_WINDOW_MINUTES = 2880;

/** The alert source the template is for, by its catalog `shortName` (the overlay's path segment). */
export const HEROKU_ALERT_SOURCE_SHORT_NAME = "heroku";

/**
 * Why a window is not acceptable, or undefined when it is: a whole number of minutes from 1 to
 * {@link MAX_DEDUP_WINDOW_MINUTES}.
 */
export function dedupWindowProblem(minutes: unknown): string | undefined {
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 1) {
    return `must be a whole number of minutes from 1 to ${MAX_DEDUP_WINDOW_MINUTES}, got ${JSON.stringify(minutes)}`;
  }
  if (minutes > MAX_DEDUP_WINDOW_MINUTES) {
    return `must be at most ${MAX_DEDUP_WINDOW_MINUTES} minutes (48 hours, Squadcast's limit), got ${minutes}`;
  }
  return undefined;
}

/**
 * The key {@link HEROKU_DEDUP_KEY_TEMPLATE} renders to for a delivery body, computed in TypeScript (not by
 * rendering the template), so tests can hold the two against each other. Undefined where Squadcast's
 * rendering would fail or give no useful key: not an object, or a build/dyno body without its app name.
 */
export function herokuDedupKey(body: unknown): string | undefined {
  if (!isObject(body) || typeof body.resource !== "string") return undefined;
  const data = isObject(body.data) ? body.data : undefined;
  const appName = data && isObject(data.app) ? data.app.name : undefined;
  if (body.resource === "build" || body.resource === "dyno") {
    if (typeof appName !== "string") return undefined;
    if (body.resource === "build") return `${KEY_PARTS.prefix}/${appName}/${KEY_PARTS.build}`;
    const dynoName = data?.name;
    if (typeof dynoName !== "string") return undefined;
    return `${KEY_PARTS.prefix}/${appName}/${KEY_PARTS.dyno}/${dynoName}`;
  }
  return typeof body.id === "string" ? `${KEY_PARTS.prefix}/${body.resource}/${body.id}` : undefined;
}

/** How an entity's events are keyed: per app, per app and dyno, or per event. */
export type DedupScope = "app" | "app-and-dyno" | "event";

/**
 * The key scope of each entity: the resolvable `build` folds per app, `dyno` per app and dyno, every
 * Trigger-only entity per event.
 */
export function dedupScopeOf(entity: HerokuEntity): DedupScope {
  // The template tells entities apart by the body's `resource`, so `api:dyno` (a one-off dyno started)
  // shares `dyno`'s key shape; its dyno names (`run.9359`) are unique per run.
  const resource = HEROKU_ENTITIES[entity].resource;
  if (resource === "dyno") return "app-and-dyno";
  return resource === "build" ? "app" : "event";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
