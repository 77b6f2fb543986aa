import { ALL_ENTITIES, entityInfo, type HerokuEntity } from "./entities";

function entitiesWhere(keep: (entity: HerokuEntity) => boolean): readonly HerokuEntity[] {
  return Object.freeze(ALL_ENTITIES.filter((entity) => !entityInfo(entity).retired && keep(entity)));
}

/**
 * Named entity sets, so a program can say what it wants paged for instead of listing entities.
 * Retired entities are never part of a preset.
 */
export const ENTITY_PRESETS = {
  /** Every entity Heroku still emits: the Squadcast guide's "select all the checks". */
  all: entitiesWhere(() => true),
  /** Only entities whose incidents resolve themselves (failed builds, crashed dynos). */
  resolvable: entitiesWhere((entity) => entityInfo(entity).effect === "trigger-and-resolve"),
  /** Entities about shipping code: builds, releases and formation changes. */
  deploys: entitiesWhere((entity) => entityInfo(entity).deployRelated),
} as const;

/** The entities a webhook delivers when none are given: every entity Heroku still emits. */
export const DEFAULT_ENTITIES: EntityPreset = "all";

/** The name of an entity preset. */
export type EntityPreset = keyof typeof ENTITY_PRESETS;

/** The preset names, for messages and validation. */
export const PRESET_NAMES = Object.keys(ENTITY_PRESETS) as EntityPreset[];

/** Whether a string names a preset. */
export function isEntityPreset(name: string): name is EntityPreset {
  return Object.prototype.hasOwnProperty.call(ENTITY_PRESETS, name);
}
