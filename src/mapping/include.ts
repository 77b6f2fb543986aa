import { ALL_ENTITIES, entityInfo, isHerokuEntity, type HerokuEntity } from "./entities";
import { ENTITY_PRESETS, PRESET_NAMES, isEntityPreset, type EntityPreset } from "./presets";

/** What a user may write for the entities of a webhook: a preset name or an explicit list. */
export type EntitySelection = EntityPreset | readonly HerokuEntity[];

/** The outcome of turning a selection into a webhook `include` list. */
export type IncludeResolution =
  | {
      /** The selection is valid. */
      readonly ok: true;
      /** The entities to send as the webhook's `include`, in table order. */
      readonly include: readonly HerokuEntity[];
      /** Things that work but deserve attention, such as a retired entity chosen explicitly. */
      readonly warnings: readonly string[];
    }
  | {
      /** The selection is not valid. */
      readonly ok: false;
      /** One message per problem, each saying what to fix. */
      readonly errors: readonly string[];
    };

/**
 * Turns a preset name or an explicit entity list into the webhook `include` list.
 *
 * Accepts `unknown` because it validates what a user wrote in a plain JavaScript program too; the
 * TypeScript signature of the resources already rejects most mistakes at compile time.
 */
export function resolveInclude(selection: unknown): IncludeResolution {
  if (typeof selection === "string") {
    if (isEntityPreset(selection)) {
      return { ok: true, include: ENTITY_PRESETS[selection], warnings: [] };
    }
    const hint = isHerokuEntity(selection) ? ` (to choose one entity, write ["${selection}"])` : "";
    return {
      ok: false,
      errors: [`unknown entity preset "${selection}"${hint}: use one of ${PRESET_NAMES.join(", ")}`],
    };
  }
  if (!Array.isArray(selection)) {
    return {
      ok: false,
      errors: [`must be a preset name (${PRESET_NAMES.join(", ")}) or a list of entities`],
    };
  }
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
      // Heroku refuses a retired entity outright, so sending it would fail the whole webhook; old
      // programs keep working with the entity left out, and the warning says so.
      warnings.push(`entity "${name}" is retired and left out of the webhook: ${retired}`);
    }
  }
  const include = ALL_ENTITIES.filter((entity) => seen.has(entity) && !entityInfo(entity).retired);
  if (errors.length === 0 && include.length === 0) {
    errors.push("must list at least one entity that Heroku still emits: every entity listed is retired");
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, include, warnings };
}

/** A "did you mean" for the usual slips: a missing `api:` prefix, wrong case, a plural. */
function suggestEntity(name: string): string {
  const normalized = name.trim().toLowerCase().replace(/s$/, "");
  const candidates = [normalized, `api:${normalized}`, normalized.replace(/^api:/, "")];
  const match = candidates.find(isHerokuEntity);
  return match ? `: did you mean "${match}"?` : `: known entities are ${ALL_ENTITIES.join(", ")}`;
}

/** Whether two include lists name the same entities, in any order. */
export function sameEntities(left: readonly string[], right: readonly string[]): boolean {
  const leftSet = new Set(left);
  return leftSet.size === new Set(right).size && right.every((entity) => leftSet.has(entity));
}
