import { basicProgram } from "../../../examples/basic/program";
import { FLEET_APPS, fleetProgram } from "../../../examples/fleet/program";
import { ENTITY_PRESETS, entitySetOf } from "../../../src/mapping";
import {
  ALERT_SOURCE,
  APP_WEBHOOK,
  byName,
  installProviderMocks,
  valueOf,
  webhookIdOf,
  type Registration,
} from "./helpers/provider-mocks";

// The examples import the package by name, as a user's program does; here it is the source under test.
jest.mock("pulumi-heroku-squadcast", () => jest.requireActual("../../../src"), { virtual: true });

const registrations: Registration[] = installProviderMocks();

describe("examples/basic", () => {
  it("wires demo-app into demo-service of the sandbox's Default Team", async () => {
    const outputs = basicProgram();

    expect(await valueOf(outputs.webhookId)).toBe(webhookIdOf("demo-app"));
    expect(byName(registrations, ALERT_SOURCE).get("demo-alert-source")?.inputs).toMatchObject({
      serviceName: "demo-service",
      team: "Default Team",
    });
    expect(byName(registrations, APP_WEBHOOK).get("demo-webhook")?.inputs).toMatchObject({
      app: "demo-app",
      entities: entitySetOf(ENTITY_PRESETS.all),
    });
  });
});

describe("examples/fleet", () => {
  it("wires the dozen apps the sandbox README creates into two services", async () => {
    const outputs = fleetProgram();

    expect(Object.keys(await valueOf(outputs.webhooks)).sort()).toEqual([...FLEET_APPS].sort());
    expect(FLEET_APPS).toHaveLength(12);
    expect(Object.keys(await valueOf(outputs.serviceIds)).sort()).toEqual([
      "Default Team/payments-service",
      "Default Team/shop-service",
    ]);
    expect(registrations.filter(({ type }) => type === ALERT_SOURCE)).toHaveLength(2);
    expect(byName(registrations, APP_WEBHOOK).get("heroku-alerts-shop-cron")?.inputs).toMatchObject({
      entities: { dyno: true },
    });
  });

  it("leaves out the apps not asked for", async () => {
    const outputs = fleetProgram({ apps: FLEET_APPS.filter((app) => app !== "pay-fraud") });

    const webhooks = await valueOf(outputs.webhooks);
    expect(Object.keys(webhooks)).toHaveLength(11);
    expect(webhooks).not.toHaveProperty("pay-fraud");
  });

  it("refuses an app it does not have", () => {
    expect(() => fleetProgram({ apps: ["shop-web", "blog-web"] })).toThrow(/no app blog-web/);
  });
});
