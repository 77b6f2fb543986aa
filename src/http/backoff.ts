/** Inputs of {@link computeRetryDelay}. */
export interface RetryDelayInput {
  /** Which retry this is: 1 for the first retry. */
  readonly retryNumber: number;
  /** Delay before the first retry, doubled for each further one. */
  readonly baseDelayMs: number;
  /** Upper bound for any single delay, including one asked for by `Retry-After`. */
  readonly maxDelayMs: number;
  /**
   * The server's `Retry-After`, in milliseconds, when it sent one.
   *
   * @defaultValue undefined
   */
  readonly retryAfterMs?: number;
  /**
   * Source of randomness in [0, 1), replaceable in tests.
   *
   * @defaultValue `Math.random`
   */
  readonly random?: () => number;
}

/**
 * The delay before a retry: exponential backoff with jitter, or the server's `Retry-After` when given,
 * both capped at `maxDelayMs`.
 *
 * Jitter keeps the parallel resources of one `pulumi up` from retrying in lock-step. The delay is
 * drawn from the upper half of the exponential step ("equal jitter"), so it never collapses to zero.
 *
 * @param input - the attempt and the limits.
 * @returns milliseconds to wait.
 */
export function computeRetryDelay(input: RetryDelayInput): number {
  if (input.retryAfterMs !== undefined) return Math.min(input.maxDelayMs, Math.max(0, input.retryAfterMs));
  const random = input.random ?? Math.random;
  const step = Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** Math.max(0, input.retryNumber - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}
