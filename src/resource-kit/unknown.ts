import { z } from "zod";

/**
 * The value the engine passes to `check` and `diff` in place of an input that is not known yet during a
 * preview (for example the webhook URL of an alert source that does not exist yet). It is a plain string
 * on the wire, so validation must skip it and diffs must treat it as a change.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value, or anything inside it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_VALUE) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** Lets the engine's not-yet-known preview value through a field's validation. */
export function orUnknown<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN_VALUE), schema]);
}
