import { computeRetryDelay } from "./backoff";
import { isApiError } from "./errors";

/** Options of {@link repeatWhileTransient}. */
export interface RepeatOptions {
  /**
   * How many times `work` runs at most.
   *
   * @defaultValue 3
   */
  readonly attempts?: number;
  /**
   * Delay before the first repetition, doubled for each further one (plus jitter).
   *
   * @defaultValue 1000
   */
  readonly baseDelayMs?: number;
  /**
   * Upper bound for one delay.
   *
   * @defaultValue 8000
   */
  readonly maxDelayMs?: number;
  /**
   * Waits; replaceable in tests.
   *
   * @defaultValue a timer
   */
  readonly sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * Runs an operation that is safe to repeat whole (reads, read-merge-write sequences, deletes) again when
 * it failed transiently after the HTTP client had used its own retries: a 429, a 5xx, a time-out or a
 * dropped connection at the end of the retry budget. One `pulumi up` then converges under fault rates that
 * would otherwise fail a resource now and then. Anything else (a 4xx, a malformed answer) fails at once.
 *
 * @param work - the operation; it must be idempotent as a whole.
 * @param options - how often and how long to wait.
 * @returns what `work` returned.
 */
export async function repeatWhileTransient<T>(
  work: () => Promise<T>,
  options: RepeatOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? pause;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await sleep(
        computeRetryDelay({
          retryNumber: attempt,
          baseDelayMs: options.baseDelayMs ?? 1_000,
          maxDelayMs: options.maxDelayMs ?? 8_000,
        }),
      );
    }
  }
}

/** Whether an error is an API failure that a later attempt could get past. */
export function isTransient(error: unknown): boolean {
  return isApiError(error) && error.retryable && error.kind !== "malformed-response";
}

/** Waits `milliseconds`. */
export function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
