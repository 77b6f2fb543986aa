import { AppWebhookProvider } from "../../../src/heroku/app-webhook";
import type { AppWebhookInputs } from "../../../src/heroku/app-webhook-state";
import { ProviderContext } from "../../../src/resource-kit/context";
import { SANDBOX_FIXTURE, type FaultSpec } from "heroku-squadcast-sandbox";
import { AlertSourceProvider } from "../../../src/squadcast/alert-source";
import type { AlertSourceInputs } from "../../../src/squadcast/alert-source-state";
import { verifyIntegration, verifySettingsFromEnv } from "../../../src/verify";
import { useSandbox } from "../../support/use-sandbox";
import { failureOf as failureOfCall } from "../../support/failure-of";

// The bad-input table, API-time half: mistakes only the APIs can reveal, and APIs that answer badly.
// Each row runs the provider's create against the sandbox and expects one line that says what failed
// and what to fix, with no credential in it, from an ordinary Error (never a TypeError or a crash).

/** What a proxy in front of an API answers when the API is down. */
const html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

const sandbox = useSandbox();
let demoServiceId: string;

beforeEach(async () => {
  await sandbox.admin.createSquadcastService("other-service", "Other Team");
  demoServiceId = (await sandbox.admin.squadcastServices()).find(
    (service) => service.name === "demo-service",
  )!.id;
});

/** Providers on a context of their own (nothing remembered between rows), with env overrides. */
function providers(env: Record<string, string | undefined> = {}) {
  const context = new ProviderContext({ ...sandbox.env, ...env });
  return { webhooks: new AppWebhookProvider(context), alertSources: new AlertSourceProvider(context) };
}

const WEBHOOK: AppWebhookInputs = {
  app: "demo-app",
  url: "https://example.com/hook",
  entities: { "api:build": true },
  level: "notify",
};
const HEROKU_SOURCE: AlertSourceInputs = {
  serviceName: "demo-service",
  team: "Default Team",
  shortName: "heroku",
};

/** The message of the error `promise` rejects with, checked to be a plain one-line Error with no credential. */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await failureOfCall(promise);
  expect(["Error", "ApiError", "MissingCredentialError", "InvalidSettingError"]).toContain(error.name);
  expect(error.message).not.toContain("\n");
  for (const secret of [SANDBOX_FIXTURE.heroku.apiKey, SANDBOX_FIXTURE.squadcast.refreshToken]) {
    expect(error.message).not.toContain(secret);
  }
  return error.message;
}

describe("entities the APIs do not know", () => {
  test("an unknown Heroku app", async () => {
    const message = await failureOf(providers().webhooks.create({ ...WEBHOOK, app: "no-such-app" }));
    expect(message).toMatch(
      /^Heroku API GET \/apps\/no-such-app\/webhooks failed: 404 not_found: Couldn't find that app\. \(request id [0-9a-f-]+\)\. Check the app name or id and that the API key's account can see it$/,
    );
  });

  test("an unknown team", async () => {
    const message = await failureOf(
      providers().alertSources.create({ ...HEROKU_SOURCE, team: "No Such Team" }),
    );
    expect(message).toBe('Squadcast team "No Such Team" not found: check service.team (a team name or id)');
  });

  test("an unknown service name", async () => {
    const message = await failureOf(
      providers().alertSources.create({ ...HEROKU_SOURCE, serviceName: "no-such-service" }),
    );
    expect(message).toBe(
      'Squadcast service "no-such-service" not found in team Default Team: check service.name',
    );
  });

  test("an unknown service id", async () => {
    const message = await failureOf(
      providers().alertSources.create({ serviceId: "0123456789abcdef01234567", shortName: "heroku" }),
    );
    expect(message).toBe("Squadcast service 0123456789abcdef01234567 not found: check service.id");
  });

  test("a service named in a team that does not own it", async () => {
    const message = await failureOf(
      providers().alertSources.create({ ...HEROKU_SOURCE, serviceName: "other-service" }),
    );
    expect(message).toBe(
      'Squadcast service "other-service" not found in team Default Team: check service.name',
    );
  });

  test("a service id guarded by another team", async () => {
    const message = await failureOf(
      providers().alertSources.create({ serviceId: demoServiceId, team: "Other Team", shortName: "heroku" }),
    );
    expect(message).toBe(
      "Squadcast service demo-service belongs to another team than Other Team: check service.team",
    );
  });

  test("an alert source type missing from the catalog", async () => {
    const message = await failureOf(
      providers().alertSources.create({ ...HEROKU_SOURCE, shortName: "pagerduty" }),
    );
    expect(message).toBe(
      'Squadcast has no alert source type "pagerduty" in its catalog: check shortName (e.g. heroku)',
    );
    // Nothing was changed on the service.
    expect(
      (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName),
    ).toEqual(["datadog"]);
  });
});

describe("missing or invalid credentials", () => {
  test("a Heroku API key Heroku does not accept", async () => {
    const message = await failureOf(
      providers({ HEROKU_API_KEY: "not-the-right-key-123" }).webhooks.create(WEBHOOK),
    );
    expect(message).toMatch(
      /^Heroku API GET \/apps\/demo-app\/webhooks failed: 401 unauthorized: .*Check the Heroku API key \(heroku:apiKey or HEROKU_API_KEY\); `heroku authorizations:create` makes a new one$/,
    );
    expect(message).not.toContain("not-the-right-key-123");
  });

  test("a Squadcast refresh token Squadcast does not accept", async () => {
    const message = await failureOf(
      providers({ SQUADCAST_REFRESH_TOKEN: "revoked-refresh-token-456" }).alertSources.create(HEROKU_SOURCE),
    );
    expect(message).toBe(
      "Squadcast rejected the refresh token (401): create a new one in Squadcast under Profile → API Refresh Token " +
        "(or Settings → API Tokens) and set squadcast:refreshToken (`pulumi config set --secret squadcast:refreshToken " +
        "<token>`) or SQUADCAST_REFRESH_TOKEN",
    );
  });

  test("no Heroku API key at all", async () => {
    const message = await failureOf(providers({ HEROKU_API_KEY: undefined }).webhooks.create(WEBHOOK));
    expect(message).toBe(
      "Heroku API key is missing: run `pulumi config set --secret heroku:apiKey <key>` or set HEROKU_API_KEY.",
    );
  });
});

describe("APIs that answer badly", () => {
  const rows: [string, FaultSpec, () => Promise<unknown>, RegExp][] = [
    [
      "an HTML page instead of the webhook list",
      { target: "heroku", method: "GET", status: 200, body: html, contentType: "text/html", count: 1 },
      () => providers().webhooks.create(WEBHOOK),
      /^Heroku API GET \/apps\/demo-app\/webhooks returned a response that is not valid JSON \(200, text\/html, starts with "<!DOCTYPE html><html><head><title>502 Bad Gateway<\/title><\/h"\)\. Check that the Heroku API URL points at the API itself, not at a proxy or web page$/,
    ],
    [
      "truncated JSON",
      {
        target: "heroku",
        method: "GET",
        status: 200,
        body: '[{"id":"8f3a',
        contentType: "application/json",
        count: 1,
      },
      () => providers().webhooks.create(WEBHOOK),
      /^Heroku API GET \/apps\/demo-app\/webhooks returned a response that is not valid JSON \(200, application\/json, starts with "\[\{\\"id\\":\\"8f3a"\)\. /,
    ],
    [
      "Squadcast's catalog without its data envelope",
      {
        target: "squadcast",
        method: "GET",
        pathPattern: "^/v3/alert-sources$",
        status: 200,
        body: '{"alert_sources":[]}',
        contentType: "application/json",
        count: 1,
      },
      () => providers().alertSources.create(HEROKU_SOURCE),
      /^Squadcast API GET \/v3\/alert-sources returned a response that is not the expected shape \(data: .*\)\. The Squadcast API may have changed; please report this with the request above$/,
    ],
    [
      "an HTML page from the token exchange",
      { target: "squadcastAuth", status: 200, body: html, contentType: "text/html", count: 1 },
      () => providers().alertSources.create(HEROKU_SOURCE),
      /^Squadcast auth API GET \/oauth\/access-token returned a response that is not valid JSON \(200, text\/html, starts with "<!DOCTYPE html>.*"\)\. Check that the Squadcast auth API URL points at the API itself, not at a proxy or web page$/,
    ],
  ];

  test.each(rows)("%s", async (_row, fault, run, expected) => {
    await sandbox.admin.addFault(fault);
    expect(await failureOf(run())).toMatch(expected);
    // The bad answer was the only fault: the same call succeeds next time, nothing was left half-made.
    await expect(run()).resolves.toBeDefined();
  });
});

describe("a creation whose answer is unclear", () => {
  // A proxy's error page or a 2xx in the wrong shape may hide a webhook Heroku did make: the provider
  // settles it in the same run instead of failing, and the app ends with exactly one webhook for the URL.
  const faults: [string, FaultSpec][] = [
    [
      "a proxy's HTML error page",
      { target: "heroku", method: "POST", status: 502, body: html, contentType: "text/html", count: 1 },
    ],
    [
      "a webhook in the wrong shape",
      {
        target: "heroku",
        method: "POST",
        status: 201,
        body: '{"webhook":{"id":"x"}}',
        contentType: "application/json",
        count: 1,
      },
    ],
  ];

  test.each(faults)("%s: created once, in the same run", async (_fault, fault) => {
    await sandbox.admin.addFault(fault);
    const created = await providers().webhooks.create(WEBHOOK);
    const webhooks = (await sandbox.admin.herokuWebhooks("demo-app")).filter(
      (webhook) => webhook.url === WEBHOOK.url,
    );
    expect(webhooks.map((webhook) => webhook.id)).toEqual([created.id]);
  });
});

describe("ingestion refusing a delivery", () => {
  test("a 413 from Squadcast ingestion fails verify's test event with one line and no service key", async () => {
    const service = (await sandbox.admin.squadcastServices()).find(
      (candidate) => candidate.name === "demo-service",
    )!;
    const { alertSources, webhooks } = providers();
    const source = await alertSources.create(HEROKU_SOURCE);
    await webhooks.create({ ...WEBHOOK, url: source.outs!.webhookUrl });
    await sandbox.admin.addFault({ target: "ingestion", status: 413, count: 1 });

    const report = await verifyIntegration(
      {
        app: "demo-app",
        service: { name: "demo-service", team: "Default Team" },
        sendTestEvent: true,
        testEventResolveDelayMs: 0,
      },
      verifySettingsFromEnv(sandbox.env),
    );
    const testEvent = report.checks.find((check) => check.name === "test-event")!;
    expect(report.ok).toBe(false);
    expect(testEvent.ok).toBe(false);
    expect(testEvent.detail).toMatch(/^Squadcast API POST \/v1\/incidents\/heroku\/\*\*\* failed: 413\b/);
    expect(testEvent.detail).not.toContain("\n");
    expect(JSON.stringify(report)).not.toContain(service.api_key);
    // Every other check still ran and passed: one refused delivery does not hide the rest.
    expect(report.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(["test-event"]);
  });
});
