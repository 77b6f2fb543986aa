import { ALL_ENTITIES, entityInfo, isHerokuEntity, type HerokuEntity } from "./entities";
import { ENTITY_PRESETS, PRESET_NAMES, isEntityPreset, type EntityPreset } from "./presets";

// A webhook's entities have one name (`entities`) and two shapes: what a user writes (a preset or a list,
// EntitySelection) and what the resources keep (a set, EntitySet). resolveEntitySet turns the first into
// the second once; entityListOf and entitySetOf convert between the set and the list Heroku takes.

/** What a user may write for the entities of a webhook: a preset name or an explicit list. */
export type EntitySelection = EntityPreset | readonly HerokuEntity[];

/**
 * The entities a webhook delivers, keyed by name: `{ "api:build": true, "dyno": true }`.
 *
 * The resources keep their entities in this shape (not as a list) because the engine diffs an object by
 * key: `pulumi preview --diff` then names each entity added or removed, where a list would be compared
 * position by position and show a reordering.
 */
export type EntitySet = Partial<Record<HerokuEntity, true>>;

/** The outcome of {@link resolveEntitySet}. */
export type EntitySetResolution =
  | {
      /** The value is valid. */
      readonly ok: true;
      /** The entities as a set, retired entities left out. */
      readonly entities: EntitySet;
      /** Things that work but deserve attention, such as a retired entity chosen explicitly. */
      readonly warnings: readonly string[];
    }
  | {
      /** The value is not valid. */
      readonly ok: false;
      /** One message per problem, each saying what to fix. */
      readonly errors: readonly string[];
    };

/**
 * Turns what a user wrote for `entities` (a preset name, a list, or a set already resolved) into the set
 * the resources keep, or says what is wrong with it.
 *
 * Accepts `unknown` because it validates what a user wrote in a plain JavaScript program too; the
 * TypeScript signature of the resources already rejects most mistakes at compile time.
 */
export function resolveEntitySet(value: unknown): EntitySetResolution {
  if (typeof value === "string") {
    if (isEntityPreset(value))
      return { ok: true, entities: entitySetOf(ENTITY_PRESETS[value]), warnings: [] };
    const hint = isHerokuEntity(value) ? ` (to choose one entity, write ["${value}"])` : "";
    return {
      ok: false,
      errors: [`unknown entity preset "${value}"${hint}: use one of ${PRESET_NAMES.join(", ")}`],
    };
  }
  if (isEntitySet(value)) {
    const wrong = Object.entries(value).filter(([, chosen]) => chosen !== true);
    if (wrong.length > 0) {
      return {
        ok: false,
        errors: [`as a set, every value must be true (got ${wrong.map(([name]) => `"${name}"`).join(", ")})`],
      };
    }
    return resolveList(Object.keys(value));
  }
  if (!Array.isArray(value)) {
    return {
      ok: false,
      errors: [`must be a preset name (${PRESET_NAMES.join(", ")}) or a list of entities`],
    };
  }
  return resolveList(value);
}

function resolveList(selection: readonly unknown[]): EntitySetResolution {
  if (selection.length === 0) {
    return { ok: false, errors: ["must list at least one entity: an empty list would never deliver"] };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const name of selection) {
    if (typeof name !== "string") {
      errors.push(`entities must be strings, got ${JSON.stringify(name)}`);
      continue;
    }
    if (!isHerokuEntity(name)) {
      errors.push(`unknown entity "${name}"${suggestEntity(name)}`);
      continue;
    }
    if (seen.has(name)) {
      errors.push(`entity "${name}" is listed twice`);
      continue;
    }
    seen.add(name);
    const retired = entityInfo(name).retired;
    if (retired) {
      // Heroku refuses a retired entity outright, so sending it would fail the whole webhook: the
      // webhook is made without it, and the warning says so.
      warnings.push(`entity "${name}" is retired and left out of the webhook: ${retired}`);
    }
  }
  const kept = ALL_ENTITIES.filter((entity) => seen.has(entity) && !entityInfo(entity).retired);
  if (errors.length === 0 && kept.length === 0) {
    errors.push("must list at least one entity that Heroku still emits: every entity listed is retired");
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entities: entitySetOf(kept), warnings };
}

/** A "did you mean" for the usual slips: a missing `api:` prefix, wrong case, a plural. */
function suggestEntity(name: string): string {
  const normalized = name.trim().toLowerCase().replace(/s$/, "");
  const candidates = [normalized, `api:${normalized}`, normalized.replace(/^api:/, "")];
  const match = candidates.find(isHerokuEntity);
  return match ? `: did you mean "${match}"?` : `: known entities are ${ALL_ENTITIES.join(", ")}`;
}

/** The set holding these entities. */
export function entitySetOf(entities: readonly HerokuEntity[]): EntitySet {
  return Object.fromEntries(entities.map((entity) => [entity, true])) as EntitySet;
}

/**
 * The list of a set's entities, in table order (names the table does not know last), as Heroku's
 * `include` takes them. Anything but a set has no entities.
 */
export function entityListOf(set: unknown): HerokuEntity[] {
  if (!isEntitySet(set)) return [];
  const known = ALL_ENTITIES.filter((entity) => set[entity] === true);
  const unknown = Object.keys(set).filter((name) => set[name] === true && !isHerokuEntity(name));
  return [...known, ...(unknown as HerokuEntity[])];
}

/** Whether two lists name the same entities, in any order. */
export function sameEntities(left: readonly string[], right: readonly string[]): boolean {
  const leftSet = new Set(left);
  return leftSet.size === new Set(right).size && right.every((entity) => leftSet.has(entity));
}

/** Whether a value has the shape of a set (a plain object, not a list or a preset name). */
function isEntitySet(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
