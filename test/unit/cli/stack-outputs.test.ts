import {
  fleetTargetsFrom,
  integrationOptionsFrom,
  managedWebhooksFrom,
} from "../../../src/cli/stack-outputs";

const FLEET_APPS = {
  "shop-web": { serviceId: "svc-shop", webhookId: "w1", entities: { dyno: true, "api:build": true } },
  "pay-api": { serviceId: "svc-pay", webhookId: "w2", entities: "all" },
};
describe("fleetTargetsFrom", () => {
  test.each([
    {
      name: "a fleet's apps output, under any name, gives one target per app",
      outputs: { ops: FLEET_APPS, serviceIds: { "Default Team/shop": "svc-shop" } },
      targets: [
        { app: "shop-web", service: { id: "svc-shop" }, entities: ["api:build", "dyno"] },
        { app: "pay-api", service: { id: "svc-pay" }, entities: "all" },
      ],
    },
    {
      name: "an integration's outputs are no fleet",
      outputs: { app: "demo-app", serviceId: "svc", entities: { dyno: true }, webhookId: "w" },
      targets: [],
    },
    {
      name: "an object where one entry lacks a serviceId is no fleet",
      outputs: { mixed: { a: { serviceId: "s" }, b: { webhookId: "w" } } },
      targets: [],
    },
    { name: "an empty object is no fleet", outputs: { apps: {} }, targets: [] },
    {
      name: "an app without entities is verified without comparing entities",
      outputs: { apps: { solo: { serviceId: "s" } } },
      targets: [{ app: "solo", service: { id: "s" } }],
    },
  ])("$name", ({ outputs, targets }) => {
    expect(fleetTargetsFrom(outputs)).toEqual(targets);
  });
});

describe("integrationOptionsFrom", () => {
  test("reads the integration's outputs and ignores the rest", () => {
    expect(
      integrationOptionsFrom({
        app: "demo-app",
        serviceId: "svc",
        entities: { "api:build": true, dyno: true },
        apps: FLEET_APPS,
        team: "",
      }),
    ).toEqual({ app: "demo-app", service: { id: "svc" }, entities: ["api:build", "dyno"] });
  });
});

describe("managedWebhooksFrom", () => {
  test.each([
    {
      name: "a fleet's apps give each app with its webhook id",
      outputs: { apps: FLEET_APPS, webhooks: { "shop-web": "w1", "pay-api": "w2" } },
      owned: [
        { app: "shop-web", webhookId: "w1" },
        { app: "pay-api", webhookId: "w2" },
      ],
    },
    {
      name: "an integration's app and webhookId",
      outputs: { app: "demo-app", serviceId: "svc", webhookId: "w" },
      owned: [{ app: "demo-app", webhookId: "w" }],
    },
    {
      name: "an integration's app alone, matched by app",
      outputs: { app: "demo-app", serviceId: "svc" },
      owned: [{ app: "demo-app" }],
    },
    {
      name: "a fleet app without a webhook id, matched by app",
      outputs: { apps: { solo: { serviceId: "s" } } },
      owned: [{ app: "solo" }],
    },
    {
      name: "nothing that names an app: nothing is known",
      outputs: { webhooks: { "shop-web": "w1" }, serviceIds: { "Default Team/shop": "svc" }, app: "" },
      owned: [],
    },
  ])("$name", ({ outputs, owned }) => {
    expect(managedWebhooksFrom(outputs)).toEqual(owned);
  });
});
