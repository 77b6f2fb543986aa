/** What every redacted value is replaced with. */
export const REDACTED = "***";

// Shorter strings would blank out ordinary words; no real credential is this short.
const MINIMUM_SECRET_LENGTH = 4;

// Credentials that can appear in text even when we were never told their value: bearer tokens quoted
// back in an API message, the refresh-token header, and the service key that ends every ingestion URL.
const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // A token has a digit or punctuation; plain words after "bearer" are prose ("a bearer access token").
  [/(Bearer\s+)(?=[^\s"',;]*[0-9._~+/=-])[^\s"',;]{6,}/gi, `$1${REDACTED}`],
  [/(X-Refresh-Token["']?\s*[:=]\s*["']?)[^\s"',;]+/gi, `$1${REDACTED}`],
  [/(\/v\d+\/incidents\/[^/\s?#"']+\/)[^/\s?#"']+/gi, `$1${REDACTED}`],
];

/**
 * Replaces every occurrence of the given secret values in `text` with `***`, and also any bearer
 * token, `X-Refresh-Token` value and `/v1/incidents/<shortName>/<key>` service key.
 *
 * Secrets shorter than four characters are ignored, so an empty or placeholder value cannot
 * blank out the whole message. The URL-encoded form of each secret is redacted too.
 *
 * @param text - the text to clean; usually an error message or path.
 * @param secrets - values that must never be shown, e.g. the API key and refresh token.
 * @returns the text with every secret replaced.
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let result = text;
  for (const secret of secretVariants(secrets)) {
    result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/**
 * Builds a redaction function bound to a fixed set of secrets, for code that cleans many strings.
 *
 * @param secrets - values that must never be shown.
 * @returns a function that applies {@link redact} with those secrets.
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const known = [...secretVariants(secrets)];
  return (text) => redact(text, known);
}

// Longest first, so a secret that contains another is replaced whole rather than in pieces.
function secretVariants(secrets: Iterable<string | undefined>): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MINIMUM_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
  }
  return [...variants].sort((left, right) => right.length - left.length);
}
