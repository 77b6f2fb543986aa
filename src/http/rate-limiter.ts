import Bottleneck from "bottleneck";

/** Options of {@link AdaptiveRateLimiter}. */
export interface AdaptiveRateLimiterOptions {
  /**
   * Most requests in flight at once.
   *
   * @defaultValue 8 ({@link HEROKU_RATE_LIMIT_DEFAULTS})
   */
  readonly maxConcurrent?: number;
  /**
   * Most tokens the local bucket holds, and what it starts with.
   *
   * @defaultValue 4500, Heroku's budget ({@link HEROKU_RATE_LIMIT_DEFAULTS})
   */
  readonly capacity?: number;
  /**
   * Tokens the local bucket gets back per minute, continuously.
   *
   * @defaultValue 75, Heroku's refill rate ({@link HEROKU_RATE_LIMIT_DEFAULTS})
   */
  readonly refillPerMinute?: number;
  /**
   * The response header in which the server tells how many requests remain, read case-insensitively.
   *
   * @defaultValue `RateLimit-Remaining`, as Heroku sends it ({@link HEROKU_RATE_LIMIT_DEFAULTS})
   */
  readonly remainingHeader?: string;
  /**
   * The clock, replaceable in tests.
   *
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
}

/** Defaults of {@link AdaptiveRateLimiterOptions}: Heroku's documented per-account budget. */
export const HEROKU_RATE_LIMIT_DEFAULTS = {
  maxConcurrent: 8,
  capacity: 4500,
  refillPerMinute: 75,
  remainingHeader: "ratelimit-remaining",
} as const;

/**
 * A Bottleneck limiter that also mirrors a server's token-bucket rate limit (Heroku's: 4500 requests,
 * 75 more a minute) and corrects its copy from the server's `RateLimit-Remaining` header, so that a large
 * `pulumi up` waits for budget instead of failing on 429s.
 *
 * - At most `maxConcurrent` requests run at once (Bottleneck).
 * - Each request first takes one token from a local bucket that refills continuously at
 *   `refillPerMinute`, up to `capacity`; with none left it waits for the next one, in order.
 * - Each answer that carries the header resets the bucket to what the server has left, minus what the
 *   server may not have counted yet: the requests still in flight and those answered while this one was
 *   out (their counts may postdate this figure). That bound is never above the truth, so the bucket goes
 *   down when the server says fewer remain (another client shares the account, or the budget is smaller
 *   than Heroku's), and up when the server provably has more (a larger or faster budget).
 * - A 429 empties the bucket, whatever its header says.
 *
 * The bucket is plain synchronous state rather than Bottleneck's reservoir, whose updates are
 * asynchronous: a correction must be in force before the next request can start, or a burst of queued
 * requests would go out on a stale count.
 *
 * Pass it as `rateLimiter` to `createHttpClient`, which schedules every attempt through it; share one per
 * account, since the server's budget is per account.
 */
export class AdaptiveRateLimiter extends Bottleneck {
  private readonly bucket: TokenBucket;
  private readonly remainingHeader: string;
  private inFlight = 0;
  private answered = 0;

  constructor(options: AdaptiveRateLimiterOptions = {}) {
    super({ maxConcurrent: options.maxConcurrent ?? HEROKU_RATE_LIMIT_DEFAULTS.maxConcurrent });
    this.bucket = new TokenBucket(
      options.capacity ?? HEROKU_RATE_LIMIT_DEFAULTS.capacity,
      (options.refillPerMinute ?? HEROKU_RATE_LIMIT_DEFAULTS.refillPerMinute) / 60_000,
      options.now ?? Date.now,
    );
    this.remainingHeader = (
      options.remainingHeader ?? HEROKU_RATE_LIMIT_DEFAULTS.remainingHeader
    ).toLowerCase();
  }

  /** Whole tokens the local bucket holds now: how many requests may start without waiting. */
  remainingBudget(): number {
    return Math.floor(this.bucket.available());
  }

  /**
   * Schedules a job like Bottleneck's `schedule`; the job starts once a token is available, and the
   * server's remaining budget is read from the response (or error response) it settles with.
   */
  // One signature for Bottleneck's overloads: `(fn, ...args)` or `(options, fn, ...args)`.
  override schedule<R>(...args: unknown[]): Promise<R> {
    const at = typeof args[0] === "function" ? 0 : 1;
    const job = args[at] as (...jobArgs: unknown[]) => PromiseLike<R>;
    const gated = async (...jobArgs: unknown[]): Promise<R> => {
      await this.bucket.take();
      return this.observe(() => job(...jobArgs));
    };
    const rest = [...args.slice(0, at), gated, ...args.slice(at + 1)];
    return (super.schedule as (...scheduleArgs: unknown[]) => Promise<R>)(...rest);
  }

  private async observe<R>(job: () => PromiseLike<R>): Promise<R> {
    this.inFlight += 1;
    const answeredBefore = this.answered;
    let outcome: unknown;
    try {
      outcome = await job();
      return outcome as R;
    } catch (error) {
      outcome = error;
      throw error;
    } finally {
      this.inFlight -= 1;
      this.answered += 1;
      // Others answered while this request was out, not counting this one.
      this.adjust(outcome, this.answered - answeredBefore - 1);
    }
  }

  private adjust(outcome: unknown, answeredMeanwhile: number): void {
    const response = responseOf(outcome);
    if (response === undefined) return;
    const remaining =
      response.status === 429
        ? 0
        : Number.parseInt(headerOf(response.headers, this.remainingHeader) ?? "", 10);
    if (!Number.isFinite(remaining)) return;
    this.bucket.set(Math.max(0, remaining - this.inFlight - answeredMeanwhile));
  }
}

/** A token bucket refilled continuously, whose takers wait in order for a token. */
class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly waiting: (() => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly capacity: number,
    private readonly refillPerMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Resolves once a token is taken. */
  take(): Promise<void> {
    if (this.waiting.length === 0 && this.available() >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.serve();
    });
  }

  /** Sets the tokens to what the server says (may exceed the capacity: the server knows best). */
  set(tokens: number): void {
    this.refill();
    this.tokens = tokens;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.serve();
  }

  private serve(): void {
    if (this.timer !== undefined) return;
    this.refill();
    while (this.waiting.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiting.shift()!();
    }
    if (this.waiting.length === 0 || this.refillPerMs <= 0) return;
    const wait = Math.max(1, Math.ceil((1 - this.tokens) / this.refillPerMs));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.serve();
    }, wait);
  }

  private refill(): void {
    const now = this.now();
    // Refill never raises a count the server set above the capacity, nor lowers it.
    if (this.tokens < this.capacity) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
    }
    this.updatedAt = now;
  }
}

interface ResponseLike {
  readonly status?: number;
  readonly headers?: unknown;
}

/** The HTTP response of an axios response or of an axios error, if there is one. */
function responseOf(outcome: unknown): ResponseLike | undefined {
  if (typeof outcome !== "object" || outcome === null) return undefined;
  if ("headers" in outcome && "status" in outcome) return outcome as ResponseLike;
  const response = (outcome as { response?: unknown }).response;
  return typeof response === "object" && response !== null ? (response as ResponseLike) : undefined;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const getter = (headers as { get?: unknown }).get;
  let value: unknown =
    typeof getter === "function" ? (getter as (key: string) => unknown).call(headers, name) : undefined;
  if (value === undefined || value === null) {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
  }
  if (Array.isArray(value)) value = value[0];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
