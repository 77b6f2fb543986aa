import {
  ENDPOINT_CONFIG_KEYS,
  InvalidSettingError,
  resolveProviderSettings,
  type ProviderSettings,
} from "../../../src/config";
import { ProviderContext } from "../../../src/resource-kit/context";

// No setting's error repeats its value: a credential pasted into the wrong setting (or a URL with a user
// part, whatever its scheme) must never reach a log or the engine's output.

const CREDENTIAL = "hrku-Cr3dential-7f3a9c2e5b1d";

// Every setting the provider reads, by stack config key and environment variable.
const SETTINGS: readonly (readonly [configKey: string, envVar: string])[] = [
  ["heroku:apiKey", "HEROKU_API_KEY"],
  [ENDPOINT_CONFIG_KEYS.herokuApiUrl, "HEROKU_API_URL"],
  ["squadcast:refreshToken", "SQUADCAST_REFRESH_TOKEN"],
  ["squadcast:region", "SQUADCAST_REGION"],
  [ENDPOINT_CONFIG_KEYS.squadcastApiUrl, "SQUADCAST_API_URL"],
  [ENDPOINT_CONFIG_KEYS.squadcastAuthUrl, "SQUADCAST_AUTH_URL"],
];

type Outcome = "accepted" | "not-a-url" | "user-part" | "cleartext";

// Values of every shape that carry the credential: bare, in a URL's user or password part under several
// schemes, in a path, a query or a fragment, and a malformed URL around it. Each says what a URL setting
// must do with it; the hosts are under `.invalid`, which never resolves, so a bug cannot send them anywhere.
const CREDENTIAL_SHAPES: readonly (readonly [value: string, asUrl: Outcome])[] = [
  [CREDENTIAL, "not-a-url"],
  [`ftp://user:${CREDENTIAL}@host.invalid`, "user-part"],
  [`https://user:${CREDENTIAL}@api.example.invalid`, "user-part"],
  [`http://${CREDENTIAL}@127.0.0.1:4000`, "user-part"],
  [`https://${CREDENTIAL}:x@api.example.invalid`, "user-part"],
  [`ssh://git:${CREDENTIAL}@example.invalid/repo`, "user-part"],
  [`mailto:${CREDENTIAL}@example.invalid`, "not-a-url"],
  [`file:///home/${CREDENTIAL}`, "not-a-url"],
  [`https://api.example.invalid/${CREDENTIAL}?token=${CREDENTIAL}#${CREDENTIAL}`, "accepted"],
  [`https://user:${CREDENTIAL}@`, "not-a-url"],
  [`  ${CREDENTIAL}  `, "not-a-url"],
];

// Plain http to hosts that are not loopback addresses (some carrying the credential in the host, the
// path or the query), and to loopback addresses written every way the URL parser accepts.
const HTTP_SHAPES: readonly (readonly [value: string, asUrl: Outcome])[] = [
  ["http://heroku-api.invalid:8080", "cleartext"],
  [`http://${CREDENTIAL}.invalid/`, "cleartext"],
  [`http://api.example.invalid/${CREDENTIAL}?token=${CREDENTIAL}`, "cleartext"],
  ["http://127.0.0.1.invalid:4000", "cleartext"],
  ["http://localhost.invalid:4000", "cleartext"],
  ["HTTP://SANDBOX.INVALID", "cleartext"],
  ["http://127.0.0.1:4000", "accepted"],
  ["http://127.1.2.3:4000/base/", "accepted"],
  ["http://127.1:4000", "accepted"],
  ["http://localhost:4000", "accepted"],
  ["http://LOCALHOST:4000", "accepted"],
  ["http://[::1]:4000", "accepted"],
  ["http://[::ffff:127.0.0.1]:4000", "accepted"],
];

const VALUES = [...CREDENTIAL_SHAPES, ...HTTP_SHAPES];

/** What a resolution did: the value the setting resolved to, or the message (and whole text) of its refusal. */
function resolutionOf(
  configKey: string,
  run: () => ProviderSettings,
): { accepted: string | undefined } | { refused: string; text: string } {
  try {
    return { accepted: resolvedValue(configKey, run()) };
  } catch (error) {
    if (!(error instanceof InvalidSettingError)) throw error;
    return { refused: error.message, text: `${error.name}: ${error.message} ${String(error.stack)}` };
  }
}

/** The value a setting resolved to, read from where each setting lands. */
function resolvedValue(configKey: string, settings: ProviderSettings): string | undefined {
  const byKey: Record<string, string | undefined> = {
    "heroku:apiKey": settings.heroku.apiKey,
    "squadcast:refreshToken": settings.squadcast.refreshToken,
    "squadcast:region": settings.squadcast.region,
    [ENDPOINT_CONFIG_KEYS.herokuApiUrl]: settings.heroku.apiUrl,
    [ENDPOINT_CONFIG_KEYS.squadcastApiUrl]: settings.squadcast.apiUrl,
    [ENDPOINT_CONFIG_KEYS.squadcastAuthUrl]: settings.squadcast.authUrl,
  };
  return byKey[configKey];
}

/**
 * What one setting must do with one value: credentials are taken as given (without surrounding blanks),
 * the region refuses them all, and a URL setting does what the value's table says. A refusal's whole
 * text (name, message, stack) never holds the credential.
 */
function expectedResolution(configKey: string, setting: string, value: string, asUrl: Outcome): unknown {
  const refused = (message: string) => ({ refused: message, text: expect.not.stringContaining(CREDENTIAL) });
  if (configKey === "squadcast:region") return refused(`${setting} must be us or eu`);
  if (!/url$/i.test(configKey)) return { accepted: value.trim() };
  switch (asUrl) {
    case "accepted":
      return { accepted: value.replace(/\/+$/, "") };
    case "not-a-url":
      return refused(`${setting} must be an http or https URL such as http://127.0.0.1:4000`);
    case "user-part":
      return refused(
        `${setting} must not contain a user name or password: give credentials in their own settings`,
      );
    case "cleartext":
      return refused(
        `${setting} must use https: plain http is accepted only to a loopback address (127.0.0.0/8, ::1, ` +
          "localhost), because the API key or token sent to it would otherwise cross the network in clear text",
      );
  }
}

describe.each(SETTINGS)("%s / %s", (configKey, envVar) => {
  test.each(VALUES)("%s: taken as given, or refused without repeating it", (value, asUrl) => {
    const fromConfig = resolutionOf(configKey, () =>
      resolveProviderSettings((key) => (key === configKey ? value : undefined), {}),
    );
    const fromEnv = resolutionOf(configKey, () =>
      resolveProviderSettings(() => undefined, { [envVar]: value }),
    );
    expect(fromConfig).toEqual(expectedResolution(configKey, configKey, value, asUrl));
    expect(fromEnv).toEqual(expectedResolution(configKey, envVar, value, asUrl));
  });
});

test("every kind of outcome is generated for the URL settings, so none of the branches above is idle", () => {
  const kinds = new Set(VALUES.map(([, asUrl]) => asUrl));
  expect([...kinds].sort()).toEqual(["accepted", "cleartext", "not-a-url", "user-part"]);
});

/** The message a call throws, with its name and stack, or undefined when it does not throw. */
function messageOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message} ${String(error.stack)}` : String(error);
  }
}

test("the HTTP time limit's error leaves a credential out", () => {
  for (const [value] of CREDENTIAL_SHAPES) {
    const context = new ProviderContext({
      HEROKU_API_KEY: "key-1234",
      HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: value,
    });
    const message = messageOf(() => context.heroku());
    expect(message).toBeDefined();
    expect(message).not.toContain(CREDENTIAL);
  }
});
