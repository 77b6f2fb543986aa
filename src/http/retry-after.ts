/**
 * Reads an HTTP `Retry-After` header value as a delay in milliseconds.
 *
 * Both forms from RFC 9110 are accepted: a number of seconds (`"120"`, also `"1.5"`) and an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`). A date in the past means "now" (0).
 *
 * @param value - the raw header value; arrays take their first element.
 * @param now - the current time in epoch milliseconds, for dates. Default: `Date.now()`.
 * @returns the delay in milliseconds, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === "number") return raw >= 0 ? raw * 1000 : undefined;
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names a day or month; without this, Date.parse accepts "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
