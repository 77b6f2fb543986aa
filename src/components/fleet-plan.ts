import type { WebhookSettings } from "../heroku/webhook-settings";
import { DEFAULT_ENTITIES } from "../mapping";
import type { Deduplicate } from "./deduplicate";
import type { FleetAppSettings, FleetRoute, HerokuSquadcastFleetArgs } from "./fleet-args";
import { serviceKey, serviceSlug, type ServiceReference } from "./service-key";

/** A service of a fleet: one alert source. */
export interface PlannedService {
  /** The key from {@link serviceKey}: the fleet's outputs are keyed by it. */
  readonly key: string;
  /** The suffix of the alert source's resource name. */
  readonly slug: string;
  /** The reference as first given. */
  readonly reference: ServiceReference;
  /**
   * The `deduplicate` a route set for it.
   *
   * @defaultValue undefined (the fleet's)
   */
  readonly deduplicate?: Deduplicate;
}

/** An app of a fleet: one webhook. */
export interface PlannedWebhook {
  /** The app, with its settings merged over the fleet's. */
  readonly app: FleetAppSettings;
  /** The key of the service the app delivers to. */
  readonly serviceKey: string;
}

/** What a fleet makes, decided before any resource exists. */
export interface FleetPlan {
  /** The distinct services, in the order first named. */
  readonly services: readonly PlannedService[];
  /** One entry per app, in the order given. */
  readonly webhooks: readonly PlannedWebhook[];
}

/**
 * Decides a fleet's alert sources and webhooks: one alert source per distinct service, one webhook per
 * app. Pure, so every mistake is reported before anything is registered.
 *
 * @throws Error for an app listed twice, a service named with two different teams, two services whose
 * names reduce to the same resource name, a service given `deduplicate` in two routes, or arguments with
 * both or neither of `service` and `routes`.
 */
export function planFleet(fleetName: string, args: HerokuSquadcastFleetArgs): FleetPlan {
  const services = new Map<string, PlannedService>();
  const slugs = new Map<string, string>();
  const webhooks: PlannedWebhook[] = [];
  const seenApps = new Set<string>();

  for (const route of routesOf(fleetName, args)) {
    const key = serviceKey(route.service);
    const known = services.get(key);
    if (known) {
      assertSameTeam(fleetName, key, known.reference, route.service);
      if (route.deduplicate !== undefined) {
        // One overlay per service: two settings for it would leave one of them silently ignored.
        if (known.deduplicate !== undefined) {
          throw new Error(
            `HerokuSquadcastFleet ${fleetName}: service ${key} is given deduplicate in two routes; ` +
              "set it on one of them",
          );
        }
        services.set(key, { ...known, deduplicate: route.deduplicate });
      }
    } else {
      const slug = serviceSlug(key);
      const clash = slugs.get(slug);
      if (clash !== undefined) {
        throw new Error(
          `HerokuSquadcastFleet ${fleetName}: services "${clash}" and "${key}" would both name the alert ` +
            `source ${fleetName}-${slug}; a fleet cannot tell them apart`,
        );
      }
      slugs.set(slug, key);
      services.set(key, { key, slug, reference: route.service, deduplicate: route.deduplicate });
    }
    for (const entry of route.apps) {
      const app = withDefaults(typeof entry === "string" ? { app: entry } : entry, args);
      if (typeof app.app !== "string" || app.app === "") {
        throw new Error(
          `HerokuSquadcastFleet ${fleetName}: every app must be a non-empty string, got ${String(app.app)}`,
        );
      }
      if (seenApps.has(app.app)) {
        throw new Error(
          `HerokuSquadcastFleet ${fleetName}: app "${app.app}" is listed more than once; ` +
            "an app has one webhook per fleet, so list it under one service only",
        );
      }
      seenApps.add(app.app);
      webhooks.push({ app, serviceKey: key });
    }
  }
  return { services: [...services.values()], webhooks };
}

function routesOf(fleetName: string, args: HerokuSquadcastFleetArgs): readonly FleetRoute[] {
  if (args.routes !== undefined) {
    if (args.service !== undefined || args.apps !== undefined) {
      throw new Error(`HerokuSquadcastFleet ${fleetName}: give routes, or service with apps, not both`);
    }
    return args.routes;
  }
  if (args.service === undefined || args.apps === undefined) {
    throw new Error(`HerokuSquadcastFleet ${fleetName} needs service with apps, or routes`);
  }
  return [{ service: args.service, apps: args.apps }];
}

/**
 * A service named by id in two routes is one alert source; if the routes disagree on the team, one of
 * them is a mistake, and checking either team silently would hide which.
 */
function assertSameTeam(
  fleetName: string,
  key: string,
  first: ServiceReference,
  again: ServiceReference,
): void {
  if (first.team !== again.team) {
    throw new Error(
      `HerokuSquadcastFleet ${fleetName}: service ${key} is given with team ${String(first.team)} ` +
        `and with team ${String(again.team)}; use one team`,
    );
  }
}

function withDefaults(app: FleetAppSettings, defaults: WebhookSettings): FleetAppSettings {
  return {
    app: app.app,
    entities: app.entities ?? defaults.entities ?? DEFAULT_ENTITIES,
    level: app.level ?? defaults.level,
    secret: app.secret ?? defaults.secret,
    authorization: app.authorization ?? defaults.authorization,
    adopt: app.adopt,
  };
}
