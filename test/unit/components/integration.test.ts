import * as pulumi from "@pulumi/pulumi";
import { HerokuSquadcastIntegration } from "../../../src/components";
import { ENTITY_PRESETS, entitySetOf } from "../../../src/mapping";
import { AlertSource } from "../../../src/squadcast";
import {
  ALERT_SOURCE,
  APP_WEBHOOK,
  HEROKU_ALERT_SOURCE_ID,
  INTEGRATION,
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

async function integrate(
  name: string,
  args: ConstructorParameters<typeof HerokuSquadcastIntegration>[1],
): Promise<HerokuSquadcastIntegration> {
  const integration = new HerokuSquadcastIntegration(name, args);
  await registered([integration, integration.alertSource, integration.webhook]);
  return integration;
}

describe("HerokuSquadcastIntegration", () => {
  it("makes exactly one alert source and one webhook, both its children", async () => {
    const integration = await integrate("billing", {
      app: "billing-api",
      service: { name: "billing", team: "Platform" },
    });

    expect(registrations.map(({ type, name }) => `${type} ${name}`).sort()).toEqual([
      `${INTEGRATION} billing`,
      `${APP_WEBHOOK} billing-webhook`,
      `${ALERT_SOURCE} billing-alert-source`,
    ]);
    expect(typeChainOf(await valueOf(integration.alertSource.urn))).toBe(`${INTEGRATION}$${ALERT_SOURCE}`);
    expect(typeChainOf(await valueOf(integration.webhook.urn))).toBe(`${INTEGRATION}$${APP_WEBHOOK}`);
  });

  it("names the service by name and team, or by id", async () => {
    await integrate("by-name", { app: "billing-api", service: { name: "billing", team: "Platform" } });
    await integrate("by-id", {
      app: "billing-api",
      service: { id: "5f8891527f735f0008fdb5b2", team: "Platform" },
    });

    const sources = byName(registrations, ALERT_SOURCE);
    expect(sources.get("by-name-alert-source")?.inputs).toMatchObject({
      serviceName: "billing",
      team: "Platform",
      shortName: "heroku",
    });
    expect(sources.get("by-name-alert-source")?.inputs).not.toHaveProperty("serviceId");
    expect(sources.get("by-id-alert-source")?.inputs).toMatchObject({
      serviceId: "5f8891527f735f0008fdb5b2",
      team: "Platform",
    });
    expect(sources.get("by-id-alert-source")?.inputs).not.toHaveProperty("serviceName");
  });

  it("points the webhook at the alert source's URL and delivers every entity by default", async () => {
    const integration = await integrate("billing", {
      app: "billing-api",
      service: { name: "billing", team: "Platform" },
    });

    const webhook = byName(registrations, APP_WEBHOOK).get("billing-webhook");
    const expectedUrl = webhookUrlOfService(serviceIdOfName("billing"));
    expect(webhook?.inputs).toMatchObject({
      app: "billing-api",
      url: secretInput(expectedUrl),
      entities: entitySetOf(ENTITY_PRESETS.all),
      level: "notify",
    });
    expect(await valueOf(integration.entities)).toEqual(entitySetOf(ENTITY_PRESETS.all));
    expect(await valueOf(integration.webhookUrl)).toBe(expectedUrl);
  });

  it("passes entities, level, secret and authorization to the webhook", async () => {
    await integrate("billing", {
      app: "billing-api",
      service: { name: "billing", team: "Platform" },
      entities: ["dyno", "api:build"],
      level: "sync",
      secret: "hmac-secret",
      authorization: "Bearer abc",
    });

    // Both are credentials of the delivery, so they reach the engine as secrets.
    expect(byName(registrations, APP_WEBHOOK).get("billing-webhook")?.inputs).toMatchObject({
      entities: { "api:build": true, dyno: true },
      level: "sync",
      secret: secretInput("hmac-secret"),
      authorization: secretInput("Bearer abc"),
    });
  });

  it("exposes the children's ids, and the webhook URL only as a secret", async () => {
    const integration = await integrate("billing", {
      app: "billing-api",
      service: { name: "billing", team: "Platform" },
    });

    expect(await valueOf(integration.webhookId)).toBe(webhookIdOf("billing-api"));
    expect(await valueOf(integration.alertSourceId)).toBe(HEROKU_ALERT_SOURCE_ID);
    expect(await pulumi.isSecret(integration.webhookUrl)).toBe(true);
  });

  it("reuses a given alert source instead of making one", async () => {
    const shared = new AlertSource("shared", { service: { name: "billing", team: "Platform" } });
    const first = await integrate("billing-api", { app: "billing-api", alertSource: shared });
    const second = await integrate("billing-worker", { app: "billing-worker", alertSource: shared });

    expect([...byName(registrations, ALERT_SOURCE).keys()]).toEqual(["shared"]);
    expect(first.alertSource).toBe(shared);
    const webhooks = byName(registrations, APP_WEBHOOK);
    const sharedUrl = webhookUrlOfService(serviceIdOfName("billing"));
    expect(plain(webhooks.get("billing-api-webhook")?.inputs.url)).toBe(sharedUrl);
    expect(plain(webhooks.get("billing-worker-webhook")?.inputs.url)).toBe(sharedUrl);
    expect(await valueOf(second.alertSourceId)).toBe(HEROKU_ALERT_SOURCE_ID);
  });

  it("refuses both a service and an alert source, and neither, before registering anything", async () => {
    const shared = new AlertSource("shared", { service: { name: "billing", team: "Platform" } });
    await registered([shared]);
    registrations.length = 0;
    const both = {
      app: "billing-api",
      service: { name: "billing", team: "Platform" },
      alertSource: shared,
    } as unknown as ConstructorParameters<typeof HerokuSquadcastIntegration>[1];
    const neither = { app: "billing-api" } as unknown as ConstructorParameters<
      typeof HerokuSquadcastIntegration
    >[1];

    expect(() => new HerokuSquadcastIntegration("both", both)).toThrow(/service or alertSource, not both/);
    expect(() => new HerokuSquadcastIntegration("neither", neither)).toThrow(/needs service/);
    // A registration started by a refused constructor would land before this later one.
    await registered([new AlertSource("sentinel", { service: { name: "billing", team: "Platform" } })]);
    expect(registrations.map(({ name }) => name)).toEqual(["sentinel"]);
  });
});
