// What the provider plugin's schema serves, and where in the TypeScript declarations each part is
// described. The schema's text (descriptions), property names, optionality and enum values come from
// the declarations (see generate.js); this file adds only what TypeScript cannot say in a way other
// languages understand: the wire type of each property, which are secret, and the import id formats.
"use strict";

const PACKAGE = "heroku-squadcast";

/**
 * Type specs: "string" | "number" | "boolean" | { ref } (a type) | { resource } (a reference to one of
 * the package's resources) | { array } | { map } | { oneOf }.
 */
const str = "string";
const secretString = { type: str, secret: true };
const entities = { oneOf: [{ ref: "heroku:EntityPreset" }, { array: { ref: "heroku:Entity" } }] };
const entitySet = { map: "boolean" };
const deduplicate = { oneOf: ["boolean", { ref: "index:DeduplicateSettings" }] };

const enums = [
  { token: "heroku:Entity", file: "src/mapping/entities.ts", alias: "HerokuEntity" },
  { token: "heroku:EntityPreset", file: "src/mapping/presets.ts", alias: "EntityPreset" },
  { token: "heroku:WebhookLevel", file: "src/clients/heroku/types.ts", alias: "WebhookLevel" },
  { token: "heroku:WebhookOrigin", file: "src/clients/heroku/types.ts", alias: "WebhookOrigin" },
  {
    token: "squadcast:AlertSourceOrigin",
    file: "src/squadcast/alert-source-state.ts",
    alias: "AlertSourceOrigin",
  },
  {
    token: "squadcast:DedupKeyOverlayOrigin",
    file: "src/squadcast/dedup-key-overlay.ts",
    alias: "DedupKeyOverlayOrigin",
  },
  { token: "index:SquadcastRegion", file: "src/config/settings.ts", alias: "SquadcastRegion" },
];

/** Object types: their properties come from the named interfaces (merged, for a union). */
const objects = [
  {
    token: "squadcast:ServiceReference",
    file: "src/clients/squadcast/service-reference.ts",
    alias: "ServiceReference",
    interfaces: ["ServiceById", "ServiceByName"],
    properties: { id: str, name: str, team: str },
  },
  {
    token: "index:FleetApp",
    file: "src/components/fleet-args.ts",
    interfaces: ["FleetAppSettings"],
    properties: {
      app: str,
      entities,
      level: { ref: "heroku:WebhookLevel" },
      secret: secretString,
      authorization: secretString,
      adopt: str,
    },
  },
  {
    token: "index:FleetRoute",
    file: "src/components/fleet-args.ts",
    interfaces: ["FleetRoute"],
    properties: {
      service: { ref: "squadcast:ServiceReference" },
      apps: { array: { oneOf: [str, { ref: "index:FleetApp" }] } },
      deduplicate,
    },
  },
  {
    token: "index:FleetAppOutput",
    file: "src/components/fleet-args.ts",
    interfaces: ["FleetAppOutput"],
    properties: { serviceId: str, webhookId: str, entities: entitySet },
  },
  {
    token: "index:DeduplicateSettings",
    file: "src/components/deduplicate.ts",
    interfaces: ["DeduplicateSettings"],
    properties: { windowMinutes: "integer", takeOver: "boolean" },
  },
  {
    token: "index:SentryProjectHook",
    file: "src/components/sentry-releases.ts",
    interfaces: ["SentryProjectHook"],
    properties: { baseUrl: str, projectId: str, releaseToken: secretString },
  },
];

const webhookOutputs = {
  webhookId: str,
  appId: str,
  appName: str,
  entities: entitySet,
  level: { ref: "heroku:WebhookLevel" },
  url: secretString,
  origin: { ref: "heroku:WebhookOrigin" },
};

const resources = [
  {
    token: "heroku:AppWebhook",
    file: "src/heroku/app-webhook.ts",
    className: "AppWebhook",
    args: "AppWebhookArgs",
    inputs: {
      app: str,
      url: secretString,
      entities,
      level: { ref: "heroku:WebhookLevel" },
      secret: secretString,
      authorization: secretString,
      adopt: str,
    },
    outputs: { ...webhookOutputs, signingSecret: secretString },
    importId:
      "`<app>/<webhook id>`, or Terraform's `<app>:<webhook id>` (`heroku webhooks -a <app>` lists the ids). " +
      "Heroku never shows a webhook's `secret` or `authorization`: after importing, add them to the program " +
      "if the webhook has them, and the next `up` sends them.",
  },
  {
    token: "squadcast:AlertSource",
    file: "src/squadcast/alert-source.ts",
    className: "AlertSource",
    args: "AlertSourceArgs",
    inputs: { service: { ref: "squadcast:ServiceReference" }, shortName: str },
    outputs: {
      serviceId: str,
      serviceName: str,
      teamId: str,
      alertSourceId: str,
      webhookUrl: secretString,
      addedByThisResource: "boolean",
      origin: { ref: "squadcast:AlertSourceOrigin" },
    },
    importId:
      "`<service id>/<alert source short name>`, e.g. `5f8891527f735f0008fdb5b2/heroku`; the alert source " +
      "must be active on the service. An imported alert source is the stack's: `destroy` removes it.",
  },
  {
    token: "squadcast:DedupKeyOverlay",
    file: "src/squadcast/dedup-key-overlay.ts",
    className: "DedupKeyOverlay",
    args: "DedupKeyOverlayArgs",
    inputs: {
      service: { ref: "squadcast:ServiceReference" },
      shortName: str,
      template: str,
      windowMinutes: "integer",
      takeOver: "boolean",
    },
    outputs: {
      serviceId: str,
      serviceName: str,
      shortName: str,
      template: str,
      windowMinutes: "integer",
      origin: { ref: "squadcast:DedupKeyOverlayOrigin" },
      previousDedupKeyEnabled: "boolean",
    },
    importId:
      "`<service id>/<alert source short name>`, e.g. `5f8891527f735f0008fdb5b2/heroku`, as the alert " +
      "source's: the service must have a dedup-key overlay for that alert source. The import reads its " +
      "template and window; an imported overlay is the stack's (origin `imported`): `destroy` deletes it " +
      "and leaves the service's `dedup_key_enabled` as it was at import.",
  },
  {
    token: "sentry:ReleaseWebhook",
    file: "src/sentry/release-webhook.ts",
    className: "ReleaseWebhook",
    args: "ReleaseWebhookArgs",
    inputs: { app: str, url: secretString, secret: secretString, adopt: str },
    outputs: webhookOutputs,
    importId: "`<app>/<webhook id>` or `<app>:<webhook id>`; then add `secret` (Sentry's Webhook Secret).",
  },
];

const components = [
  {
    token: "index:Integration",
    file: "src/components/integration.ts",
    className: "HerokuSquadcastIntegration",
    args: "HerokuSquadcastIntegrationArgs",
    inputs: {
      app: str,
      service: { ref: "squadcast:ServiceReference" },
      alertSource: { resource: "squadcast:AlertSource" },
      entities,
      level: { ref: "heroku:WebhookLevel" },
      secret: secretString,
      authorization: secretString,
      deduplicate,
    },
    typeScriptOnly: {
      // The output field only: the `alertSource` input is in the schema, as a resource reference.
      alertSource: "the alert source resource object (made or given), for TypeScript programs",
      webhook: "the child resource object, for TypeScript programs",
      dedupKeyOverlay: "the child resource object, for TypeScript programs",
    },
    outputs: {
      app: str,
      serviceId: str,
      webhookId: str,
      alertSourceId: str,
      entities: entitySet,
      webhookUrl: secretString,
    },
  },
  {
    token: "index:Fleet",
    file: "src/components/fleet.ts",
    className: "HerokuSquadcastFleet",
    argsFile: "src/components/fleet-args.ts",
    args: "HerokuSquadcastFleetArgs",
    inputs: {
      routes: { array: { ref: "index:FleetRoute" } },
      service: { ref: "squadcast:ServiceReference" },
      apps: { array: { oneOf: [str, { ref: "index:FleetApp" }] } },
      entities,
      level: { ref: "heroku:WebhookLevel" },
      secret: secretString,
      authorization: secretString,
      deduplicate,
    },
    typeScriptOnly: {
      alertSourceResources: "the child resource objects, for TypeScript programs",
      dedupKeyOverlayResources: "the child resource objects, for TypeScript programs",
      webhookResources: "the child resource objects, for TypeScript programs",
    },
    outputs: {
      serviceIds: { map: str },
      webhooks: { map: str },
      apps: { map: { ref: "index:FleetAppOutput" } },
    },
  },
  {
    token: "index:SentryReleases",
    file: "src/components/sentry-releases.ts",
    className: "HerokuSentryReleases",
    args: "HerokuSentryReleasesArgs",
    inputs: {
      apps: { array: str },
      webhookSecret: secretString,
      hookUrl: secretString,
      project: { ref: "index:SentryProjectHook" },
    },
    typeScriptOnly: { webhookResources: "the child resource objects, for TypeScript programs" },
    outputs: { webhooks: { map: str }, hookUrl: secretString },
  },
];

/**
 * The provider's configuration, one variable per setting of `ProviderSettings` (src/config): the same
 * settings and environment variables as the TypeScript resources' stack config, in the package's own
 * namespace (`heroku-squadcast:<name>`). `key` is the TypeScript resources' stack config key.
 */
const config = [
  { name: "herokuApiKey", key: "heroku:apiKey", settings: ["HerokuSettings", "apiKey"], spec: secretString },
  {
    name: "herokuApiUrl",
    key: "herokuSquadcast:herokuApiUrl",
    settings: ["HerokuSettings", "apiUrl"],
    spec: str,
  },
  {
    name: "squadcastRefreshToken",
    key: "squadcast:refreshToken",
    settings: ["SquadcastSettings", "refreshToken"],
    spec: secretString,
  },
  {
    name: "squadcastRegion",
    key: "squadcast:region",
    settings: ["SquadcastSettings", "region"],
    spec: { ref: "index:SquadcastRegion" },
  },
  {
    name: "squadcastApiUrl",
    key: "herokuSquadcast:squadcastApiUrl",
    settings: ["SquadcastSettings", "apiUrl"],
    spec: str,
  },
  {
    name: "squadcastAuthUrl",
    key: "herokuSquadcast:squadcastAuthUrl",
    settings: ["SquadcastSettings", "authUrl"],
    spec: str,
  },
];

module.exports = { PACKAGE, enums, objects, resources, components, config };
