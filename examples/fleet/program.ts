import * as pulumi from "@pulumi/pulumi";
import {
  HerokuSquadcastFleet,
  type FleetAppSettings,
  type FleetAppOutput,
  type FleetRoute,
} from "pulumi-heroku-squadcast";

const TEAM = "Default Team";

/**
 * Which service each app pages, and what it pages about. Most apps take the fleet's choice; the rest
 * say why they differ.
 */
const ROUTES: readonly FleetRoute[] = [
  {
    service: { name: "shop-service", team: TEAM },
    apps: [
      "shop-web",
      "shop-api",
      // Workers page only for what fixes itself: a crashed dyno coming back up, a failed build fixed.
      { app: "shop-worker", entities: "resolvable" },
      // The back office matters only when code ships.
      { app: "shop-admin", entities: "deploys" },
      "shop-search",
      // A scheduler has no web traffic: dyno state is all that tells it is alive.
      { app: "shop-cron", entities: ["dyno"] },
    ],
  },
  {
    service: { name: "payments-service", team: TEAM },
    apps: [
      "pay-web",
      "pay-api",
      { app: "pay-worker", entities: "resolvable" },
      // Money moves here: Heroku retries until Squadcast has the event.
      { app: "pay-ledger", level: "sync" },
      { app: "pay-fraud", entities: ["api:build", "api:release", "dyno"], level: "sync" },
      { app: "pay-reports", entities: "deploys" },
    ],
  },
];

/** Every app of the example, in the order listed. */
export const FLEET_APPS: readonly string[] = ROUTES.flatMap((route) => route.apps.map(appName));

/** What the fleet example wires. */
export interface FleetProgramOptions {
  /**
   * Which of {@link FLEET_APPS} to wire, e.g. all but one to watch only that app's webhook go away.
   * Default: all twelve.
   */
  readonly apps?: readonly string[];
}

/** The stack outputs of the fleet example. */
export interface FleetProgramOutputs {
  /** Each service's Squadcast id, by `"<team>/<service>"`. */
  readonly serviceIds: pulumi.Output<Record<string, string>>;
  /** Each app's Heroku webhook id, by app. */
  readonly webhooks: pulumi.Output<Record<string, string>>;
  /** Each app's service, webhook and entities: what `heroku-squadcast verify --stack` checks. */
  readonly apps: pulumi.Output<Record<string, FleetAppOutput>>;
}

/**
 * A dozen Heroku apps paging two Squadcast services: one alert source per service, one webhook per app.
 * A function, so tests can run the same program inline through the Automation API.
 *
 * @throws Error when `options.apps` names an app the example does not have.
 */
export function fleetProgram(options: FleetProgramOptions = {}): FleetProgramOutputs {
  const wanted = new Set(options.apps ?? FLEET_APPS);
  const unknown = [...wanted].filter((app) => !FLEET_APPS.includes(app));
  if (unknown.length > 0) {
    throw new Error(
      `The fleet example has no app ${unknown.join(", ")}; its apps are ${FLEET_APPS.join(", ")}`,
    );
  }
  const fleet = new HerokuSquadcastFleet("heroku-alerts", {
    routes: ROUTES.map((route) => ({ ...route, apps: route.apps.filter((app) => wanted.has(appName(app))) })),
    // Apps without their own choice page about everything Heroku emits.
    entities: "all",
  });
  return { serviceIds: fleet.serviceIds, webhooks: fleet.webhooks, apps: fleet.apps };
}

function appName(app: string | FleetAppSettings): string {
  return typeof app === "string" ? app : app.app;
}
