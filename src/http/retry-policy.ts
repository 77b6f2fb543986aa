/** What {@link shouldRetry} needs to know about one failed attempt. */
export interface FailedAttempt {
  /** HTTP method, any case. */
  readonly method: string;
  /** HTTP status, or undefined when no response arrived. */
  readonly status?: number;
  /** Node or axios error code when no response arrived, e.g. `ECONNREFUSED`, `ETIMEDOUT`. */
  readonly code?: string;
  /**
   * The caller made this request safe to repeat (e.g. a POST it de-duplicates).
   *
   * @defaultValue false
   */
  readonly idempotent?: boolean;
}

// Methods whose repetition has the same effect as one call, so a lost response can be retried.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"]);

// Failures where the request provably never reached the server, so even a POST cannot have acted.
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

// Failures after which the server may or may not have acted: safe to repeat only when idempotent.
const TRANSIENT_CODES = new Set([
  "ETIMEDOUT",
  "ECONNABORTED",
  "ECONNRESET",
  "EPIPE",
  "ESOCKETTIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);

/**
 * Decides whether a failed attempt may be repeated.
 *
 * A 429 or a connection that was never established is always safe: the server did nothing. A 5xx,
 * a timeout or a dropped connection may hide a request the server did carry out (a lost response),
 * so those are retried only for idempotent methods, or for a POST the caller marked idempotent.
 * Repeating a lost `POST /webhooks` blindly would create a duplicate webhook.
 *
 * @param attempt - the failed attempt.
 * @returns true when another attempt is safe and may succeed.
 */
export function shouldRetry(attempt: FailedAttempt): boolean {
  if (attempt.status === 429) return true;
  if (attempt.status === undefined && attempt.code !== undefined && NEVER_SENT_CODES.has(attempt.code))
    return true;
  const idempotent = attempt.idempotent === true || IDEMPOTENT_METHODS.has(attempt.method.toUpperCase());
  if (!idempotent) return false;
  if (attempt.status !== undefined) return attempt.status >= 500 && attempt.status <= 599;
  return attempt.code !== undefined && TRANSIENT_CODES.has(attempt.code);
}

/**
 * Whether an error with this status or code is worth repeating at all, ignoring the method. Used to
 * tell the caller that a POST that was not retried could succeed later.
 *
 * @param status - HTTP status, if any.
 * @param code - Node or axios error code, if no response.
 */
export function isTransientFailure(status: number | undefined, code: string | undefined): boolean {
  if (status !== undefined) return status === 429 || (status >= 500 && status <= 599);
  return code !== undefined && (NEVER_SENT_CODES.has(code) || TRANSIENT_CODES.has(code));
}
