import { REDACTED } from "../http";

/**
 * A URL fit to print: its last path segment (a Squadcast service key, a Sentry signature) replaced with
 * `***`, and any user, password, query and fragment dropped. Text that is not a URL is replaced whole.
 *
 * @param url - the URL to show.
 */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  const segments = parsed.pathname.split("/");
  for (let index = segments.length - 1; index >= 0; index--) {
    if (segments[index] === "") continue;
    segments[index] = REDACTED;
    break;
  }
  return `${parsed.protocol}//${parsed.host}${segments.join("/")}`;
}
