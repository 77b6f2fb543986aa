/** The shape of Heroku's per-account request budget. */
export interface HerokuRateLimitOptions {
  /** Most tokens an account can hold; also where a new account starts. Default: 4500, as on Heroku. */
  readonly capacity?: number;
  /** Tokens added back per minute, continuously. Default: 75, as on Heroku. */
  readonly refillPerMinute?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Heroku's rate limit: a token bucket per account, refilled continuously, one token per API call.
 * Buckets are refilled lazily when read, so idle accounts cost nothing.
 */
export class TokenBucketLimiter {
  /** Most tokens an account can hold. */
  readonly capacity: number;
  private readonly refillPerMillisecond: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    options: HerokuRateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = options.capacity ?? 4500;
    this.refillPerMillisecond = (options.refillPerMinute ?? 75) / 60_000;
  }

  /** Spends one token of the account; `allowed` is false, and nothing is spent, when none is left. */
  take(account: string): { allowed: boolean; remaining: number } {
    const bucket = this.refilled(account);
    if (bucket.tokens < 1) return { allowed: false, remaining: 0 };
    bucket.tokens -= 1;
    return { allowed: true, remaining: Math.floor(bucket.tokens) };
  }

  /** The whole tokens the account has left, without spending one. */
  remaining(account: string): number {
    return Math.floor(this.refilled(account).tokens);
  }

  /** Refills every account. */
  reset(): void {
    this.buckets.clear();
  }

  private refilled(account: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(account);
    if (bucket === undefined) {
      bucket = { tokens: this.capacity, updatedAt: now };
      this.buckets.set(account, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(
      this.capacity,
      bucket.tokens + (now - bucket.updatedAt) * this.refillPerMillisecond,
    );
    bucket.updatedAt = now;
    return bucket;
  }
}
