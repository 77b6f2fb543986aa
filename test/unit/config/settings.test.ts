import {
  InvalidSettingError,
  MissingCredentialError,
  PLUGIN_CONFIG_KEY_NAMES,
  requireHerokuApiKey,
  requireSquadcastRefreshToken,
  resolveProviderSettings,
  STACK_CONFIG_KEY_NAMES,
  type ProviderSettings,
} from "../../../src/config";

type Config = Record<string, string>;

function resolve(config: Config = {}, env: NodeJS.ProcessEnv = {}): ProviderSettings {
  return resolveProviderSettings((key) => config[key], env);
}

describe("resolveProviderSettings", () => {
  it("uses the US endpoints and no credentials when nothing is set", () => {
    expect(resolve()).toEqual({
      heroku: { apiKey: undefined, apiUrl: "https://api.heroku.com" },
      squadcast: {
        refreshToken: undefined,
        region: "us",
        apiUrl: "https://api.squadcast.com",
        authUrl: "https://auth.squadcast.com",
        ingestionUrl: "https://api.squadcast.com",
      },
      configKeyNames: STACK_CONFIG_KEY_NAMES,
    });
  });

  it.each<[string, Config, NodeJS.ProcessEnv, (settings: ProviderSettings) => unknown, unknown]>([
    ["API key from config", { "heroku:apiKey": "cfg-key" }, {}, (s) => s.heroku.apiKey, "cfg-key"],
    ["API key from env", {}, { HEROKU_API_KEY: "env-key" }, (s) => s.heroku.apiKey, "env-key"],
    [
      "config over env",
      { "heroku:apiKey": "cfg-key" },
      { HEROKU_API_KEY: "env-key" },
      (s) => s.heroku.apiKey,
      "cfg-key",
    ],
    [
      "blank config falls back to env",
      { "heroku:apiKey": "  " },
      { HEROKU_API_KEY: "env-key" },
      (s) => s.heroku.apiKey,
      "env-key",
    ],
    ["empty env means unset", {}, { HEROKU_API_KEY: "" }, (s) => s.heroku.apiKey, undefined],
    [
      "refresh token from config",
      { "squadcast:refreshToken": "rt" },
      {},
      (s) => s.squadcast.refreshToken,
      "rt",
    ],
    [
      "refresh token from env",
      {},
      { SQUADCAST_REFRESH_TOKEN: "rt-env" },
      (s) => s.squadcast.refreshToken,
      "rt-env",
    ],
    ["region eu from config", { "squadcast:region": "eu" }, {}, (s) => s.squadcast.region, "eu"],
    ["region from env", {}, { SQUADCAST_REGION: "eu" }, (s) => s.squadcast.region, "eu"],
    ["region in capitals", { "squadcast:region": "EU" }, {}, (s) => s.squadcast.region, "eu"],
    [
      "EU API URL",
      { "squadcast:region": "eu" },
      {},
      (s) => s.squadcast.apiUrl,
      "https://api.eu.squadcast.com",
    ],
    [
      "EU auth URL",
      { "squadcast:region": "eu" },
      {},
      (s) => s.squadcast.authUrl,
      "https://auth.eu.squadcast.com",
    ],
    [
      "EU ingestion URL",
      { "squadcast:region": "eu" },
      {},
      (s) => s.squadcast.ingestionUrl,
      "https://api.eu.squadcast.com",
    ],
    [
      "Heroku URL override",
      {},
      { HEROKU_API_URL: "http://127.0.0.1:4000/heroku/" },
      (s) => s.heroku.apiUrl,
      "http://127.0.0.1:4000/heroku",
    ],
    [
      "Squadcast API override",
      {},
      { SQUADCAST_API_URL: "http://127.0.0.1:4000" },
      (s) => s.squadcast.apiUrl,
      "http://127.0.0.1:4000",
    ],
    [
      "ingestion follows the API override",
      {},
      { SQUADCAST_API_URL: "http://127.0.0.1:4000" },
      (s) => s.squadcast.ingestionUrl,
      "http://127.0.0.1:4000",
    ],
    [
      "auth override",
      {},
      { SQUADCAST_AUTH_URL: "http://127.0.0.1:4001" },
      (s) => s.squadcast.authUrl,
      "http://127.0.0.1:4001",
    ],
    [
      "override beats region",
      { "squadcast:region": "eu" },
      { SQUADCAST_AUTH_URL: "http://127.0.0.1:4001" },
      (s) => s.squadcast.authUrl,
      "http://127.0.0.1:4001",
    ],
    [
      "Squadcast API URL from the package's own config key",
      { "herokuSquadcast:squadcastApiUrl": "http://localhost:9" },
      { SQUADCAST_API_URL: "http://127.0.0.1:4000" },
      (s) => s.squadcast.apiUrl,
      "http://localhost:9",
    ],
    [
      "Heroku API URL from the package's own config key",
      { "herokuSquadcast:herokuApiUrl": "http://localhost:7" },
      {},
      (s) => s.heroku.apiUrl,
      "http://localhost:7",
    ],
    [
      "Squadcast auth URL from the package's own config key",
      { "herokuSquadcast:squadcastAuthUrl": "http://localhost:8" },
      {},
      (s) => s.squadcast.authUrl,
      "http://localhost:8",
    ],
  ])("reads %s", (_case, config, env, pick, expected) => {
    expect(pick(resolve(config, env))).toBe(expected);
  });

  it.each<[string, Config, NodeJS.ProcessEnv, string]>([
    ["a region typo in config", { "squadcast:region": "ue" }, {}, "squadcast:region must be us or eu"],
    ["a region typo in env", {}, { SQUADCAST_REGION: "europe" }, "SQUADCAST_REGION must be us or eu"],
    [
      "a URL that is not a URL",
      {},
      { HEROKU_API_URL: "api.heroku.com" },
      "HEROKU_API_URL must be an http or https URL such as http://127.0.0.1:4000",
    ],
    [
      "a URL with another scheme",
      {},
      { SQUADCAST_API_URL: "ftp://x" },
      "SQUADCAST_API_URL must be an http or https URL such as http://127.0.0.1:4000",
    ],
    [
      "a URL with credentials, without echoing them",
      {},
      { SQUADCAST_AUTH_URL: "https://user:pa55word@auth.squadcast.com" },
      "SQUADCAST_AUTH_URL must not contain a user name or password: give credentials in their own settings",
    ],
  ])("rejects %s", (_case, config, env, message) => {
    expect(() => resolve(config, env)).toThrow(new InvalidSettingError("", message));
    expect(() => resolve(config, env)).toThrow(InvalidSettingError);
  });

  it("reads process.env when no environment is given", () => {
    const saved = process.env.SQUADCAST_REGION;
    process.env.SQUADCAST_REGION = "eu";
    try {
      expect(resolveProviderSettings(() => undefined).squadcast.region).toBe("eu");
    } finally {
      if (saved === undefined) delete process.env.SQUADCAST_REGION;
      else process.env.SQUADCAST_REGION = saved;
    }
  });
});

describe("required credentials", () => {
  it("returns the credentials when set", () => {
    const settings = resolve({ "heroku:apiKey": "k-1234", "squadcast:refreshToken": "rt-5678" });
    expect(requireHerokuApiKey(settings)).toBe("k-1234");
    expect(requireSquadcastRefreshToken(settings)).toBe("rt-5678");
  });

  it("says exactly how to set a missing Heroku API key", () => {
    const settings = resolve({ "squadcast:refreshToken": "rt-5678" });
    expect(() => requireHerokuApiKey(settings)).toThrow(MissingCredentialError);
    expect(() => requireHerokuApiKey(settings)).toThrow(
      "Heroku API key is missing: run `pulumi config set --secret heroku:apiKey <key>` or set HEROKU_API_KEY.",
    );
  });

  it("names each missing credential by the config key of the front door that read the settings", () => {
    const settings = resolveProviderSettings(() => undefined, {}, PLUGIN_CONFIG_KEY_NAMES);
    expect(() => requireHerokuApiKey(settings)).toThrow(
      "run `pulumi config set --secret heroku-squadcast:herokuApiKey <key>` or set HEROKU_API_KEY.",
    );
    expect(() => requireSquadcastRefreshToken(settings)).toThrow(
      "run `pulumi config set --secret heroku-squadcast:squadcastRefreshToken <token>`",
    );
  });

  it("says exactly how to set a missing Squadcast refresh token, without any other credential", () => {
    const settings = resolve({ "heroku:apiKey": "k-1234" });
    let caught: unknown;
    try {
      requireSquadcastRefreshToken(settings);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingCredentialError);
    expect((caught as MissingCredentialError).message).toBe(
      "Squadcast refresh token is missing: run `pulumi config set --secret squadcast:refreshToken <token>` or set SQUADCAST_REFRESH_TOKEN.",
    );
    expect(caught).toMatchObject({ configKey: "squadcast:refreshToken", envVar: "SQUADCAST_REFRESH_TOKEN" });
    expect(JSON.stringify(caught)).not.toContain("k-1234");
  });
});
