import { ENDPOINT_CONFIG_KEYS, type ConfigKeyNames } from "./settings";

/** The provider plugin's config namespace: its package name (`heroku-squadcast:herokuApiKey`). */
export const PLUGIN_CONFIG_NAMESPACE = "heroku-squadcast";

/**
 * The provider plugin's configuration variables (`heroku-squadcast:<name>` in stack config, or the
 * arguments of an explicit provider), by the stack config key the TypeScript resources read for the same
 * setting. One vocabulary for both front doors: the same settings, the same environment variables, the
 * same validation (`resolveProviderSettings`); only the namespace differs, because a plugin reads nothing
 * but its own package's config.
 */
export const PLUGIN_CONFIG_VARIABLES: Readonly<Record<string, string>> = {
  "heroku:apiKey": "herokuApiKey",
  [ENDPOINT_CONFIG_KEYS.herokuApiUrl]: "herokuApiUrl",
  "squadcast:refreshToken": "squadcastRefreshToken",
  "squadcast:region": "squadcastRegion",
  [ENDPOINT_CONFIG_KEYS.squadcastApiUrl]: "squadcastApiUrl",
  [ENDPOINT_CONFIG_KEYS.squadcastAuthUrl]: "squadcastAuthUrl",
};

/**
 * Reads the TypeScript resources' config keys from the plugin's variables, so `resolveProviderSettings`
 * serves both doors.
 *
 * @param variables - the plugin's configuration, by variable name (`herokuApiKey`), secrets unwrapped.
 */
export function pluginConfigReader(
  variables: Readonly<Record<string, string | undefined>>,
): (key: string) => string | undefined {
  return (key) => {
    const name = PLUGIN_CONFIG_VARIABLES[key];
    return name === undefined ? undefined : variables[name];
  };
}

/**
 * The plugin's names for the settings, for messages: `heroku-squadcast:herokuApiKey` where the TypeScript
 * resources say `heroku:apiKey`, so each front door names the key its users set.
 */
export const PLUGIN_CONFIG_KEY_NAMES: ConfigKeyNames = (configKey) => {
  const name = PLUGIN_CONFIG_VARIABLES[configKey];
  return name === undefined ? configKey : `${PLUGIN_CONFIG_NAMESPACE}:${name}`;
};
