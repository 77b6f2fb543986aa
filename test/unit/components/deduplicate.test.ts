import {
  HerokuSquadcastFleet,
  HerokuSquadcastIntegration,
  dedupKeyOverlayArgsOf,
} from "../../../src/components";
import {
  ALERT_SOURCE,
  APP_WEBHOOK,
  DEDUP_KEY_OVERLAY,
  byName,
  installProviderMocks,
  registered,
  type Registration,
} from "./helpers/provider-mocks";

const registrations: Registration[] = installProviderMocks();
const SHOP = { name: "shop-service", team: "Default Team" };
const PAYMENTS = { name: "payments-service", team: "Default Team" };

describe("deduplicate on the components", () => {
  it("is off by default: an integration registers exactly what it did before the option existed", async () => {
    const integration = new HerokuSquadcastIntegration("billing", { app: "billing-api", service: SHOP });
    await registered([integration, integration.webhook, integration.alertSource]);
    expect(integration.dedupKeyOverlay).toBeUndefined();
    expect(registrations.map((entry) => entry.type).sort()).toEqual(
      ["heroku-squadcast:index:Integration", ALERT_SOURCE, APP_WEBHOOK].sort(),
    );
  });

  it("on, an integration makes one overlay for its service, named after it", async () => {
    const integration = new HerokuSquadcastIntegration("billing", {
      app: "billing-api",
      service: SHOP,
      deduplicate: { windowMinutes: 120 },
    });
    await registered([
      integration,
      integration.webhook,
      integration.alertSource,
      integration.dedupKeyOverlay!,
    ]);
    const overlays = byName(registrations, DEDUP_KEY_OVERLAY);
    expect([...overlays.keys()]).toEqual(["billing-dedup"]);
    expect(overlays.get("billing-dedup")?.inputs).toEqual(
      expect.objectContaining({ serviceName: "shop-service", team: "Default Team", windowMinutes: 120 }),
    );
  });

  it("on, a fleet makes one overlay per service, not per app", async () => {
    const fleet = new HerokuSquadcastFleet("ops", {
      routes: [
        { service: SHOP, apps: ["shop-web", "shop-api", "shop-worker"] },
        { service: PAYMENTS, apps: ["pay-api"] },
      ],
      deduplicate: true,
    });
    await registered([
      fleet,
      ...Object.values(fleet.dedupKeyOverlayResources),
      ...Object.values(fleet.webhookResources),
    ]);
    expect([...byName(registrations, DEDUP_KEY_OVERLAY).keys()].sort()).toEqual([
      "ops-default-team-payments-service-dedup",
      "ops-default-team-shop-service-dedup",
    ]);
    expect(byName(registrations, APP_WEBHOOK).size).toBe(4);
  });

  it("a route's deduplicate overrides the fleet's for its service only", async () => {
    const fleet = new HerokuSquadcastFleet("ops", {
      routes: [
        { service: SHOP, apps: ["shop-web"], deduplicate: { windowMinutes: 60 } },
        { service: PAYMENTS, apps: ["pay-api"] },
        { service: SHOP, apps: ["shop-api"] },
      ],
    });
    await registered([fleet, ...Object.values(fleet.dedupKeyOverlayResources)]);
    const overlays = byName(registrations, DEDUP_KEY_OVERLAY);
    expect([...overlays.keys()]).toEqual(["ops-default-team-shop-service-dedup"]);
    expect(overlays.get("ops-default-team-shop-service-dedup")?.inputs).toEqual(
      expect.objectContaining({ serviceName: "shop-service", windowMinutes: 60 }),
    );
  });

  it("a service given deduplicate in two routes is refused before anything registers", () => {
    expect(
      () =>
        new HerokuSquadcastFleet("ops", {
          routes: [
            { service: SHOP, apps: ["shop-web"], deduplicate: true },
            { service: SHOP, apps: ["shop-api"], deduplicate: false },
          ],
        }),
    ).toThrow("service Default Team/shop-service is given deduplicate in two routes; set it on one of them");
  });

  it.each([
    [undefined, undefined],
    [false, undefined],
    [true, { service: SHOP }],
    [{ takeOver: true }, { service: SHOP, windowMinutes: undefined, takeOver: true }],
  ])("dedupKeyOverlayArgsOf(service, %p)", (deduplicate, expected) => {
    expect(dedupKeyOverlayArgsOf(SHOP, deduplicate)).toEqual(expected);
  });
});
