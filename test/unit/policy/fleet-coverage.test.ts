import { fleetCoveragePolicy, type FleetCoveragePolicyConfig } from "../../../src/policy";
import {
  ALERT_SOURCE_TYPE,
  APP_WEBHOOK_TYPE,
  FLEET_TYPE,
  INTEGRATION_TYPE,
  RELEASE_WEBHOOK_TYPE,
} from "../../../src/policy/targets";
import { previewProps, specUrn, stackArgs, violations, type ResourceSpec } from "./policy-args";

function check(resources: readonly ResourceSpec[], config: FleetCoveragePolicyConfig = {}) {
  const found = violations();
  fleetCoveragePolicy.validateStack(stackArgs(resources, config), found.report);
  return found;
}

const fleet: ResourceSpec = { type: FLEET_TYPE, name: "shop" };
const shopSource: ResourceSpec = { type: ALERT_SOURCE_TYPE, name: "shop-default-team-shop", parent: fleet };
const paymentsSource: ResourceSpec = {
  type: ALERT_SOURCE_TYPE,
  name: "shop-default-team-payments",
  parent: fleet,
};

function fleetWebhook(
  app: string,
  source: ResourceSpec | undefined,
  props: Record<string, unknown> = {},
): ResourceSpec {
  return {
    type: APP_WEBHOOK_TYPE,
    name: `shop-${app}`,
    parent: fleet,
    props: { app, ...props },
    propertyDependencies: source ? { url: [source] } : {},
  };
}

describe("policy heroku-squadcast-fleet-coverage", () => {
  test("passes a fleet whose every app delivers to one of its alert sources, each fed", () => {
    const stack = [
      fleet,
      shopSource,
      paymentsSource,
      fleetWebhook("shop-web", shopSource),
      fleetWebhook("shop-api", shopSource),
      fleetWebhook("pay-api", paymentsSource),
    ];
    expect(check(stack).messages).toEqual([]);
  });

  test("reports an app whose webhook delivers to no alert source of its fleet", () => {
    const elsewhere: ResourceSpec = { type: ALERT_SOURCE_TYPE, name: "other" };
    const stray = fleetWebhook("shop-api", elsewhere);
    const { messages, urns } = check([
      fleet,
      shopSource,
      elsewhere,
      fleetWebhook("shop-web", shopSource),
      stray,
    ]);
    expect(messages).toEqual([
      `app "shop-api" of fleet "shop" has a webhook that delivers to none of the fleet's alert sources, so its events page nobody through this fleet`,
    ]);
    expect(urns).toEqual([specUrn(stray)]);
  });

  test("reports an alert source of a fleet that no app feeds", () => {
    const { messages, urns } = check([
      fleet,
      shopSource,
      paymentsSource,
      fleetWebhook("shop-web", shopSource),
    ]);
    expect(messages).toEqual([
      `alert source "shop-default-team-payments" of fleet "shop" receives no app's events`,
    ]);
    expect(urns).toEqual([specUrn(paymentsSource)]);
  });

  test("reports a fleet without apps", () => {
    const { messages } = check([fleet, shopSource]);
    expect(messages).toEqual([
      'fleet "shop" wires no app: give it at least one app',
      `alert source "shop-default-team-shop" of fleet "shop" receives no app's events`,
    ]);
  });

  test("tells fleets apart", () => {
    const other: ResourceSpec = { type: FLEET_TYPE, name: "ops" };
    const otherSource: ResourceSpec = {
      type: ALERT_SOURCE_TYPE,
      name: "ops-default-team-ops",
      parent: other,
    };
    // ops' webhook delivers to shop's alert source: wrong for ops, and ops' own source is unfed.
    const crossed: ResourceSpec = {
      ...fleetWebhook("ops-api", shopSource),
      name: "ops-ops-api",
      parent: other,
    };
    const { messages } = check([
      fleet,
      shopSource,
      fleetWebhook("shop-web", shopSource),
      other,
      otherSource,
      crossed,
    ]);
    expect(messages).toEqual([
      expect.stringContaining('app "ops-api" of fleet "ops" has a webhook that delivers to none'),
      expect.stringContaining('alert source "ops-default-team-ops" of fleet "ops" receives no app'),
    ]);
  });

  describe("with requiredApps", () => {
    const integration: ResourceSpec = { type: INTEGRATION_TYPE, name: "billing" };
    const billingSource: ResourceSpec = {
      type: ALERT_SOURCE_TYPE,
      name: "billing-alert-source",
      parent: integration,
    };
    const billingWebhook: ResourceSpec = {
      type: APP_WEBHOOK_TYPE,
      name: "billing-webhook",
      parent: integration,
      // During a preview the URL of a new alert source is not known.
      props: previewProps({ app: "billing-api" }, ["url", "appName"]),
      propertyDependencies: { url: [billingSource] },
    };
    const standaloneSource: ResourceSpec = { type: ALERT_SOURCE_TYPE, name: "standalone" };
    const standalone: ResourceSpec = {
      type: APP_WEBHOOK_TYPE,
      name: "standalone",
      // After `up`, by app id, with the name among the outputs.
      props: {
        app: "7f0c3c5e-1d52-4c38-a1d4-2e9d5c4a1b00",
        appName: "orders-api",
        url: "https://api.squadcast.com/v2/incidents/heroku/k",
      },
      propertyDependencies: { url: [standaloneSource] },
    };
    const sentry: ResourceSpec = {
      type: RELEASE_WEBHOOK_TYPE,
      name: "releases-docs",
      props: { app: "docs", url: "https://sentry.io/api/hooks/release/heroku/1/t/" },
    };
    const toChat: ResourceSpec = {
      type: APP_WEBHOOK_TYPE,
      name: "chat",
      props: { app: "marketing", url: "https://chat.example.com/hooks/heroku" },
    };
    const stack = [
      fleet,
      shopSource,
      fleetWebhook("shop-web", shopSource),
      integration,
      billingSource,
      billingWebhook,
      standaloneSource,
      standalone,
      sentry,
      toChat,
    ];

    test("passes when every listed app delivers to Squadcast: in a fleet, an integration, or on its own", () => {
      expect(check(stack, { requiredApps: ["shop-web", "billing-api", "orders-api"] }).messages).toEqual([]);
    });

    test("reports each listed app that does not, including apps whose webhooks go elsewhere", () => {
      const { messages, urns } = check(stack, {
        requiredApps: ["shop-web", "docs", "marketing", "unknown-app"],
      });
      expect(messages).toEqual(
        ["docs", "marketing", "unknown-app"].map(
          (app) =>
            `app "${app}" is in requiredApps, but no webhook in this stack delivers its events to Squadcast`,
        ),
      );
      expect(urns).toEqual([undefined, undefined, undefined]);
    });
  });

  test("declares requiredApps in its config schema and is mandatory by default", () => {
    expect(fleetCoveragePolicy.configSchema.properties.requiredApps).toMatchObject({
      type: "array",
      default: [],
    });
    expect(fleetCoveragePolicy.enforcementLevel).toBe("mandatory");
  });
});
