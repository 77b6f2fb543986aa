import { resolveProviderSettings, type ProviderSettings } from "../config";
import { HerokuClient } from "../heroku/client";
import { SquadcastTokenSource } from "../squadcast/auth";
import { SquadcastClient } from "../squadcast/client";
import { requireHerokuApiKey, requireSquadcastRefreshToken } from "../config";

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
  private resolved?: ProviderSettings;
  private herokuClient?: HerokuClient;
  private squadcastClient?: SquadcastClient;
  private readonly remembered = new Map<string, Promise<unknown>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Takes the stack config; clients are rebuilt only if the settings actually changed. */
  configure(readConfig: ConfigReader): void {
    const next = resolveProviderSettings(readConfig, this.env);
    if (this.resolved && JSON.stringify(next) === JSON.stringify(this.resolved)) return;
    this.readConfig = readConfig;
    this.resolved = next;
    this.herokuClient = undefined;
    this.squadcastClient = undefined;
    this.remembered.clear();
  }

  /** The endpoints and credentials in force: stack config first, then env. */
  get settings(): ProviderSettings {
    this.resolved ??= resolveProviderSettings(this.readConfig, this.env);
    return this.resolved;
  }

  /** The Heroku client; throws a message saying how to set the API key when it is missing. */
  heroku(): HerokuClient {
    this.herokuClient ??= new HerokuClient({
      apiKey: requireHerokuApiKey(this.settings),
      apiUrl: this.settings.heroku.apiUrl,
    });
    return this.herokuClient;
  }

  /** The Squadcast client; throws a message saying how to set the refresh token when it is missing. */
  squadcast(): SquadcastClient {
    if (!this.squadcastClient) {
      const { squadcast } = this.settings;
      const tokenSource = new SquadcastTokenSource({
        refreshToken: requireSquadcastRefreshToken(this.settings),
        authUrl: squadcast.authUrl,
      });
      this.squadcastClient = new SquadcastClient({ tokenSource, apiUrl: squadcast.apiUrl });
    }
    return this.squadcastClient;
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

  /** Forgets a remembered value, for when the API shows it changed. */
  forget(key: string): void {
    this.remembered.delete(key);
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
