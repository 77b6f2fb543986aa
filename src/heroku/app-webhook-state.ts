import { entityListOf, entitySetOf, sameEntities, type EntitySet, type HerokuEntity } from "../mapping";
import { containsUnknown } from "../resource-kit/unknown";
import { withoutUndefined } from "../resource-kit/without-undefined";
import type { HerokuWebhook, HerokuWebhookChanges } from "../clients/heroku/client";
import type { WebhookOrigin } from "../clients/heroku/types";
import type { WebhookLevel } from "./webhook-settings";

// What an AppWebhook's provider keeps in state, and how inputs, state and Heroku's answers convert into
// one another: pure functions, kept apart from the provider's API work.

/**
 * The inputs the provider works with, after `check` resolved presets and defaults.
 *
 * @internal The provider side, not part of the public API.
 */
export interface AppWebhookInputs {
  /** `AppWebhookArgs.app`. */
  readonly app: string;
  /** `AppWebhookArgs.url`. */
  readonly url: string;
  /** `AppWebhookArgs.entities`, a preset or list resolved to a set. */
  readonly entities: EntitySet;
  /** `AppWebhookArgs.level`, `DEFAULT_LEVEL` when omitted. */
  readonly level: WebhookLevel;
  /** `AppWebhookArgs.secret`. */
  readonly secret?: string;
  /** `AppWebhookArgs.authorization`. */
  readonly authorization?: string;
  /** `AppWebhookArgs.adopt`. */
  readonly adopt?: string;
}

/**
 * What the state holds: the inputs plus what Heroku assigned.
 *
 * @internal The provider side, not part of the public API.
 */
export interface AppWebhookState extends AppWebhookInputs {
  /** The webhook's id. */
  readonly webhookId: string;
  /** The app's id: API calls use it, so renaming the app breaks nothing. */
  readonly appId: string;
  /** The app's name. */
  readonly appName: string;
  /** The signing secret Heroku generated because `secret` was not given; absent when it was given. */
  readonly signingSecret?: string;
  /** How the webhook came under this resource; absent until it is created (read keeps the one it had). */
  readonly origin?: WebhookOrigin;
}

/** The fields a change of which is sent to Heroku; `app` is not among them: it replaces. */
export const UPDATABLE_FIELDS = ["url", "entities", "level", "secret", "authorization"] as const;

/** The state with how the webhook came under the resource, when that is known. */
export function withOrigin(state: AppWebhookState, origin: WebhookOrigin | undefined): AppWebhookState {
  return origin === undefined ? state : { ...state, origin };
}

/** The settings a webhook created or adopted for these inputs must have, as Heroku takes them. */
export function desiredSettings(inputs: AppWebhookInputs) {
  return withoutUndefined({
    url: inputs.url,
    include: entityListOf(inputs.entities),
    level: inputs.level,
    secret: inputs.secret,
    authorization: inputs.authorization,
  });
}

/** What an update sends to Heroku: only the fields that changed. */
export function changesBetween(olds: AppWebhookState, news: AppWebhookInputs): HerokuWebhookChanges {
  const changes: HerokuWebhookChanges = {};
  if (differs("url", olds, news)) changes.url = news.url;
  if (differs("entities", olds, news)) changes.include = entityListOf(news.entities);
  if (differs("level", olds, news)) changes.level = news.level;
  // Heroku keeps a secret until told otherwise: null is how a removed argument is unset.
  if (differs("secret", olds, news)) changes.secret = news.secret ?? null;
  if (differs("authorization", olds, news)) changes.authorization = news.authorization ?? null;
  return changes;
}

/** Whether a field changed; a value not known yet (preview) counts as a change. */
export function differs(
  field: keyof AppWebhookInputs,
  olds: AppWebhookInputs,
  news: AppWebhookInputs,
): boolean {
  const before = olds[field];
  const after = news[field];
  if (containsUnknown(after)) return true;
  if (field === "entities") return !sameEntities(entityListOf(before), entityListOf(after));
  return (before ?? undefined) !== (after ?? undefined);
}

/** The state: declared inputs, overlaid with what Heroku reports (so refresh sees drift). */
export function stateOf(
  inputs: AppWebhookInputs,
  webhook: HerokuWebhook,
  signingSecret?: string,
): AppWebhookState {
  return withoutUndefined({
    app: inputs.app,
    url: webhook.url,
    // As Heroku reports them, names this table does not know included, so refresh shows any drift.
    entities: entitySetOf(webhook.include as HerokuEntity[]),
    level: webhook.level,
    secret: inputs.secret,
    authorization: inputs.authorization,
    adopt: inputs.adopt,
    webhookId: webhook.id,
    appId: webhook.app.id,
    appName: webhook.app.name,
    signingSecret: inputs.secret === undefined ? signingSecret : undefined,
  });
}
