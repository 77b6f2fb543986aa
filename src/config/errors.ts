/**
 * A credential the requested operation needs is not configured. The message is one line saying exactly
 * which command to run or variable to set; it never contains any credential.
 */
export class MissingCredentialError extends Error {
  /**
   * The config key that holds this credential, as the front door that needs it names it: `heroku:apiKey`
   * for the TypeScript resources, `heroku-squadcast:herokuApiKey` for the provider plugin.
   */
  readonly configKey: string;
  /** The environment variable read when the config key is unset, e.g. `HEROKU_API_KEY`. */
  readonly envVar: string;

  constructor(what: string, configKey: string, envVar: string, placeholder: string) {
    super(
      `${what} is missing: run \`pulumi config set --secret ${configKey} <${placeholder}>\` or set ${envVar}.`,
    );
    this.name = "MissingCredentialError";
    this.configKey = configKey;
    this.envVar = envVar;
  }
}

/**
 * A setting has a value this package cannot use, such as `squadcast:region` set to `ue`. The message
 * names the setting and what it accepts, never the value received: a credential pasted into the wrong
 * setting must not end up in a log.
 */
export class InvalidSettingError extends Error {
  /** The config key or environment variable that holds the bad value. */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.name = "InvalidSettingError";
    this.setting = setting;
  }
}
