import type { AdoptableWebhookSettings, WebhookSettings } from "../heroku/webhook-settings";
import type { EntitySet } from "../mapping";
import type { Deduplicate } from "./deduplicate";
import type { ServiceReference } from "./service-key";

/** What one app of a fleet is wired to, as the fleet's `apps` output holds it. */
export interface FleetAppOutput {
  /** The Squadcast service's id. */
  readonly serviceId: string;
  /** The app's webhook id in Heroku. */
  readonly webhookId: string;
  /** The entities Heroku delivers, as a set: `{ "api:build": true, "dyno": true }`. */
  readonly entities: EntitySet;
}

/**
 * One app of a fleet with its own webhook settings; each setting it leaves out is the fleet's. `adopt`
 * is the app's own only.
 */
export interface FleetAppSettings extends AdoptableWebhookSettings {
  /** The Heroku app, by name or id. Also names the app's webhook, so it must be a plain string. */
  readonly app: string;
}

/** A set of apps whose events go to one Squadcast service. */
export interface FleetRoute {
  /**
   * The service, with plain strings: the fleet names the service's alert source after it. Routes that
   * name the same service share one alert source.
   */
  readonly service: ServiceReference;
  /** The apps, by name (fleet settings) or as {@link FleetAppSettings} (own settings). */
  readonly apps: readonly (string | FleetAppSettings)[];
  /**
   * Deduplication for this route's service only, over the fleet's `deduplicate`: `true`, `false` or
   * `DeduplicateSettings`. Routes that name the same service may set it on one of them only.
   *
   * @defaultValue the fleet's `deduplicate`
   */
  readonly deduplicate?: Deduplicate;
}

/** What a fleet does for each of its services, whichever way the services are named. */
export interface FleetServiceSettings {
  /**
   * One incident per failing streak on every service of the fleet: one Heroku dedup-key overlay per
   * service (not per app), child `<name>-<service slug>-dedup`. `true` or `DeduplicateSettings`.
   *
   * @defaultValue false ({@link DEFAULT_DEDUPLICATE}): turning it on deactivates a service's
   * Deduplication Rules, so only the services' owners should.
   */
  readonly deduplicate?: Deduplicate;
}

/** Every app goes to one service; the settings are every app's unless it sets its own. */
export interface FleetToServiceArgs extends WebhookSettings, FleetServiceSettings {
  /** The service that receives every app's events. */
  readonly service: ServiceReference;
  /** The apps, by name or as {@link FleetAppSettings}. Each app may appear once. */
  readonly apps: readonly (string | FleetAppSettings)[];
  /** Not with `service`. */
  readonly routes?: undefined;
}

/** Apps go to several services. */
export interface FleetRoutesArgs extends WebhookSettings, FleetServiceSettings {
  /** Which apps go to which service. Each app may appear once across all routes. */
  readonly routes: readonly FleetRoute[];
  /** Not with `routes`. */
  readonly service?: undefined;
  /** Not with `routes`. */
  readonly apps?: undefined;
}

/** The arguments of a `HerokuSquadcastFleet`: `service` and `apps`, or `routes`. */
export type HerokuSquadcastFleetArgs = FleetToServiceArgs | FleetRoutesArgs;
