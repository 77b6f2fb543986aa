import { ENDPOINT_CONFIG_KEYS, resolveProviderSettings } from "../../../src/config";
import { ProviderContext } from "../../../src/resource-kit/context";

// No setting's error repeats its value: a credential pasted into the wrong setting (or a URL with a user
// part, whatever its scheme) must never reach a log or the engine's output.

const CREDENTIAL = "hrku-Cr3dential-7f3a9c2e5b1d";

// Every setting the provider reads, by stack config key (the 0.1 endpoint keys too) and environment variable.
const SETTINGS: readonly (readonly [configKey: string, envVar: string])[] = [
  ["heroku:apiKey", "HEROKU_API_KEY"],
  [ENDPOINT_CONFIG_KEYS.herokuApiUrl, "HEROKU_API_URL"],
  ["heroku:apiUrl", "HEROKU_API_URL"],
  ["squadcast:refreshToken", "SQUADCAST_REFRESH_TOKEN"],
  ["squadcast:region", "SQUADCAST_REGION"],
  [ENDPOINT_CONFIG_KEYS.squadcastApiUrl, "SQUADCAST_API_URL"],
  ["squadcast:apiUrl", "SQUADCAST_API_URL"],
  [ENDPOINT_CONFIG_KEYS.squadcastAuthUrl, "SQUADCAST_AUTH_URL"],
  ["squadcast:authUrl", "SQUADCAST_AUTH_URL"],
];

// Values of every shape that carry the credential: bare, in a URL's user or password part under several
// schemes, in a path, a query or a fragment, and a malformed URL around it.
const VALUES = [
  CREDENTIAL,
  `ftp://user:${CREDENTIAL}@host.example`,
  `https://user:${CREDENTIAL}@api.example.com`,
  `http://${CREDENTIAL}@127.0.0.1:4000`,
  `https://${CREDENTIAL}:x@api.example.com`,
  `ssh://git:${CREDENTIAL}@example.com/repo`,
  `mailto:${CREDENTIAL}@example.com`,
  `file:///home/${CREDENTIAL}`,
  `https://api.example.com/${CREDENTIAL}?token=${CREDENTIAL}#${CREDENTIAL}`,
  `https://user:${CREDENTIAL}@`,
  `  ${CREDENTIAL}  `,
];

/** The message a resolution throws, or undefined when the value is accepted. */
function messageOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message} ${String(error.stack)}` : String(error);
  }
}

describe.each(SETTINGS)("%s / %s with a credential in its value", (configKey, envVar) => {
  test.each(VALUES)("%s: any error leaves the credential out", (value) => {
    const fromConfig = messageOf(() =>
      resolveProviderSettings((key) => (key === configKey ? value : undefined), {}),
    );
    const fromEnv = messageOf(() => resolveProviderSettings(() => undefined, { [envVar]: value }));
    for (const message of [fromConfig, fromEnv]) {
      if (message !== undefined) expect(message).not.toContain(CREDENTIAL);
    }
  });
});

test("the URL settings refuse a user name or password whatever the scheme, naming the setting only", () => {
  const urlSettings = SETTINGS.filter(([configKey]) => /url$/i.test(configKey));
  for (const [configKey, envVar] of urlSettings) {
    for (const value of VALUES.filter((candidate) => /^\w+:\/\/[^/@]*@[^/]/.test(candidate))) {
      expect(messageOf(() => resolveProviderSettings(() => undefined, { [envVar]: value }))).toContain(
        `${envVar} must not contain a user name or password`,
      );
      expect(
        messageOf(() => resolveProviderSettings((key) => (key === configKey ? value : undefined), {})),
      ).toContain(`${configKey} must not contain a user name or password`);
    }
  }
});

test("the HTTP time limit's error leaves a credential out", () => {
  for (const value of VALUES) {
    const context = new ProviderContext({
      HEROKU_API_KEY: "key-1234",
      HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: value,
    });
    const message = messageOf(() => context.heroku());
    expect(message).toBeDefined();
    expect(message).not.toContain(CREDENTIAL);
  }
});
