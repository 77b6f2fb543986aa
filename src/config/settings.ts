import { InvalidSettingError, MissingCredentialError } from "./errors";
import {
  HEROKU_API_KEY_SETTING,
  SQUADCAST_REFRESH_TOKEN_SETTING,
  type CredentialSetting,
} from "./stored-credentials";
import { cleartextTransportProblem } from "./transport";

/** The Squadcast regions, each with its own hosts. */
export type SquadcastRegion = "us" | "eu";

/** Heroku credentials and endpoint. */
export interface HerokuSettings {
  /**
   * API key or OAuth token, from `heroku:apiKey` or `HEROKU_API_KEY`.
   *
   * @defaultValue undefined (checked on use)
   */
  readonly apiKey?: string;
  /**
   * Platform API base URL, from `herokuSquadcast:herokuApiUrl` or `HEROKU_API_URL`.
   *
   * @defaultValue `https://api.heroku.com`
   */
  readonly apiUrl: string;
}

/** Squadcast credentials and endpoints. */
export interface SquadcastSettings {
  /**
   * Refresh token, from `squadcast:refreshToken` or `SQUADCAST_REFRESH_TOKEN`.
   *
   * @defaultValue undefined (checked on use)
   */
  readonly refreshToken?: string;
  /**
   * Region, from `squadcast:region` or `SQUADCAST_REGION`.
   *
   * @defaultValue `us`
   */
  readonly region: SquadcastRegion;
  /**
   * API base URL, from `herokuSquadcast:squadcastApiUrl` or `SQUADCAST_API_URL`.
   *
   * @defaultValue the region's, e.g. `https://api.squadcast.com`
   */
  readonly apiUrl: string;
  /**
   * Token-exchange base URL, from `herokuSquadcast:squadcastAuthUrl` or `SQUADCAST_AUTH_URL`.
   *
   * @defaultValue the region's, e.g. `https://auth.squadcast.com`
   */
  readonly authUrl: string;
  /** Base of alert-source webhook URLs (`<ingestionUrl>/v1/incidents/heroku/<key>`). Always equal to `apiUrl`. */
  readonly ingestionUrl: string;
}

/**
 * How a front door names a setting in its messages, given the TypeScript resources' stack config key
 * (`heroku:apiKey`): the dynamic resources' own keys, or the provider plugin's
 * (`heroku-squadcast:herokuApiKey`, see `PLUGIN_CONFIG_KEY_NAMES`).
 */
export type ConfigKeyNames = (configKey: string) => string;

/** The TypeScript resources' stack config keys, as they are. */
export const STACK_CONFIG_KEY_NAMES: ConfigKeyNames = (configKey) => configKey;

/** Everything the provider needs to reach the APIs, resolved from stack config and environment. */
export interface ProviderSettings {
  /** Heroku credentials and endpoint. */
  readonly heroku: HerokuSettings;
  /** Squadcast credentials and endpoints. */
  readonly squadcast: SquadcastSettings;
  /**
   * The names of the config keys these settings were read from, for messages that tell the user what to
   * set.
   *
   * @defaultValue {@link STACK_CONFIG_KEY_NAMES}
   */
  readonly configKeyNames?: ConfigKeyNames;
}

/** The default Heroku Platform API base URL. */
export const DEFAULT_HEROKU_API_URL = "https://api.heroku.com";

/** The Squadcast hosts of each region. */
export const SQUADCAST_REGION_URLS: Readonly<Record<SquadcastRegion, { apiUrl: string; authUrl: string }>> = {
  us: { apiUrl: "https://api.squadcast.com", authUrl: "https://auth.squadcast.com" },
  eu: { apiUrl: "https://api.eu.squadcast.com", authUrl: "https://auth.eu.squadcast.com" },
};

/**
 * The stack config keys of the endpoint overrides. They live in a namespace of this package's own:
 * `heroku:*` and `squadcast:*` belong to the bridged Heroku and Squadcast providers, which may reject a
 * key they do not define, and the bridged Heroku provider's own endpoint key (`heroku:url`) would also
 * move that provider, which a stack pointing only this package at a sandbox does not want.
 */
export const ENDPOINT_CONFIG_KEYS = {
  herokuApiUrl: "herokuSquadcast:herokuApiUrl",
  squadcastApiUrl: "herokuSquadcast:squadcastApiUrl",
  squadcastAuthUrl: "herokuSquadcast:squadcastAuthUrl",
} as const;

/**
 * Resolves credentials and endpoints: each stack config key first, then its environment variable, then
 * the default. Credentials may be missing here (a stack may use only one of the APIs); use
 * {@link requireHerokuApiKey} and {@link requireSquadcastRefreshToken} where they are needed.
 *
 * | Setting | Config key | Environment |
 * |---|---|---|
 * | Heroku API key | `heroku:apiKey` | `HEROKU_API_KEY` |
 * | Heroku API URL | `herokuSquadcast:herokuApiUrl` | `HEROKU_API_URL` |
 * | Squadcast refresh token | `squadcast:refreshToken` | `SQUADCAST_REFRESH_TOKEN` |
 * | Squadcast region (`us`, `eu`) | `squadcast:region` | `SQUADCAST_REGION` |
 * | Squadcast API URL | `herokuSquadcast:squadcastApiUrl` | `SQUADCAST_API_URL` |
 * | Squadcast auth URL | `herokuSquadcast:squadcastAuthUrl` | `SQUADCAST_AUTH_URL` |
 *
 * @param readConfig - reads a stack config value by full key; returns undefined when unset.
 * @param env - the environment. Default: `process.env`.
 * @param configKeyNames - how the front door that reads the config names its keys, for messages.
 *   Default: {@link STACK_CONFIG_KEY_NAMES}.
 * @throws {@link InvalidSettingError} for an unknown region, a URL that is not http(s), or an `http://`
 *   URL to a host that is not a loopback address (credentials travel only over TLS, except on the machine).
 */
export function resolveProviderSettings(
  readConfig: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  configKeyNames: ConfigKeyNames = STACK_CONFIG_KEY_NAMES,
): ProviderSettings {
  const lookup = (configKey: string, envVar: string): { value?: string; source: string } => {
    const fromConfig = present(readConfig(configKey));
    if (fromConfig !== undefined) return { value: fromConfig, source: configKeyNames(configKey) };
    return { value: present(env[envVar]), source: envVar };
  };

  const region = parseRegion(lookup("squadcast:region", "SQUADCAST_REGION"));
  const regionUrls = SQUADCAST_REGION_URLS[region];
  const squadcastApiUrl =
    parseUrl(lookup(ENDPOINT_CONFIG_KEYS.squadcastApiUrl, "SQUADCAST_API_URL")) ?? regionUrls.apiUrl;
  return {
    heroku: {
      apiKey: lookup("heroku:apiKey", "HEROKU_API_KEY").value,
      apiUrl: parseUrl(lookup(ENDPOINT_CONFIG_KEYS.herokuApiUrl, "HEROKU_API_URL")) ?? DEFAULT_HEROKU_API_URL,
    },
    squadcast: {
      refreshToken: lookup("squadcast:refreshToken", "SQUADCAST_REFRESH_TOKEN").value,
      region,
      apiUrl: squadcastApiUrl,
      authUrl:
        parseUrl(lookup(ENDPOINT_CONFIG_KEYS.squadcastAuthUrl, "SQUADCAST_AUTH_URL")) ?? regionUrls.authUrl,
      ingestionUrl: squadcastApiUrl,
    },
    configKeyNames,
  };
}

/**
 * The Heroku API key, or a {@link MissingCredentialError} saying how to set it.
 *
 * @param settings - resolved settings.
 */
export function requireHerokuApiKey(settings: ProviderSettings): string {
  if (settings.heroku.apiKey === undefined) throw missingCredential(settings, HEROKU_API_KEY_SETTING, "key");
  return settings.heroku.apiKey;
}

/**
 * The Squadcast refresh token, or a {@link MissingCredentialError} saying how to set it.
 *
 * @param settings - resolved settings.
 */
export function requireSquadcastRefreshToken(settings: ProviderSettings): string {
  if (settings.squadcast.refreshToken === undefined) {
    throw missingCredential(settings, SQUADCAST_REFRESH_TOKEN_SETTING, "token");
  }
  return settings.squadcast.refreshToken;
}

/**
 * A credential's settings as the front door that read them names its config key.
 *
 * @param settings - resolved settings, which know their front door's names.
 * @param setting - the credential's settings, by the TypeScript resources' stack config key.
 */
export function credentialSettingAsNamed(
  settings: ProviderSettings,
  setting: CredentialSetting,
): CredentialSetting {
  return { ...setting, configKey: (settings.configKeyNames ?? STACK_CONFIG_KEY_NAMES)(setting.configKey) };
}

function missingCredential(
  settings: ProviderSettings,
  setting: CredentialSetting,
  placeholder: string,
): MissingCredentialError {
  const { what, configKey, envVar } = credentialSettingAsNamed(settings, setting);
  return new MissingCredentialError(what, configKey, envVar, placeholder);
}

// An empty or blank value (e.g. `HEROKU_API_KEY=` in a CI file) means "not set", not "empty key".
function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseRegion(setting: { value?: string; source: string }): SquadcastRegion {
  if (setting.value === undefined) return "us";
  const region = setting.value.toLowerCase();
  if (region === "us" || region === "eu") return region;
  // The value is not quoted: a credential pasted into the wrong setting must not reach a log.
  throw new InvalidSettingError(setting.source, `${setting.source} must be us or eu`);
}

function parseUrl(setting: { value?: string; source: string }): string | undefined {
  if (setting.value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(setting.value);
  } catch {
    url = undefined;
  }
  // The user part is checked first and nothing is ever quoted: whatever the scheme, a URL may carry a
  // credential (ftp://user:password@host), and an unparsable value may be a key pasted in the wrong place.
  if (url && (url.username || url.password)) {
    throw new InvalidSettingError(
      setting.source,
      `${setting.source} must not contain a user name or password: give credentials in their own settings`,
    );
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new InvalidSettingError(
      setting.source,
      `${setting.source} must be an http or https URL such as http://127.0.0.1:4000`,
    );
  }
  const transport = cleartextTransportProblem(url);
  if (transport !== undefined)
    throw new InvalidSettingError(setting.source, `${setting.source} ${transport}`);
  return setting.value.replace(/\/+$/, "");
}
