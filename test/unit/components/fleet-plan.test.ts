import { planFleet } from "../../../src/components/fleet-plan";
import type { HerokuSquadcastFleetArgs } from "../../../src/components";

const SHOP = { name: "shop-service", team: "Default Team" } as const;

describe("planFleet", () => {
  it("plans one service for routes naming it twice, keeping the first-named order", () => {
    const plan = planFleet("ops", {
      routes: [
        { service: { id: "5f8891527f735f0008fdb5b2" }, apps: ["pay-api"] },
        { service: SHOP, apps: ["shop-web"] },
        { service: { id: "5f8891527f735f0008fdb5b2" }, apps: ["pay-web"] },
      ],
    });

    expect(plan.services.map(({ key, slug }) => [key, slug])).toEqual([
      ["5f8891527f735f0008fdb5b2", "5f8891527f735f0008fdb5b2"],
      ["Default Team/shop-service", "default-team-shop-service"],
    ]);
    expect(plan.webhooks.map(({ app, serviceKey }) => [app.app, serviceKey])).toEqual([
      ["pay-api", "5f8891527f735f0008fdb5b2"],
      ["shop-web", "Default Team/shop-service"],
      ["pay-web", "5f8891527f735f0008fdb5b2"],
    ]);
  });

  it("merges each app's settings over the fleet's, and defaults entities to all", () => {
    const plan = planFleet("ops", {
      service: SHOP,
      apps: ["shop-web", { app: "shop-cron", entities: ["dyno"], authorization: "Bearer cron" }],
      level: "sync",
      authorization: "Bearer fleet",
    });

    expect(plan.webhooks.map(({ app }) => app)).toEqual([
      { app: "shop-web", entities: "all", level: "sync", secret: undefined, authorization: "Bearer fleet" },
      {
        app: "shop-cron",
        entities: ["dyno"],
        level: "sync",
        secret: undefined,
        authorization: "Bearer cron",
      },
    ]);
  });

  it("plans a service listed without apps, so its alert source is kept", () => {
    const plan = planFleet("ops", { service: SHOP, apps: [] });
    expect(plan.services.map(({ key }) => key)).toEqual(["Default Team/shop-service"]);
    expect(plan.webhooks).toEqual([]);
  });

  it("refuses one service id given with two teams", () => {
    expect(() =>
      planFleet("ops", {
        routes: [
          { service: { id: "5f8891527f735f0008fdb5b2", team: "Shop" }, apps: ["a-app"] },
          { service: { id: "5f8891527f735f0008fdb5b2", team: "Payments" }, apps: ["b-app"] },
        ],
      }),
    ).toThrow(/service 5f8891527f735f0008fdb5b2 is given with team Shop and with team Payments/);
  });

  it("refuses two services whose names make the same resource name", () => {
    expect(() =>
      planFleet("ops", {
        routes: [
          { service: { name: "shop service", team: "Default Team" }, apps: ["a-app"] },
          { service: SHOP, apps: ["b-app"] },
        ],
      }),
    ).toThrow(/both name the alert source ops-default-team-shop-service/);
  });

  it("refuses arguments with both forms, or neither", () => {
    const both = { service: SHOP, apps: ["a-app"], routes: [] } as unknown as HerokuSquadcastFleetArgs;
    const neither = { entities: "all" } as unknown as HerokuSquadcastFleetArgs;
    expect(() => planFleet("ops", both)).toThrow(/not both/);
    expect(() => planFleet("ops", neither)).toThrow(/needs service with apps, or routes/);
  });

  it("refuses an app that is not a plain string", () => {
    const args = { service: SHOP, apps: [{ app: "" }] } as unknown as HerokuSquadcastFleetArgs;
    expect(() => planFleet("ops", args)).toThrow(/every app must be a non-empty string/);
  });
});
