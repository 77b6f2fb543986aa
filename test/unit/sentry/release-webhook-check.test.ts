import { createHmac } from "node:crypto";
import type { AppWebhookInputs, AppWebhookState } from "../../../src/heroku/app-webhook-state";
import { ProviderContext } from "../../../src/resource-kit/context";
import { UNKNOWN_VALUE } from "../../../src/resource-kit/unknown";
import { ReleaseWebhookProvider } from "../../../src/sentry";

const SIGNATURE = createHmac("sha256", "token").update("heroku-42").digest("hex");
const HOOK_URL = `https://us.sentry.io/api/hooks/release/heroku/42/${SIGNATURE}/`;
const provider = new ReleaseWebhookProvider(new ProviderContext({}));

function inputs(overrides: Record<string, unknown> = {}): AppWebhookInputs {
  return {
    app: "demo-app",
    url: HOOK_URL,
    secret: "sentry-webhook-secret",
    ...overrides,
  } as unknown as AppWebhookInputs;
}

async function failuresOf(news: AppWebhookInputs): Promise<Record<string, string>> {
  const result = await provider.checkInputs(inputs(), news);
  return Object.fromEntries((result.failures ?? []).map(({ property, reason }) => [property, reason]));
}

describe("ReleaseWebhookProvider.check", () => {
  it("pins the entities to api:release and the level to notify, as Sentry's setup text does", async () => {
    const result = await provider.checkInputs(inputs(), inputs());
    expect(result.failures ?? []).toEqual([]);
    expect(result.inputs).toEqual({
      app: "demo-app",
      url: HOOK_URL,
      entities: { "api:release": true },
      level: "notify",
      secret: "sentry-webhook-secret",
    });
  });

  it("overrides other entities or a sync level that a JavaScript caller might pass", async () => {
    const result = await provider.checkInputs(
      inputs(),
      inputs({ entities: "all", include: ["dyno"], level: "sync" }),
    );
    expect(result.inputs).toMatchObject({ entities: { "api:release": true }, level: "notify" });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
  ])("requires the secret when it is %s, saying where Sentry shows it", async (_case, secret) => {
    const failures = await failuresOf(inputs({ secret }));
    expect(failures.secret).toMatch(/secret is required: paste the Webhook Secret from Sentry/);
    expect(failures.secret).not.toMatch(/omit it/);
  });

  it("refuses plain http to a public host, and a URL that is not a Sentry hook, in one failure", async () => {
    const failures = await failuresOf(inputs({ url: "http://hooks.example.com/not-sentry" }));
    expect(failures.url).toMatch(/must use https/);
    expect(failures.url).toMatch(/Sentry Heroku release hook/);
    expect(failures.url).not.toContain("hooks.example.com");
  });

  it("accepts plain http to a loopback address (the sandbox)", async () => {
    const url = `http://127.0.0.1:4013/api/hooks/release/heroku/42/${SIGNATURE}/`;
    expect(await failuresOf(inputs({ url }))).toEqual({});
  });

  it("never echoes the signature of a malformed hook URL", async () => {
    const failures = await failuresOf(inputs({ url: HOOK_URL.slice(0, -1) }));
    expect(failures.url).toMatch(/end with a slash/);
    expect(JSON.stringify(failures)).not.toContain(SIGNATURE);
  });

  it("lets a URL that is not known yet (a preview) through", async () => {
    expect(await failuresOf(inputs({ url: UNKNOWN_VALUE }))).toEqual({});
  });

  it("still checks what the app webhook checks, such as the app name", async () => {
    const failures = await failuresOf(inputs({ app: "Not An App!" }));
    expect(failures.app).toMatch(/Heroku app name/);
  });
});

describe("ReleaseWebhookProvider.diff (the app webhook's)", () => {
  const state = {
    ...inputs(),
    entities: { "api:release": true },
    level: "notify",
    webhookId: "w",
    appId: "a",
    appName: "demo-app",
  } as unknown as AppWebhookState;

  it("updates a new secret in place", async () => {
    const diff = await provider.diff("w", state, {
      ...inputs({ secret: "rotated" }),
      entities: { "api:release": true },
      level: "notify",
    } as AppWebhookInputs);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
  });

  it("replaces the webhook for another app", async () => {
    const diff = await provider.diff("w", state, {
      ...inputs({ app: "other-app" }),
      entities: { "api:release": true },
      level: "notify",
    } as AppWebhookInputs);
    expect(diff.replaces).toEqual(["app"]);
  });
});
