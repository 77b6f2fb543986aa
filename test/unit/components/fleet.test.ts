import {
  HerokuSquadcastFleet,
  type FleetRoute,
  type HerokuSquadcastFleetArgs,
} from "../../../src/components";
import { ENTITY_PRESETS, entitySetOf } from "../../../src/mapping";
import {
  ALERT_SOURCE,
  APP_WEBHOOK,
  FLEET,
  fakeId,
  byName,
  installProviderMocks,
  plain,
  registered,
  secretInput,
  serviceIdOfName,
  typeChainOf,
  valueOf,
  webhookIdOf,
  webhookUrlOfService,
  type Registration,
} from "./helpers/provider-mocks";

const registrations: Registration[] = installProviderMocks();

const SHOP = { name: "shop-service", team: "Default Team" } as const;
const PAYMENTS = { name: "payments-service", team: "Default Team" } as const;

/** Twelve apps across two services, three of them with their own settings. */
function twelveApps(): FleetRoute[] {
  return [
    {
      service: SHOP,
      apps: [
        "shop-web",
        "shop-api",
        { app: "shop-worker", entities: "resolvable" },
        "shop-admin",
        "shop-search",
        { app: "shop-cron", entities: ["dyno"], level: "sync" },
      ],
    },
    {
      service: PAYMENTS,
      apps: [
        "pay-web",
        "pay-api",
        "pay-worker",
        { app: "pay-ledger", secret: "ledger-secret" },
        "pay-fraud",
        "pay-reports",
      ],
    },
  ];
}

async function deploy(name: string, args: HerokuSquadcastFleetArgs): Promise<HerokuSquadcastFleet> {
  const fleet = new HerokuSquadcastFleet(name, args);
  await registered([
    fleet,
    ...Object.values(fleet.alertSourceResources),
    ...Object.values(fleet.webhookResources),
  ]);
  return fleet;
}

/** Which app each webhook resource name stands for, and which service each alert source name. */
async function childNames(args: HerokuSquadcastFleetArgs): Promise<Record<string, string>> {
  registrations.length = 0;
  await deploy("ops", args);
  return Object.fromEntries(
    registrations
      .filter(({ type }) => type !== FLEET)
      .map(({ type, name, inputs }) => [
        name,
        type === APP_WEBHOOK ? `app ${inputs.app}` : `service ${inputs.team}/${inputs.serviceName}`,
      ]),
  );
}

describe("HerokuSquadcastFleet", () => {
  it("makes one alert source per service and one webhook per app, all its children", async () => {
    const fleet = await deploy("ops", { routes: twelveApps(), entities: "deploys" });

    expect(registrations.filter(({ type }) => type === ALERT_SOURCE)).toHaveLength(2);
    expect(registrations.filter(({ type }) => type === APP_WEBHOOK)).toHaveLength(12);
    expect(registrations.filter(({ type }) => type === FLEET)).toHaveLength(1);
    const children = [...Object.values(fleet.alertSourceResources), ...Object.values(fleet.webhookResources)];
    const chains = await Promise.all(children.map(async (child) => typeChainOf(await valueOf(child.urn))));
    expect(chains.every((chain) => chain.startsWith(`${FLEET}$`))).toBe(true);
  });

  it("shares one alert source between routes that name the same service", async () => {
    await deploy("ops", {
      routes: [
        { service: SHOP, apps: ["shop-web"] },
        { service: PAYMENTS, apps: ["pay-web"] },
        { service: { ...SHOP }, apps: ["shop-api"] },
      ],
    });

    expect([...byName(registrations, ALERT_SOURCE).keys()].sort()).toEqual([
      "ops-default-team-payments-service",
      "ops-default-team-shop-service",
    ]);
    const webhooks = byName(registrations, APP_WEBHOOK);
    expect(plain(webhooks.get("ops-shop-api")?.inputs.url)).toBe(
      webhookUrlOfService(serviceIdOfName("shop-service")),
    );
  });

  it("points every webhook at its own service's alert source", async () => {
    await deploy("ops", { routes: twelveApps() });

    const shopUrl = webhookUrlOfService(serviceIdOfName("shop-service"));
    const paymentsUrl = webhookUrlOfService(serviceIdOfName("payments-service"));
    expect(shopUrl).not.toBe(paymentsUrl);
    for (const [name, webhook] of byName(registrations, APP_WEBHOOK)) {
      const app = `${webhook.inputs.app}`;
      expect(name).toBe(`ops-${app}`);
      expect(webhook.inputs.url).toEqual(secretInput(app.startsWith("shop-") ? shopUrl : paymentsUrl));
    }
  });

  it("gives each app its own settings where set and the fleet's elsewhere", async () => {
    await deploy("ops", { routes: twelveApps(), entities: "deploys", secret: "fleet-secret" });

    const webhooks = byName(registrations, APP_WEBHOOK);
    expect(webhooks.get("ops-shop-worker")?.inputs).toMatchObject({
      entities: entitySetOf(ENTITY_PRESETS.resolvable),
      level: "notify",
    });
    expect(webhooks.get("ops-shop-cron")?.inputs).toMatchObject({ entities: { dyno: true }, level: "sync" });
    expect(webhooks.get("ops-pay-ledger")?.inputs).toMatchObject({
      entities: entitySetOf(ENTITY_PRESETS.deploys),
      secret: secretInput("ledger-secret"),
    });
    expect(webhooks.get("ops-shop-web")?.inputs).toMatchObject({
      entities: entitySetOf(ENTITY_PRESETS.deploys),
      level: "notify",
      secret: secretInput("fleet-secret"),
    });
  });

  it("delivers every entity when neither the fleet nor the app chooses", async () => {
    await deploy("ops", { service: SHOP, apps: ["shop-web", { app: "shop-api", level: "sync" }] });

    const webhooks = byName(registrations, APP_WEBHOOK);
    expect(webhooks.get("ops-shop-web")?.inputs.entities).toEqual(entitySetOf(ENTITY_PRESETS.all));
    expect(webhooks.get("ops-shop-api")?.inputs.entities).toEqual(entitySetOf(ENTITY_PRESETS.all));
  });

  it("keeps every child's name when the apps and routes are reordered", async () => {
    const before = await childNames({ routes: twelveApps() });
    const reordered = twelveApps()
      .reverse()
      .map((route) => ({ ...route, apps: [...route.apps].reverse() }));
    const after = await childNames({ routes: reordered });

    expect(Object.keys(before)).toHaveLength(14);
    expect(after).toEqual(before);
  });

  it("touches only the removed app's webhook when an app is removed", async () => {
    const before = await childNames({ routes: twelveApps() });
    const withoutShopApi = twelveApps().map((route) => ({
      ...route,
      apps: route.apps.filter((app) => app !== "shop-api"),
    }));
    const after = await childNames({ routes: withoutShopApi });

    const { ["ops-shop-api"]: removed, ...rest } = before;
    expect(removed).toBe("app shop-api");
    expect(after).toEqual(rest);
  });

  it("reports each service key's service id and each app's webhook id", async () => {
    const fleet = await deploy("ops", { routes: twelveApps() });

    expect(await valueOf(fleet.serviceIds)).toEqual({
      "Default Team/shop-service": fakeId("shop-service"),
      "Default Team/payments-service": fakeId("payments-service"),
    });
    const webhooks = await valueOf(fleet.webhooks);
    expect(Object.keys(webhooks)).toHaveLength(12);
    expect(webhooks["pay-fraud"]).toBe(webhookIdOf("pay-fraud"));
    expect(Object.keys(fleet.alertSourceResources).sort()).toEqual([
      "Default Team/payments-service",
      "Default Team/shop-service",
    ]);
  });

  it("refuses an app listed twice, naming it", () => {
    expect(
      () => new HerokuSquadcastFleet("twice", { service: SHOP, apps: ["shop-web", { app: "shop-web" }] }),
    ).toThrow(/app "shop-web" is listed more than once/);
    expect(
      () =>
        new HerokuSquadcastFleet("across", {
          routes: [
            { service: SHOP, apps: ["shop-web", "pay-api"] },
            { service: PAYMENTS, apps: ["pay-api"] },
          ],
        }),
    ).toThrow(/app "pay-api" is listed more than once/);
  });
});
