import {
  HerokuSquadcastFleet,
  HerokuSquadcastIntegration,
  mapping,
  squadcast,
  type heroku,
} from "pulumi-heroku-squadcast";

// A user's program, compiled against the published declarations and run against the sandbox.

const payments = new squadcast.AlertSource("payments", {
  service: { name: "payments", team: "Default Team" },
});

const entities: mapping.EntitySelection = "resolvable";
const billing = new HerokuSquadcastIntegration("billing", {
  app: "demo-app",
  alertSource: payments,
  entities,
});

const level: heroku.WebhookLevel = "sync";
const shop = new HerokuSquadcastFleet("shop", {
  service: { name: "demo-service", team: "Default Team" },
  apps: ["shop-web", { app: "shop-api", entities: ["api:release", "dyno"], level }],
});

export const billingWebhookId = billing.webhookId;
export const billingEntities = billing.entities;
export const billingWebhookUrl = billing.webhookUrl;
export const shopWebhooks = shop.webhooks;
export const resolvablePreset = mapping.ENTITY_PRESETS.resolvable;
