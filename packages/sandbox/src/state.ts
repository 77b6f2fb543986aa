import type { HerokuRateLimitOptions } from "./heroku/rate-limit";
import { HerokuState } from "./heroku/state";
import { SentryState } from "./sentry/state";
import { SquadcastState } from "./squadcast/state";

/** Options that shape the emulated services' behaviour. */
export interface SandboxStateOptions {
  /** Heroku's per-account request budget. Default: 4500 tokens, refilled 75 per minute. */
  readonly herokuRateLimit?: HerokuRateLimitOptions;
  /** Lifetime of Squadcast access tokens, in seconds. Default: 48 hours. */
  readonly tokenLifetimeSeconds?: number;
}

/** The in-memory state of the three emulated services. */
export class SandboxState {
  /** The Heroku account, apps and webhooks. */
  readonly heroku: HerokuState;
  /** The Squadcast organization. */
  readonly squadcast: SquadcastState;
  /** The Sentry organization. */
  readonly sentry: SentryState;

  constructor(options: SandboxStateOptions = {}) {
    this.heroku = new HerokuState(options.herokuRateLimit);
    this.squadcast = new SquadcastState(options.tokenLifetimeSeconds);
    this.sentry = new SentryState();
  }

  /** Puts every service back to the default fixture; generated fixture ids stay the same. */
  reset(): void {
    this.heroku.reset();
    this.squadcast.reset();
    this.sentry.reset();
  }
}
