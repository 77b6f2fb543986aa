import { entityInfo, entityNameOf, isHerokuEntity, type HerokuEntity } from "./entities";

/** What Squadcast should do with one Heroku webhook delivery. */
export interface IncidentDecision {
  /** Open an incident, resolve the open ones with the same key, or do nothing. */
  readonly action: "trigger" | "resolve" | "ignore";
  /**
   * Incidents with the same key are one problem: a resolve closes every open incident with its key.
   * Stable for the same body, so a retried delivery cannot open a second incident.
   */
  readonly dedupKey: string;
  /** The entity the delivery was for, when it could be told. */
  readonly entity?: HerokuEntity;
  /** One line for the incident title, or why the delivery was ignored. */
  readonly summary: string;
}

/** The part of a Heroku webhook delivery body the classifier reads. */
interface DeliveryBody {
  id?: unknown;
  action?: unknown;
  resource?: unknown;
  data?: Record<string, unknown>;
  webhook_metadata?: { event?: { id?: unknown; include?: unknown } };
}

/**
 * Decides whether a Heroku webhook delivery opens or resolves a Squadcast incident.
 *
 * Rules, by entity:
 * - `api:build`: `failed` triggers, `succeeded` resolves; both keyed by app, so the next succeeded build of
 *   the app resolves the failure; `pending` (a build starting) is ignored.
 * - `dyno`: `crashed` triggers, `up` resolves; keyed by app and dyno name (`web.1`), which survives
 *   restarts where the dyno id does not; other states (`starting`, `down`, `idle`) are ignored.
 * - every other entity, `api:dyno` included: each event triggers its own incident, keyed by the event id,
 *   and only a person resolves it (the Squadcast guide's "Trigger" rows).
 * A body that is not a Heroku delivery is ignored, never thrown on: ingestion must not fail on junk.
 */
export function classifyHerokuEvent(body: unknown): IncidentDecision {
  if (!isObject(body)) {
    return ignore("unknown", "not a Heroku webhook delivery: the body is not a JSON object");
  }
  const delivery = body as DeliveryBody;
  const entity = entityOf(delivery);
  if (!entity) {
    return ignore(
      "unknown",
      `not a Heroku webhook delivery: unknown resource ${JSON.stringify(delivery.resource)}`,
    );
  }
  // Every Heroku delivery carries the resource as `data`; without it a stray POST naming a resource
  // would page someone about "unknown-app".
  if (!isObject(delivery.data)) {
    return ignore("unknown", "not a Heroku webhook delivery: the body has no data object", entity);
  }
  const data = delivery.data;
  const app = appNameOf(entity, data);
  const action = typeof delivery.action === "string" ? delivery.action : "event";

  if (entity === "api:build") {
    const status = stringField(data, "status");
    const key = `heroku:${app}:build`;
    if (status === "failed")
      return { action: "trigger", dedupKey: key, entity, summary: `Build failed on ${app}` };
    if (status === "succeeded")
      return { action: "resolve", dedupKey: key, entity, summary: `Build succeeded on ${app}` };
    return ignore(
      key,
      `Build ${status ?? "without status"} on ${app}: only failed and succeeded builds count`,
      entity,
    );
  }
  if (entity === "dyno") {
    const state = stringField(data, "state");
    const dynoName = stringField(data, "name") ?? stringField(data, "id") ?? "unknown";
    const key = `heroku:${app}:dyno:${dynoName}`;
    if (state === "crashed")
      return { action: "trigger", dedupKey: key, entity, summary: `Dyno ${dynoName} crashed on ${app}` };
    if (state === "up")
      return { action: "resolve", dedupKey: key, entity, summary: `Dyno ${dynoName} is up on ${app}` };
    return ignore(
      key,
      `Dyno ${dynoName} is ${state ?? "in an unknown state"} on ${app}: only crashed and up count`,
      entity,
    );
  }
  const eventId = eventIdOf(delivery) ?? stringField(data, "id") ?? "unknown";
  return {
    action: "trigger",
    dedupKey: `heroku:${app}:${entityInfo(entity).resource}:${eventId}`,
    entity,
    summary: `Heroku ${entityInfo(entity).resource} ${action} on ${app}`,
  };
}

/**
 * The entity of a delivery. Heroku names it in `webhook_metadata.event.include`; without that, a `dyno`
 * resource is `api:dyno` when created (a dyno started) and `dyno` for later state changes.
 */
function entityOf(delivery: DeliveryBody): HerokuEntity | undefined {
  const include = delivery.webhook_metadata?.event?.include;
  if (typeof include === "string" && isHerokuEntity(include)) {
    return include;
  }
  if (typeof delivery.resource !== "string") {
    return undefined;
  }
  const named = entityNameOf(delivery.resource, typeof delivery.action === "string" ? delivery.action : "");
  return isHerokuEntity(named) ? named : undefined;
}

function appNameOf(entity: HerokuEntity, data: Record<string, unknown>): string {
  if (entity === "api:app") {
    return stringField(data, "name") ?? stringField(data, "id") ?? "unknown-app";
  }
  const app = isObject(data.app) ? data.app : {};
  return stringField(app, "name") ?? stringField(app, "id") ?? "unknown-app";
}

function eventIdOf(delivery: DeliveryBody): string | undefined {
  const metadataId = delivery.webhook_metadata?.event?.id;
  if (typeof metadataId === "string") return metadataId;
  return typeof delivery.id === "string" ? delivery.id : undefined;
}

function ignore(dedupKey: string, summary: string, entity?: HerokuEntity): IncidentDecision {
  return entity ? { action: "ignore", dedupKey, entity, summary } : { action: "ignore", dedupKey, summary };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
