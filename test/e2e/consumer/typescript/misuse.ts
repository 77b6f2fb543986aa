import { HerokuSquadcastFleet, HerokuSquadcastIntegration, squadcast } from "pulumi-heroku-squadcast";

/**
 * Never called. Each marked line must be a type error: `@ts-expect-error` fails the compilation when it
 * is not, so this proves the published declarations are precise, not `any`.
 */
export function misuses(source: squadcast.AlertSource): void {
  new HerokuSquadcastIntegration("unknown-preset", {
    app: "demo-app",
    service: { name: "demo-service", team: "Default Team" },
    // @ts-expect-error -- "everything" is not an entity preset
    entities: "everything",
  });
  new HerokuSquadcastIntegration("unknown-entity", {
    app: "demo-app",
    alertSource: source,
    // @ts-expect-error -- "api:builds" is not a Heroku entity
    entities: ["api:builds"],
  });
  new HerokuSquadcastFleet("bad-level", {
    service: { name: "demo-service", team: "Default Team" },
    // @ts-expect-error -- a level is notify or sync
    apps: [{ app: "demo-app", level: "often" }],
  });
  // @ts-expect-error -- an integration needs an app
  new HerokuSquadcastIntegration("no-app", { service: { name: "demo-service", team: "Default Team" } });
}
