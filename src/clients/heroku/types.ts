/**
 * How Heroku delivers a webhook: `notify` is one fire-and-forget attempt; `sync` retries for up to 72 hours
 * until the receiver answers 2xx.
 */
export type WebhookLevel = "notify" | "sync";

/** A Heroku app, as much of it as this package uses. */
export interface HerokuApp {
  /** App UUID; stable across renames. */
  readonly id: string;
  /** App name, e.g. `demo-app`. */
  readonly name: string;
  /**
   * Public URL of the app, when Heroku reports one.
   *
   * @defaultValue undefined
   */
  readonly webUrl?: string;
}

/**
 * An app webhook subscription as Heroku returns it. The `secret` and `authorization` are write-only:
 * Heroku never returns them.
 */
export interface HerokuWebhook {
  /** Webhook UUID. */
  readonly id: string;
  /** The app the webhook belongs to. */
  readonly app: {
    /** App UUID. */
    readonly id: string;
    /** App name. */
    readonly name: string;
  };
  /** Where Heroku POSTs events. */
  readonly url: string;
  /** Subscribed entities, e.g. `api:release`; order as Heroku returns it. */
  readonly include: string[];
  /** Delivery level. */
  readonly level: WebhookLevel;
  /** ISO 8601 creation time. */
  readonly createdAt: string;
  /** ISO 8601 time of the last change. */
  readonly updatedAt: string;
}

/** What to create: `url`, `include` and `level` are required by Heroku. */
export interface HerokuWebhookSettings {
  /** Where Heroku POSTs events. */
  url: string;
  /** Entities to subscribe to, e.g. `["api:release", "api:build"]`. */
  include: string[];
  /** Delivery level. */
  level: WebhookLevel;
  /**
   * Key for the `Heroku-Webhook-Hmac-SHA256` signature.
   *
   * @defaultValue Heroku generates one and returns it once
   */
  secret?: string;
  /**
   * Value Heroku sends as the `Authorization` header of each delivery.
   *
   * @defaultValue none
   */
  authorization?: string;
}

/**
 * Fields to change on an existing webhook; absent fields are left as they are. `null` clears
 * `secret` or `authorization`.
 */
export interface HerokuWebhookChanges {
  /**
   * New delivery URL.
   *
   * @defaultValue unchanged
   */
  url?: string;
  /**
   * New entity list (replaces the old one).
   *
   * @defaultValue unchanged
   */
  include?: string[];
  /**
   * New delivery level.
   *
   * @defaultValue unchanged
   */
  level?: WebhookLevel;
  /**
   * New signing secret, or null to clear it.
   *
   * @defaultValue unchanged
   */
  secret?: string | null;
  /**
   * New `Authorization` header value, or null to clear it.
   *
   * @defaultValue unchanged
   */
  authorization?: string | null;
}

/** The result of creating or updating a webhook. */
export interface CreatedHerokuWebhook {
  /** The webhook as created or updated. */
  readonly webhook: HerokuWebhook;
  /**
   * The signing secret from the `Heroku-Webhook-Secret` response header, which Heroku sends only when it
   * generated the secret (a create without `secret`, an update setting `secret` to null). It cannot be read
   * again later.
   *
   * @defaultValue undefined
   */
  readonly generatedSecret?: string;
}

/** The state of one attempt to deliver one event to one webhook. */
export interface HerokuWebhookDelivery {
  /** Delivery UUID. */
  readonly id: string;
  /** The event delivered: its UUID and entity, e.g. `api:release`. */
  readonly event: { readonly id: string; readonly include: string };
  /** The webhook delivered to. */
  readonly webhook: { readonly id: string; readonly level: WebhookLevel };
  /** `pending`, `scheduled`, `retrying`, `failed`, `succeeded` (and `skipped`, seen after long failures). */
  readonly status: string;
  /** How many attempts were made. */
  readonly numAttempts: number;
  /** When Heroku will try again; null when it will not. */
  readonly nextAttemptAt: string | null;
  /** The latest attempt: the receiver's HTTP code (null when none), error class and outcome. Null before any attempt. */
  readonly lastAttempt: {
    readonly id: string;
    readonly code: number | null;
    readonly errorClass: string | null;
    readonly status: string;
    readonly createdAt: string;
  } | null;
  /** ISO 8601 creation time. */
  readonly createdAt: string;
}

/**
 * How a webhook came under a stack's management:
 * - `created`: this stack created it (also when a creation's answer was lost and the webhook it made was
 *   found afterwards);
 * - `adopted-by-url`: the app already had a webhook with the declared URL, which was taken over;
 * - `adopted-by-id`: the `adopt` argument named it.
 */
export type WebhookOrigin = "created" | "adopted-by-url" | "adopted-by-id";
