/** What the sandbox's Heroku alert source does with one received body. */
export interface HerokuAlertDecision {
  /** Open an incident, resolve the open ones with the same key, or do nothing. */
  readonly action: "trigger" | "resolve" | "ignore";
  /** Incidents with the same key are about one thing: a resolve closes every open one with its key. */
  readonly dedupKey: string;
  /** The Heroku entity the body was for, when known. */
  readonly entity?: string;
  /** One line for the incident title, or why the body was ignored. */
  readonly summary: string;
}

/**
 * The entities Squadcast's Heroku guide lists ("Supported Entities and Event Types",
 * https://support.squadcast.com/integrations/incident-integrations-alert-source-integrations-via-webhooks/heroku),
 * by the `resource` field of a delivery. Build and dyno "Trigger, Resolve"; the others only "Trigger".
 */
const RESOLVABLE_RESOURCES = new Set(["build", "dyno"]);
const TRIGGER_ONLY_RESOURCES = new Set([
  "addon-attachment",
  "addon",
  "app",
  "collaborator",
  "domain",
  "formation",
  "release",
  "sni-endpoint",
  "ssl-endpoint",
]);

/**
 * Which states of a resolvable resource open and which close an incident, and what the state field is.
 * Assumption: the guide says build and dyno trigger and resolve but not on which states; a failed build
 * and a crashed dyno are the failures, a succeeded build and a dyno that is up again the recoveries;
 * every other state is ignored.
 */
const STATE_RULES: Record<string, { field: string; trigger: string; resolve: string }> = {
  build: { field: "status", trigger: "failed", resolve: "succeeded" },
  dyno: { field: "state", trigger: "crashed", resolve: "up" },
};

/**
 * Decides what a body posted to the Heroku alert source's URL does. Never throws: a body that is not a
 * Heroku delivery is ignored, as an ingestion endpoint must not fail on junk.
 */
export function decideHerokuAlert(body: unknown): HerokuAlertDecision {
  if (!isRecord(body) || !isRecord(body.data) || typeof body.resource !== "string") {
    return { action: "ignore", dedupKey: "unknown", summary: "not a Heroku webhook delivery" };
  }
  const resource = body.resource;
  const data = body.data;
  const entity = includeOf(body) ?? (resource === "dyno" ? "dyno" : `api:${resource}`);
  const app = text(resource === "app" ? data : isRecord(data.app) ? data.app : {}, "name") ?? "unknown-app";

  const rule = STATE_RULES[resource];
  // Assumption: `api:dyno` (a dyno started) only triggers, like the guide's other trigger-only rows.
  if (rule !== undefined && RESOLVABLE_RESOURCES.has(resource) && entity !== "api:dyno") {
    const state = text(data, rule.field);
    // Assumption: a build's incidents are one per app, a dyno's one per app and dyno name, so the next
    // good build (or the same dyno coming up) resolves them.
    const dyno = text(data, "name") ?? "unknown";
    const dedupKey = resource === "dyno" ? `${app}/dyno/${dyno}` : `${app}/build`;
    const subject = resource === "dyno" ? `Dyno ${dyno}` : "Build";
    const said = state === rule.resolve && resource === "dyno" ? "is up" : (state ?? "without state");
    const summary = `${subject} ${said} on ${app}`;
    if (state === rule.trigger) return { action: "trigger", dedupKey, entity, summary };
    if (state === rule.resolve) return { action: "resolve", dedupKey, entity, summary };
    return { action: "ignore", dedupKey, entity, summary };
  }
  if (TRIGGER_ONLY_RESOURCES.has(resource) || resource === "dyno") {
    // Assumption: a trigger-only event is its own incident, keyed by the event id.
    const eventId = eventIdOf(body) ?? "unknown";
    const action = typeof body.action === "string" ? body.action : "event";
    return {
      action: "trigger",
      dedupKey: `${app}/${resource}/${eventId}`,
      entity,
      summary: `Heroku ${resource} ${action} on ${app}`,
    };
  }
  return { action: "ignore", dedupKey: "unknown", summary: `unsupported Heroku resource ${resource}` };
}

function includeOf(body: Record<string, unknown>): string | undefined {
  const metadata = isRecord(body.webhook_metadata) ? body.webhook_metadata : {};
  return isRecord(metadata.event) ? text(metadata.event, "include") : undefined;
}

function eventIdOf(body: Record<string, unknown>): string | undefined {
  const metadata = isRecord(body.webhook_metadata) ? body.webhook_metadata : {};
  return (isRecord(metadata.event) ? text(metadata.event, "id") : undefined) ?? text(body, "id");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
