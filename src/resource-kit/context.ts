import * as pulumi from "@pulumi/pulumi";
import {
  STACK_CONFIG_KEY_NAMES,
  resolveProviderSettings,
  type ConfigKeyNames,
  type ProviderSettings,
} from "../config";
import type { HerokuClient } from "../clients/heroku/client";
import type { AdaptiveRateLimiter } from "../http/rate-limiter";
import type { SquadcastClient } from "../clients/squadcast/client";
import {
  InvalidSettingError,
  requireHerokuApiKey,
  requireSquadcastRefreshToken,
  type CredentialOrigin,
  type CredentialSetting,
} from "../config";

/** Reads one stack config value by full key, such as `heroku:apiKey`. */
export type ConfigReader = (key: string) => string | undefined;

/**
 * What one provider process shares across resources and operations: the settings from stack config
 * (delivered by the engine's configure call) and env, the API clients built from them, lookups worth
 * doing once (the alert-source catalog, a team, a service), and per-key locks.
 *
 * Nothing here is ever serialized into state: the serialized stub loads this module by package name.
 */
export class ProviderContext {
  private readConfig: ConfigReader = () => undefined;
  private configKeyNames: ConfigKeyNames = STACK_CONFIG_KEY_NAMES;
  private resolved?: ProviderSettings;
  private herokuClient?: HerokuClient;
  private squadcastClient?: SquadcastClient;
  private herokuLimiter?: AdaptiveRateLimiter;
  private readonly remembered = new Map<string, Promise<unknown>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /**
   * @param env - the environment settings fall back to. Default: `process.env`.
   * @param notice - shows one line to the person running pulumi. Default: a line on stderr, which the
   *   engine prints among the stack's diagnostics (a dynamic provider has no per-resource log).
   */
  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /**
   * Tells the person running pulumi what happened that the resource's status does not show (an adoption,
   * duplicates removed). Never pass a URL or a secret: the line is printed as it is.
   */
  tell(line: string): void {
    this.notice(line);
  }

  /**
   * How long to keep looking for the webhook of a creation that failed without a clear answer before
   * creating it again: as long as one HTTP attempt may take, since the server may need that much more.
   */
  creationSettleMs(): number {
    return this.httpTimeout().timeoutMs ?? loadClients().HTTP_CLIENT_DEFAULTS.timeoutMs;
  }

  /**
   * Takes the stack config; clients are rebuilt only if the settings actually changed. Throws for a bad
   * setting, and keeps throwing it on every later use: the engine configures a provider once per process
   * and keeps using it after a failed configure, which must not run on settings that ignore the config.
   *
   * @param readConfig - reads the TypeScript resources' stack config keys (`heroku:apiKey`).
   * @param configKeyNames - how the front door names those keys to its users, in messages. Default:
   *   {@link STACK_CONFIG_KEY_NAMES}.
   */
  configure(readConfig: ConfigReader, configKeyNames: ConfigKeyNames = STACK_CONFIG_KEY_NAMES): void {
    this.readConfig = readConfig;
    this.configKeyNames = configKeyNames;
    let next: ProviderSettings;
    try {
      next = resolveProviderSettings(readConfig, this.env, configKeyNames);
    } catch (error) {
      this.resolved = undefined;
      this.herokuClient = undefined;
      this.squadcastClient = undefined;
      throw error;
    }
    if (this.resolved && JSON.stringify(next) === JSON.stringify(this.resolved)) return;
    this.resolved = next;
    this.herokuClient = undefined;
    this.squadcastClient = undefined;
    this.remembered.clear();
  }

  /**
   * Where a credential in force came from: the stack config the engine handed over (on `destroy` and
   * `refresh`, the config stored in the state), the environment, or nowhere.
   */
  credentialOrigin(setting: CredentialSetting): CredentialOrigin {
    if (this.readConfig(setting.configKey)?.trim()) return "config";
    return this.env[setting.envVar]?.trim() ? "env" : "missing";
  }

  /** The endpoints and credentials in force: stack config first, then env. */
  get settings(): ProviderSettings {
    this.resolved ??= resolveProviderSettings(this.readConfig, this.env, this.configKeyNames);
    return this.resolved;
  }

  /**
   * The Heroku client; throws a message saying how to set the API key when it is missing. Its requests
   * go through {@link herokuRateLimiter}.
   */
  heroku(): HerokuClient {
    this.herokuClient ??= new (loadClients().HerokuClient)({
      apiKey: requireHerokuApiKey(this.settings),
      apiUrl: this.settings.heroku.apiUrl,
      rateLimiter: this.herokuRateLimiter(),
      ...this.httpTimeout(),
    });
    return this.herokuClient;
  }

  /**
   * The limiter every Heroku request of this process goes through, kept for the life of the process
   * (even when settings change, as in-flight requests still count against the account): at most 8
   * requests at once, and a local copy of Heroku's per-account budget, corrected from each answer's
   * `RateLimit-Remaining`, so that a large `up` waits for budget instead of failing on 429s.
   */
  herokuRateLimiter(): AdaptiveRateLimiter {
    this.herokuLimiter ??= new (loadClients().AdaptiveRateLimiter)();
    return this.herokuLimiter;
  }

  /** The Squadcast client; throws a message saying how to set the refresh token when it is missing. */
  squadcast(): SquadcastClient {
    if (!this.squadcastClient) {
      const { squadcast } = this.settings;
      const { SquadcastTokenSource, SquadcastClient } = loadClients();
      const tokenSource = new SquadcastTokenSource({
        refreshToken: requireSquadcastRefreshToken(this.settings),
        authUrl: squadcast.authUrl,
        ...this.httpTimeout(),
      });
      this.squadcastClient = new SquadcastClient({
        tokenSource,
        apiUrl: squadcast.apiUrl,
        onDebug: (message) => void pulumi.log.debug(message),
        ...this.httpTimeout(),
      });
    }
    return this.squadcastClient;
  }

  /**
   * The time limit of each HTTP attempt from `HEROKU_SQUADCAST_HTTP_TIMEOUT_MS` (milliseconds), for
   * networks slower than the clients' default of 10 seconds, or tests; nothing when unset.
   */
  private httpTimeout(): { timeoutMs?: number } {
    const raw = this.env.HEROKU_SQUADCAST_HTTP_TIMEOUT_MS?.trim();
    if (!raw) return {};
    const timeoutMs = Number(raw);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new InvalidSettingError(
        "HEROKU_SQUADCAST_HTTP_TIMEOUT_MS",
        "HEROKU_SQUADCAST_HTTP_TIMEOUT_MS must be a whole number of milliseconds such as 10000",
      );
    }
    return { timeoutMs };
  }

  /**
   * Runs `load` once per key for the life of the process and shares the result; a failed load is
   * forgotten so the next caller tries again.
   */
  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.remembered.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      this.remembered.set(key, pending);
      pending.catch(() => this.remembered.delete(key));
    }
    return pending;
  }

  /**
   * Hands over what {@link remember} keeps under `key` and forgets it, so exactly one later use (the
   * `create` that a preview-time check read ahead for) reuses the answer, and any use after that asks
   * the API again instead of trusting a stale answer. Undefined when nothing is kept.
   */
  take<T>(key: string): Promise<T> | undefined {
    const pending = this.remembered.get(key) as Promise<T> | undefined;
    this.remembered.delete(key);
    return pending;
  }

  /**
   * Runs `work` after every earlier task with the same key has settled, so read-modify-write sequences
   * on one shared object (a Squadcast service's alert-source list) never interleave in this process.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}

/**
 * The API clients, their defaults and the rate limiter, loaded on first use rather than imported: a preview only checks
 * and diffs, which call no API, and loading the HTTP stack (axios, axios-retry, Bottleneck) would add
 * to the start of every provider process, on the critical path of every operation.
 */
function loadClients() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    HerokuClient: (require("../clients/heroku/client") as typeof import("../clients/heroku/client"))
      .HerokuClient,
    AdaptiveRateLimiter: (require("../http/rate-limiter") as typeof import("../http/rate-limiter"))
      .AdaptiveRateLimiter,
    SquadcastTokenSource: (require("../clients/squadcast/auth") as typeof import("../clients/squadcast/auth"))
      .SquadcastTokenSource,
    SquadcastClient: (require("../clients/squadcast/client") as typeof import("../clients/squadcast/client"))
      .SquadcastClient,
    HTTP_CLIENT_DEFAULTS: (require("../http/client") as typeof import("../http/client")).HTTP_CLIENT_DEFAULTS,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
