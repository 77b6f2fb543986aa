import { MissingCredentialError, StoredCredentialError } from "../../../src/config";
import { ApiError, type ApiName } from "../../../src/http";
import { ProviderContext } from "../../../src/resource-kit/context";
import { withStoredCredentials } from "../../../src/resource-kit/stored-credentials";

const KEY = "hrku-stored-key-5d1c";

function apiError(api: ApiName, status: number): ApiError {
  return new ApiError({
    api,
    method: "DELETE",
    path: "/apps/a/webhooks/w",
    kind: "http",
    status,
    retryable: false,
  });
}

/** A context configured as the engine would on destroy: with the stored config, over the given environment. */
function contextWith(config: Record<string, string>, env: NodeJS.ProcessEnv = {}): ProviderContext {
  const context = new ProviderContext(env, () => undefined);
  context.configure((key) => config[key]);
  return context;
}

async function failureOf(context: ProviderContext, error: unknown): Promise<unknown> {
  return withStoredCredentials(context, () => Promise.reject(error)).then(
    () => "resolved",
    (failure: unknown) => failure,
  );
}

const FIX =
  "If you changed heroku:apiKey since, run `pulumi up` first, or `pulumi destroy --run-program` " +
  "(`pulumi refresh --run-program`), which run the program with the current config.";

describe("withStoredCredentials", () => {
  test("a Heroku 401 with the key from stored config says where it came from, that env does not override, and the fix", async () => {
    const failure = await failureOf(
      contextWith({ "heroku:apiKey": KEY }, { HEROKU_API_KEY: "env-key" }),
      apiError("Heroku", 401),
    );
    expect(failure).toBeInstanceOf(StoredCredentialError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Heroku API DELETE \/apps\/a\/webhooks\/w failed: 401\b/);
    expect(message).toContain(
      "pulumi destroy and pulumi refresh read stack config from the state, not from Pulumi.<stack>.yaml: " +
        "the heroku:apiKey used here came from the stack's state, as the last `pulumi up` stored it " +
        "(HEROKU_API_KEY does not override stack config).",
    );
    expect(message.endsWith(FIX)).toBe(true);
    expect(message).not.toContain(KEY);
    expect(failure).toMatchObject({ origin: "config", setting: { configKey: "heroku:apiKey" } });
  });

  test("a Heroku 401 with the key from the environment says the stored config had none", async () => {
    const failure = (await failureOf(
      contextWith({}, { HEROKU_API_KEY: KEY }),
      apiError("Heroku", 401),
    )) as Error;
    expect(failure.message).toContain(
      "the stack config in the stack's state (as the last `pulumi up` stored it) has no heroku:apiKey, so HEROKU_API_KEY was used.",
    );
    expect(failure.message).not.toContain(KEY);
  });

  test("a missing key says neither the stored config nor the environment has it, instead of `pulumi config set`", async () => {
    const failure = (await failureOf(
      contextWith({}),
      new MissingCredentialError("Heroku API key", "heroku:apiKey", "HEROKU_API_KEY", "key"),
    )) as Error;
    expect(failure.message).toBe(
      "Heroku API key is missing. pulumi destroy and pulumi refresh read stack config from the state, not from " +
        "Pulumi.<stack>.yaml: neither the stack config in the stack's state (as the last `pulumi up` stored it) " +
        "nor HEROKU_API_KEY has it. If you set heroku:apiKey since, run `pulumi up` first, or " +
        "`pulumi destroy --run-program` (`pulumi refresh --run-program`), which run the program with the " +
        "current config; or set HEROKU_API_KEY.",
    );
  });

  test.each<[ApiName, number]>([
    ["Squadcast auth", 401],
    ["Squadcast auth", 403],
    ["Squadcast", 401],
  ])("a refused Squadcast refresh token (%s %i) names squadcast:refreshToken", async (api, status) => {
    const failure = (await failureOf(
      contextWith({ "squadcast:refreshToken": KEY }),
      apiError(api, status),
    )) as Error;
    expect(failure).toBeInstanceOf(StoredCredentialError);
    expect(failure.message).toContain("If you changed squadcast:refreshToken since, run `pulumi up` first");
  });

  test.each<[string, unknown]>([
    ["a Heroku 403", apiError("Heroku", 403)],
    ["a Heroku 500", apiError("Heroku", 500)],
    ["a Squadcast 403", apiError("Squadcast", 403)],
    ["any other error", new Error("boom")],
  ])("%s passes unchanged", async (_name, error) => {
    expect(await failureOf(contextWith({ "heroku:apiKey": KEY }), error)).toBe(error);
  });

  test("a read or delete that succeeds returns its result", async () => {
    expect(await withStoredCredentials(contextWith({}), () => Promise.resolve(42))).toBe(42);
  });
});
