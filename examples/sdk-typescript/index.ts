// One Heroku app wired into one Squadcast service, on the SDK generated from the provider plugin's
// schema (sdk/nodejs): the integration is constructed by the plugin pulumi-resource-heroku-squadcast,
// whose children are its own resources (no dynamic provider in this program's state).
import * as pulumi from "@pulumi/pulumi";
import * as herokusquadcast from "pulumi-heroku-squadcast-sdk";

const config = new pulumi.Config();

const billing = new herokusquadcast.Integration("billing", {
  app: config.get("app") ?? "billing-api",
  service: { name: config.get("service") ?? "billing", team: config.get("team") },
  entities: (config.get("entities") as herokusquadcast.types.enums.heroku.EntityPreset) ?? "resolvable",
});

export const app = billing.app;
export const serviceId = billing.serviceId;
export const webhookId = billing.webhookId;
export const entities = billing.entities;
