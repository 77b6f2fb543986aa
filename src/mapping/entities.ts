/**
 * The Heroku webhook entities this library knows, under the names Heroku uses in a webhook's `include`,
 * with what each does in Squadcast according to Squadcast's Heroku integration guide.
 *
 * This table is the library's single source of truth: the resources validate `entities` against it, the
 * presets are built from it, and the event classifier reads it. The sandbox shares no code with the
 * library: its own entity list is written from Heroku's and Squadcast's documentation.
 */

/** What a Heroku entity can do to a Squadcast incident. */
export type IncidentEffect = "trigger" | "trigger-and-resolve";

/** One row of the entity table. */
export interface HerokuEntityInfo {
  /** The `resource` field of a delivery for this entity (the entity name without the `api:` prefix). */
  readonly resource: string;
  /** The actions Heroku sends for this entity. */
  readonly actions: readonly ("create" | "update" | "destroy")[];
  /** What Squadcast does with its events: every entity triggers; only some also resolve. */
  readonly effect: IncidentEffect;
  /** Whether the entity relates to shipping code (builds, releases, formation changes). */
  readonly deployRelated: boolean;
  /** Set when Heroku no longer emits the entity; it stays in the table so old programs still check. */
  readonly retired?: string;
  /** One line for documentation and error messages. */
  readonly description: string;
}

/**
 * A Heroku webhook entity name, as written in a webhook's `include`. A typo is a compile error.
 *
 * Spelled out (not derived from the table) so the reference lists the names; the table's type,
 * `Record<HerokuEntity, HerokuEntityInfo>`, makes a name missing from either side a compile error.
 */
export type HerokuEntity =
  | "api:addon-attachment"
  | "api:addon"
  | "api:app"
  | "api:build"
  | "api:collaborator"
  | "api:domain"
  | "api:dyno"
  | "dyno"
  | "api:formation"
  | "api:release"
  | "api:sni-endpoint"
  | "api:ssl-endpoint";

/**
 * Every entity of the Squadcast guide's table. `api:dyno` (a dyno was started) and `dyno` (dyno state
 * changes such as `crashed` and `up`) are separate Heroku entities; only `dyno` carries the state changes
 * that can resolve an incident.
 */
export const HEROKU_ENTITIES: Readonly<Record<HerokuEntity, HerokuEntityInfo>> = {
  "api:addon-attachment": {
    resource: "addon-attachment",
    actions: ["create", "destroy"],
    effect: "trigger",
    deployRelated: false,
    description: "An add-on was attached to or detached from the app.",
  },
  "api:addon": {
    resource: "addon",
    actions: ["create", "update", "destroy"],
    effect: "trigger",
    deployRelated: false,
    description: "An add-on was provisioned, changed or removed.",
  },
  "api:app": {
    resource: "app",
    actions: ["create", "update", "destroy"],
    effect: "trigger",
    deployRelated: false,
    description: "The app itself was created, changed or destroyed.",
  },
  "api:build": {
    resource: "build",
    actions: ["create", "update"],
    effect: "trigger-and-resolve",
    deployRelated: true,
    description:
      "A build started or finished; a failed build triggers and the next succeeded build resolves.",
  },
  "api:collaborator": {
    resource: "collaborator",
    actions: ["create", "update", "destroy"],
    effect: "trigger",
    deployRelated: false,
    description: "A collaborator was added, changed or removed.",
  },
  "api:domain": {
    resource: "domain",
    actions: ["create", "destroy"],
    effect: "trigger",
    deployRelated: false,
    description: "A custom domain was added or removed.",
  },
  "api:dyno": {
    resource: "dyno",
    actions: ["create"],
    effect: "trigger",
    deployRelated: false,
    description: "A new dyno began running (one-off or process).",
  },
  dyno: {
    resource: "dyno",
    actions: ["update", "destroy"],
    effect: "trigger-and-resolve",
    deployRelated: false,
    description: "A dyno changed state; a crashed dyno triggers and the same dyno coming up resolves.",
  },
  "api:formation": {
    resource: "formation",
    actions: ["update", "destroy"],
    effect: "trigger",
    deployRelated: true,
    description: "The process formation was scaled or resized.",
  },
  "api:release": {
    resource: "release",
    actions: ["create", "update"],
    effect: "trigger",
    deployRelated: true,
    description: "A release was created or changed status.",
  },
  "api:sni-endpoint": {
    resource: "sni-endpoint",
    actions: ["create", "update", "destroy"],
    effect: "trigger",
    deployRelated: false,
    description: "An SNI (SSL) endpoint was added, changed or removed.",
  },
  "api:ssl-endpoint": {
    resource: "ssl-endpoint",
    actions: ["create", "update", "destroy"],
    effect: "trigger",
    deployRelated: false,
    retired: "Heroku retired the SSL Endpoint add-on; use api:sni-endpoint instead.",
    description: "An SSL Endpoint add-on endpoint changed (retired by Heroku).",
  },
};

/** All entity names, in table order. */
export const ALL_ENTITIES = Object.keys(HEROKU_ENTITIES) as HerokuEntity[];

/** Whether a string is a known entity name. */
export function isHerokuEntity(name: string): name is HerokuEntity {
  return Object.prototype.hasOwnProperty.call(HEROKU_ENTITIES, name);
}

/**
 * The entity Heroku files an event under (the name a webhook's `include` lists): a dyno starting is
 * `api:dyno`, a dyno's later state changes are `dyno`, and everything else is `api:<resource>`. The result
 * may be no known entity.
 */
export function entityNameOf(resource: string, action: string): string {
  if (resource === "dyno") return action === "create" ? "api:dyno" : "dyno";
  return `api:${resource}`;
}

/** The table row of an entity. */
export function entityInfo(entity: HerokuEntity): HerokuEntityInfo {
  return HEROKU_ENTITIES[entity];
}
