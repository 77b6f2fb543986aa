import { SANDBOX_FIXTURE } from "../fixture";
import { newUuid } from "../ids";
import { TokenBucketLimiter, type HerokuRateLimitOptions } from "./rate-limit";

/** An `{id, name}` reference to another Platform API resource. */
export interface HerokuReference {
  /** Unique identifier (uuid). */
  readonly id: string;
  /** Unique name. */
  readonly name: string;
}

/** A Heroku app, with every property of the Platform API schema's `app` representation. */
export interface HerokuApp {
  /** Whether Automated Certificate Management is on. */
  readonly acm: boolean;
  /** When the app was archived, or null. */
  readonly archived_at: string | null;
  /** The buildpack's description, or null. */
  readonly buildpack_provided_description: string | null;
  /** The stack the next build uses. */
  readonly build_stack: HerokuReference;
  /** When the app was created (ISO 8601, seconds). */
  readonly created_at: string;
  /** The platform generation the app runs on. */
  readonly generation: HerokuReference;
  /** The app's git remote. */
  readonly git_url: string;
  /** Unique identifier (uuid). */
  readonly id: string;
  /** Whether the app is reachable only inside its private space; null outside one. */
  readonly internal_routing: boolean | null;
  /** Whether maintenance mode is on. */
  readonly maintenance: boolean;
  /** Unique name. */
  readonly name: string;
  /** The account that owns the app. */
  readonly owner: { readonly id: string; readonly email: string };
  /** The Enterprise organization, or null. */
  readonly organization: HerokuReference | null;
  /** The team, or null. */
  readonly team: HerokuReference | null;
  /** Where the app runs. */
  readonly region: HerokuReference;
  /** When the app was last released, or null. */
  readonly released_at: string | null;
  /** Size of the git repository in bytes, or null. */
  readonly repo_size: number | null;
  /** Size of the current slug in bytes, or null. */
  readonly slug_size: number | null;
  /** The private space, or null. */
  readonly space: (HerokuReference & { readonly shield: boolean }) | null;
  /** The app's stack. */
  readonly stack: HerokuReference;
  /** When the app was last changed. */
  readonly updated_at: string;
  /** The app's default web URL. */
  readonly web_url: string | null;
}

/** Subscription delivery level: one attempt (`notify`) or retried until success (`sync`). */
export type WebhookLevel = "notify" | "sync";

/** An app webhook as the Platform API returns it: never with `secret` or `authorization`. */
export interface HerokuWebhook {
  /** The app the webhook belongs to. */
  readonly app: { readonly id: string; readonly name: string };
  /** When the webhook was created. */
  readonly created_at: string;
  /** Unique identifier (uuid). */
  readonly id: string;
  /** The entities the webhook delivers. */
  readonly include: readonly string[];
  /** The delivery level. */
  readonly level: WebhookLevel;
  /** When the webhook was last changed. */
  readonly updated_at: string;
  /** Where deliveries are POSTed. */
  readonly url: string;
}

/** An app webhook with its write-only fields, as the sandbox stores it. */
export interface StoredWebhook {
  /** Unique identifier (uuid). */
  readonly id: string;
  /** The owning app's id. */
  readonly appId: string;
  /** When the webhook was created. */
  readonly createdAt: string;
  /** When the webhook was last changed. */
  updatedAt: string;
  /** The entities the webhook delivers. */
  include: readonly string[];
  /** The delivery level. */
  level: WebhookLevel;
  /** Where deliveries are POSTed. */
  url: string;
  /** Key of the HMAC signature of each delivery. */
  secret: string;
  /** Sent verbatim as the `Authorization` header of each delivery, when set. */
  authorization: string | null;
}

/** One delivery of an event to a webhook, as `GET /apps/{app}/webhook-deliveries` returns it. */
export interface HerokuWebhookDelivery {
  /** Unique identifier (uuid); also sent as the `Heroku-Webhook-Id` header. */
  readonly id: string;
  /** When the delivery was created. */
  readonly created_at: string;
  /** When the delivery last changed. */
  updated_at: string;
  /** The event delivered. */
  readonly event: { readonly id: string; readonly include: string };
  /** The webhook it was delivered to. */
  readonly webhook: { readonly id: string; readonly level: WebhookLevel };
  /** How many attempts were made. */
  num_attempts: number;
  /** When the next attempt is due, for a `scheduled` or `retrying` delivery; else null. */
  next_attempt_at: string | null;
  /** The latest attempt. */
  last_attempt: {
    readonly id: string;
    readonly code: number | null;
    readonly error_class: string | null;
    readonly status: "succeeded" | "failed";
    readonly created_at: string;
    readonly updated_at: string;
  } | null;
  /** Outcome of the delivery, or `scheduled`/`retrying` while an attempt is due. */
  status: "pending" | "scheduled" | "retrying" | "succeeded" | "failed";
}

/** One event of an app, as `GET /apps/{app}/webhook-events` returns it. */
export interface HerokuWebhookEvent {
  /** Unique identifier (uuid); the `id` of every delivery envelope of the event. */
  readonly id: string;
  /** When the event happened. */
  readonly created_at: string;
  /** Same as `created_at`: events do not change. */
  readonly updated_at: string;
  /** The entity of the event, such as `api:build`. */
  readonly include: string;
  /** What happened. */
  readonly payload: {
    readonly action: string;
    readonly actor: { readonly email: string; readonly id: string };
    readonly data: Record<string, unknown>;
    readonly previous_data: Record<string, unknown>;
    readonly resource: string;
    readonly version: "1";
  };
}

/** A timestamp in Heroku's format: ISO 8601 in UTC, whole seconds. */
export function herokuTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string has the shape of a uuid, which tells an app id from an app name. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** The in-memory Heroku account: its apps, their webhooks, events and deliveries, and the rate limit. */
export class HerokuState {
  /** The account that owns the API key. */
  readonly account = { id: newUuid(), email: SANDBOX_FIXTURE.heroku.accountEmail };
  /** API keys that authenticate as the account. */
  readonly apiKeys = new Set<string>([SANDBOX_FIXTURE.heroku.apiKey]);
  /** The account's request budget. */
  readonly rateLimiter: TokenBucketLimiter;
  private readonly fixtureAppId = newUuid();
  private readonly appsById = new Map<string, HerokuApp>();
  private readonly appsByName = new Map<string, HerokuApp>();
  /** Teams by name; a team exists once an app was created in it (assumption: teams are not emulated). */
  private readonly teamsByName = new Map<string, { readonly id: string; readonly name: string }>();
  private readonly webhooks = new Map<string, Map<string, StoredWebhook>>();
  private readonly deliveries = new Map<string, Map<string, HerokuWebhookDelivery>>();
  private readonly events = new Map<string, Map<string, HerokuWebhookEvent>>();

  constructor(rateLimit: HerokuRateLimitOptions = {}) {
    this.rateLimiter = new TokenBucketLimiter(rateLimit);
    this.reset();
  }

  /** Back to the fixture: only `demo-app` (with the same id as before), no webhooks, full budget. */
  reset(): void {
    this.apiKeys.clear();
    this.apiKeys.add(SANDBOX_FIXTURE.heroku.apiKey);
    this.appsById.clear();
    this.appsByName.clear();
    this.teamsByName.clear();
    this.webhooks.clear();
    this.deliveries.clear();
    this.events.clear();
    this.rateLimiter.reset();
    this.addApp(SANDBOX_FIXTURE.heroku.appName, this.fixtureAppId);
  }

  /**
   * Replaces every API key of the account with a new one, as the Dashboard's "Regenerate API Key" does:
   * the old key is refused (401) from then on.
   */
  rotateApiKey(): string {
    const apiKey = `sandbox-heroku-key-${newUuid()}`;
    this.apiKeys.clear();
    this.apiKeys.add(apiKey);
    return apiKey;
  }

  /** Finds an app by id or name, as the Platform API's app identity allows. */
  findApp(identity: string): HerokuApp | undefined {
    return isUuid(identity) ? this.appsById.get(identity.toLowerCase()) : this.appsByName.get(identity);
  }

  /** Every app, oldest first. */
  listApps(): HerokuApp[] {
    return [...this.appsById.values()];
  }

  /** Finds a team by id or name, as the Platform API's team identity allows. */
  findTeam(identity: string): { readonly id: string; readonly name: string } | undefined {
    return [...this.teamsByName.values()].find(
      (team) => team.name === identity || team.id === identity.toLowerCase(),
    );
  }

  /** Creates an app, in a team when one is named (the team is created with its first app). The caller checks that the name is free. */
  addApp(name: string, id = newUuid(), teamName?: string): HerokuApp {
    const now = herokuTimestamp();
    let team = teamName === undefined ? null : (this.teamsByName.get(teamName) ?? null);
    if (teamName !== undefined && team === null) {
      team = { id: newUuid(), name: teamName };
      this.teamsByName.set(teamName, team);
    }
    // Assumption: a new app in the common runtime, as the Platform API shows one that was never deployed
    // (no organization, space, release or slug); ids of the stacks and region are fixed values.
    const stack = { id: "ee582d3c-717d-4a57-ba5f-8b3a39f3a817", name: "heroku-24" };
    const app: HerokuApp = {
      acm: false,
      archived_at: null,
      buildpack_provided_description: null,
      build_stack: { ...stack },
      created_at: now,
      generation: { id: "5d4e1b5a-3e1a-4c1f-9a51-6f0d3c2b1a07", name: "cedar" },
      git_url: `https://git.heroku.com/${name}.git`,
      id,
      internal_routing: null,
      maintenance: false,
      name,
      owner: { ...this.account },
      organization: null,
      team,
      region: { id: "59accabd-516d-4f0e-83e6-6e3757701145", name: "us" },
      released_at: null,
      repo_size: null,
      slug_size: null,
      space: null,
      stack,
      updated_at: now,
      web_url: `https://${name}.herokuapp.com/`,
    };
    this.appsById.set(id, app);
    this.appsByName.set(name, app);
    return app;
  }

  /** The webhooks of an app, by id. */
  webhooksOf(appId: string): Map<string, StoredWebhook> {
    return entriesOf(this.webhooks, appId);
  }

  /** The deliveries of an app, by id. */
  deliveriesOf(appId: string): Map<string, HerokuWebhookDelivery> {
    return entriesOf(this.deliveries, appId);
  }

  /** The events of an app, by id. */
  eventsOf(appId: string): Map<string, HerokuWebhookEvent> {
    return entriesOf(this.events, appId);
  }
}

/** The API representation of a stored webhook, without its write-only fields. */
export function publicWebhook(webhook: StoredWebhook, app: HerokuApp): HerokuWebhook {
  return {
    app: { id: app.id, name: app.name },
    created_at: webhook.createdAt,
    id: webhook.id,
    include: [...webhook.include],
    level: webhook.level,
    updated_at: webhook.updatedAt,
    url: webhook.url,
  };
}

function entriesOf<T>(byApp: Map<string, Map<string, T>>, appId: string): Map<string, T> {
  let entries = byApp.get(appId);
  if (entries === undefined) {
    entries = new Map();
    byApp.set(appId, entries);
  }
  return entries;
}
