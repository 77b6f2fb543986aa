/**
 * The entities an app webhook can subscribe to. Heroku's Platform API schema types `include` as an open
 * list of strings; the only list of names is Dev Center's table of webhook events
 * (https://devcenter.heroku.com/articles/app-webhooks#step-2-determine-which-events-to-subscribe-to),
 * which this follows. Names outside it are refused with 422 `invalid_params`.
 */
export const WEBHOOK_ENTITIES: ReadonlySet<string> = new Set([
  "api:addon-attachment",
  "api:addon",
  "api:app",
  "api:build",
  "api:collaborator",
  "api:domain",
  "api:dyno",
  "api:formation",
  "api:release",
  "api:sni-endpoint",
  "dyno",
]);

/**
 * The `include` name an event is filed under. Dev Center: `api:dyno` is "a new dyno has begun running",
 * `dyno` carries a dyno's state changes; every other entity is `api:` and its resource.
 */
export function entityOfEvent(resource: string, action: string): string {
  // Assumption: a dyno event with action `create` is the `api:dyno` one; Dev Center names the two
  // entities but does not say which action each arrives with.
  if (resource === "dyno") return action === "create" ? "api:dyno" : "dyno";
  return `api:${resource}`;
}
