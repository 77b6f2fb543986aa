/**
 * A copy without the keys whose value is undefined: state and API bodies then say only what was set, and
 * an omitted argument diffs equal to one never given.
 */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
