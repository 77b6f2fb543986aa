import type * as pulumi from "@pulumi/pulumi";
import type { EntitySelection } from "../mapping";
import type { WebhookLevel } from "../clients/heroku/types";

export type { WebhookLevel };

/** The delivery level when none is given: one attempt, as Squadcast's Heroku guide sets it. */
export const DEFAULT_LEVEL: WebhookLevel = "notify";

/**
 * What a Heroku app webhook delivers and how: one shape for `heroku.AppWebhook`, an integration, a fleet's
 * defaults and each app of a fleet. Every setting is updated in place.
 */
export interface WebhookSettings {
  /**
   * Which entities Heroku delivers: a preset (`"all"`, `"resolvable"`, `"deploys"`) or a list such as
   * `["api:build", "dyno"]`. Order does not matter; the state keeps them as a set (`mapping.EntitySet`), so
   * a preview names each entity added or removed.
   *
   * @defaultValue `"all"` ({@link mapping.DEFAULT_ENTITIES})
   */
  readonly entities?: pulumi.Input<EntitySelection>;
  /**
   * Delivery level: `notify` tries once, `sync` retries until delivered.
   *
   * @defaultValue `"notify"` ({@link DEFAULT_LEVEL})
   */
  readonly level?: pulumi.Input<WebhookLevel>;
  /**
   * The secret Heroku signs every delivery with (`Heroku-Webhook-Hmac-SHA256`). Stored as a secret; Heroku
   * never returns it, so a change made outside Pulumi cannot be seen.
   *
   * @defaultValue none: Heroku generates one (the `signingSecret` output)
   */
  readonly secret?: pulumi.Input<string>;
  /**
   * A value Heroku sends as the `Authorization` header of every delivery. Stored as a secret.
   *
   * @defaultValue none
   */
  readonly authorization?: pulumi.Input<string>;
}

/** {@link WebhookSettings} plus taking over a webhook that already exists. */
export interface AdoptableWebhookSettings extends WebhookSettings {
  /**
   * Take over an existing webhook instead of creating one, as `"<app>/<webhook id>"` (what
   * `heroku-squadcast discover` writes) or Terraform's import id `"<app>:<webhook id>"`; it is brought to
   * these settings, and `destroy` deletes it (unless the resource has `retainOnDelete`).
   *
   * @defaultValue none: an existing webhook of the app with the same URL is still adopted, never duplicated
   */
  readonly adopt?: pulumi.Input<string>;
}
