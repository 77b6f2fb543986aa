import { HerokuClient } from "../../src/clients/heroku/client";
import { ENTITY_PRESETS, type HerokuEntity } from "../../src/mapping";
import type { Sandbox } from "heroku-squadcast-sandbox";
import { SquadcastTokenSource } from "../../src/clients/squadcast/auth";
import { SquadcastClient } from "../../src/clients/squadcast/client";

/** How many apps of each kind an estate wired by hand has. */
export interface EstateSpec {
  /** Apps in all. */
  readonly apps: number;
  /** Apps given a webhook to a live service (the first ones); the rest have none. */
  readonly wired: number;
  /** Wired apps given a second webhook to the same service. Default: 0. */
  readonly duplicated?: number;
  /** Wired apps also given a webhook to a service deleted since. Default: 0. */
  readonly stale?: number;
  /** Wired apps also given a webhook to another receiver. Default: 0. */
  readonly otherReceivers?: number;
  /** App name prefix. Default: `estate`. */
  readonly prefix?: string;
}

/** What {@link seedEstate} made, for assertions. */
export interface Estate {
  /** Every app, in order. */
  readonly apps: readonly string[];
  /** Apps with a webhook to a live service, and the service each delivers to. */
  readonly wired: ReadonlyMap<string, string>;
  /** Apps with no webhook at all. */
  readonly unmonitored: readonly string[];
  /** Apps with two webhooks to the same service. */
  readonly duplicated: readonly string[];
  /** Apps with a webhook to the deleted service. */
  readonly stale: readonly string[];
  /** Apps with a webhook to another receiver. */
  readonly otherReceivers: readonly string[];
  /** Every secret in play: the services' keys (the deleted one too), the API key, the refresh token. */
  readonly secrets: readonly string[];
}

const SERVICES = [
  { name: "storefront", team: "Default Team" },
  { name: "billing", team: "Default Team" },
  { name: "platform-core", team: "Platform" },
] as const;

/** The mix of entity choices people made by hand, cycled over the apps. */
const ENTITY_CHOICES: readonly (readonly HerokuEntity[])[] = [
  ENTITY_PRESETS.all,
  ENTITY_PRESETS.all,
  ENTITY_PRESETS.resolvable,
  ENTITY_PRESETS.all,
  ENTITY_PRESETS.deploys,
  ["dyno"],
  ["api:release", "api:build", "dyno"],
];

/**
 * Makes an estate wired the way Squadcast's Heroku guide is followed by hand: the Heroku alert source
 * made active on each service, then `POST /apps/{app}/webhooks` through the Heroku API with the
 * service's URL, with mixed entities and levels; some apps with a second webhook to the same service,
 * some with one to a service deleted since, some with one to another receiver, the rest with none.
 */
export async function seedEstate(sandbox: Pick<Sandbox, "admin" | "env">, spec: EstateSpec): Promise<Estate> {
  const prefix = spec.prefix ?? "estate";
  const apps = Array.from(
    { length: spec.apps },
    (_, index) => `${prefix}-${String(index + 1).padStart(3, "0")}`,
  );
  for (const app of apps) await sandbox.admin.createHerokuApp(app);

  const squadcast = new SquadcastClient({
    apiUrl: sandbox.env.SQUADCAST_API_URL!,
    tokenSource: new SquadcastTokenSource({
      refreshToken: sandbox.env.SQUADCAST_REFRESH_TOKEN!,
      authUrl: sandbox.env.SQUADCAST_AUTH_URL!,
    }),
  });
  const catalog = await squadcast.listAlertSourceTypes();
  const herokuSource = catalog.find((source) => source.shortName === "heroku")!;
  const urlOf = (key: string) => `${sandbox.env.SQUADCAST_API_URL}/v1/incidents/heroku/${key}`;
  const services: { name: string; url: string }[] = [];
  const secrets = [sandbox.env.HEROKU_API_KEY!, sandbox.env.SQUADCAST_REFRESH_TOKEN!];
  for (const { name, team } of SERVICES) {
    const service = await sandbox.admin.createSquadcastService(name, team);
    await squadcast.setActiveAlertSourceIds(service.id, [herokuSource.id]);
    services.push({ name, url: urlOf(service.api_key) });
    secrets.push(service.api_key);
  }
  const retired = await sandbox.admin.createSquadcastService(`${prefix}-retired`, "Default Team");
  secrets.push(retired.api_key);

  const heroku = new HerokuClient({
    apiKey: sandbox.env.HEROKU_API_KEY!,
    apiUrl: sandbox.env.HEROKU_API_URL!,
  });
  const wired = new Map<string, string>();
  const duplicated: string[] = [];
  const stale: string[] = [];
  const otherReceivers: string[] = [];
  for (const [index, app] of apps.slice(0, spec.wired).entries()) {
    const service = services[index % services.length]!;
    const settings = {
      url: service.url,
      include: [...ENTITY_CHOICES[index % ENTITY_CHOICES.length]!],
      level: index % 5 === 4 ? ("sync" as const) : ("notify" as const),
    };
    await heroku.createWebhook(app, settings);
    wired.set(app, service.name);
    if (index < (spec.duplicated ?? 0)) {
      await heroku.createWebhook(app, settings);
      duplicated.push(app);
    }
    const staleFrom = spec.duplicated ?? 0;
    if (index >= staleFrom && index < staleFrom + (spec.stale ?? 0)) {
      await heroku.createWebhook(app, { url: urlOf(retired.api_key), include: ["dyno"], level: "notify" });
      stale.push(app);
    }
    const otherFrom = staleFrom + (spec.stale ?? 0);
    if (index >= otherFrom && index < otherFrom + (spec.otherReceivers ?? 0)) {
      await heroku.createWebhook(app, {
        url: `https://logs.example.com/heroku/${app}`,
        include: ["api:release"],
        level: "notify",
      });
      otherReceivers.push(app);
    }
  }
  await sandbox.admin.deleteSquadcastService(retired.id);
  return {
    apps,
    wired,
    unmonitored: apps.slice(spec.wired),
    duplicated,
    stale,
    otherReceivers,
    secrets,
  };
}
