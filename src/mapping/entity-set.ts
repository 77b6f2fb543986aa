import { ALL_ENTITIES, isHerokuEntity, type HerokuEntity } from "./entities";
import { resolveInclude } from "./include";

/**
 * The entities a webhook delivers, keyed by name: `{ "api:build": true, "dyno": true }`.
 *
 * The resources keep their entities in this shape (not as a list) because the engine diffs an object by
 * key: `pulumi preview --diff` then names each entity added or removed, where a list would be compared
 * position by position and show a reordering.
 */
export type EntitySet = Partial<Record<HerokuEntity, true>>;

/** The set holding these entities. */
export function entitySetOf(entities: readonly HerokuEntity[]): EntitySet {
  return Object.fromEntries(entities.map((entity) => [entity, true])) as EntitySet;
}

/** Whether a value is an entity set (a plain object, not a list or a preset name). */
export function isEntitySet(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The entities of a set, in table order. A value that is a list already (what state written before 0.3
 * holds) is returned as it is.
 */
export function entitiesIn(value: unknown): HerokuEntity[] {
  if (Array.isArray(value))
    return value.filter((entity): entity is HerokuEntity => typeof entity === "string");
  if (!isEntitySet(value)) return [];
  const known = ALL_ENTITIES.filter((entity) => value[entity] === true);
  const unknown = Object.keys(value).filter((name) => value[name] === true && !isHerokuEntity(name));
  return [...known, ...(unknown as HerokuEntity[])];
}

/** The outcome of {@link resolveEntities}. */
export type EntitiesResolution =
  | {
      /** The value is valid. */
      readonly ok: true;
      /** The entities as a set. */
      readonly entities: EntitySet;
    }
  | {
      /** The value is not valid. */
      readonly ok: false;
      /** One message per problem, each saying what to fix. */
      readonly errors: readonly string[];
    };

/**
 * What `check` makes of a user's `entities`: a set (the resource's own conversion of a preset or a
 * list), or a preset name or list written by a JavaScript caller that bypassed the constructor.
 */
export function resolveEntities(value: unknown): EntitiesResolution {
  if (isEntitySet(value)) {
    const wrong = Object.entries(value).filter(([, chosen]) => chosen !== true);
    if (wrong.length > 0) {
      return {
        ok: false,
        errors: [`as a set, every value must be true (got ${wrong.map(([name]) => `"${name}"`).join(", ")})`],
      };
    }
    value = Object.keys(value);
  }
  const resolution = resolveInclude(value);
  return resolution.ok ? { ok: true, entities: entitySetOf(resolution.include) } : resolution;
}
