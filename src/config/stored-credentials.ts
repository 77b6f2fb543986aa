/** A credential the provider reads: its stack config key and the environment variable behind it. */
export interface CredentialSetting {
  /** What it is, as a person says it, e.g. `Heroku API key`. */
  readonly what: string;
  /** The stack config key, e.g. `heroku:apiKey`. */
  readonly configKey: string;
  /** The environment variable read when the config key is unset, e.g. `HEROKU_API_KEY`. */
  readonly envVar: string;
}

/** The Heroku API key's settings. */
export const HEROKU_API_KEY_SETTING: CredentialSetting = {
  what: "Heroku API key",
  configKey: "heroku:apiKey",
  envVar: "HEROKU_API_KEY",
};

/** The Squadcast refresh token's settings. */
export const SQUADCAST_REFRESH_TOKEN_SETTING: CredentialSetting = {
  what: "Squadcast refresh token",
  configKey: "squadcast:refreshToken",
  envVar: "SQUADCAST_REFRESH_TOKEN",
};

/** Where the credential in use came from: the stack config the engine handed over, the environment, or nowhere. */
export type CredentialOrigin = "config" | "env" | "missing";

/**
 * A credential failed (refused by the API, or missing) while deleting or reading a resource, which is what
 * `pulumi destroy` and `pulumi refresh` do. Those commands do not run the program, so the engine hands the
 * provider the stack config stored in the state by the last `pulumi up` (as the default `pulumi-nodejs`
 * provider's inputs, secrets encrypted), not the current `Pulumi.<stack>.yaml`: a credential changed since
 * is not seen. The message says so and names the fix; it never contains the credential.
 */
export class StoredCredentialError extends Error {
  /** The credential's settings. */
  readonly setting: CredentialSetting;
  /** Where the credential in use came from. */
  readonly origin: CredentialOrigin;

  /**
   * @param setting - the credential's settings.
   * @param origin - where the credential in use came from.
   * @param problem - what went wrong, one sentence without a final period and without the credential
   *   (an `ApiError`'s message is redacted already).
   */
  constructor(setting: CredentialSetting, origin: CredentialOrigin, problem: string) {
    super(`${problem.replace(/[.\s]+$/, "")}. ${storedCredentialAdvice(setting, origin)}`);
    this.name = "StoredCredentialError";
    this.setting = setting;
    this.origin = origin;
  }
}

/**
 * What to do when a credential fails during `pulumi destroy` or `pulumi refresh`, by where it came from.
 *
 * @param setting - the credential's settings.
 * @param origin - where the credential in use came from.
 */
export function storedCredentialAdvice(setting: CredentialSetting, origin: CredentialOrigin): string {
  const source =
    origin === "config"
      ? `the ${setting.configKey} used here came from the stack's state, as the last \`pulumi up\` stored it ` +
        `(${setting.envVar} does not override stack config)`
      : origin === "env"
        ? `the stack config in the stack's state (as the last \`pulumi up\` stored it) has no ${setting.configKey}, so ${setting.envVar} was used`
        : `neither the stack config in the stack's state (as the last \`pulumi up\` stored it) nor ${setting.envVar} has it`;
  return (
    `pulumi destroy and pulumi refresh read stack config from the state, not from Pulumi.<stack>.yaml: ${source}. ` +
    `If you ${origin === "missing" ? "set" : "changed"} ${setting.configKey} since, run \`pulumi up\` first, ` +
    "or `pulumi destroy --run-program` (`pulumi refresh --run-program`), which run the program with the " +
    `current config${origin === "missing" ? `; or set ${setting.envVar}` : ""}.`
  );
}
