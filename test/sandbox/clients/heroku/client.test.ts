import { inspect } from "node:util";
import { isNotFoundError } from "../../../../src/http";
import { HerokuClient, type HerokuClientOptions } from "../../../../src/clients/heroku/client";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { version as packageVersion } from "../../../../package.json";
import { json, startScriptedServer } from "../../../unit/http/scripted-server";
import { failure } from "../../../support/api-error";
import { useSandbox } from "../../../support/use-sandbox";

const APP = SANDBOX_FIXTURE.heroku.appName;
const API_KEY = SANDBOX_FIXTURE.heroku.apiKey;

const settings = {
  url: "https://example.com/hook",
  include: ["api:release", "api:build"],
  level: "notify" as const,
};

const sandbox = useSandbox();

function heroku(overrides: Partial<HerokuClientOptions> = {}): HerokuClient {
  return new HerokuClient({
    apiKey: API_KEY,
    apiUrl: sandbox.urls.heroku,
    baseRetryDelayMs: 10,
    maxRetryDelayMs: 2_000,
    ...overrides,
  });
}

describe("apps", () => {
  it("reads an app by name and by id", async () => {
    const byName = await heroku().getApp(APP);
    expect(byName.name).toBe(APP);
    expect(byName.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await heroku().getApp(byName.id)).toEqual(byName);
  });

  it("reports an unknown app as a 404 with Heroku's id, message and request id", async () => {
    const error = await failure(heroku().getApp("no-such-app"));
    expect(isNotFoundError(error)).toBe(true);
    expect(error.errorId).toBe("not_found");
    expect(error.requestId).toBeTruthy();
    expect(error.message).toMatch(
      new RegExp(
        `^Heroku API GET /apps/no-such-app failed: 404 not_found: .+ \\(request id ${error.requestId}\\)`,
      ),
    );
  });

  it("reports a wrong API key as a 401 with a hint, and never shows the key", async () => {
    const wrongKey = "wrong-heroku-key-123456";
    const error = await failure(heroku({ apiKey: wrongKey }).getApp(APP));
    expect(error.status).toBe(401);
    expect(error.message).toContain("Check the Heroku API key (heroku:apiKey or HEROKU_API_KEY)");
    for (const rendering of [error.message, JSON.stringify(error), inspect(error)]) {
      expect(rendering).not.toContain(wrongKey);
    }
  });

  it("sends the versioned Accept header, the bearer key and our User-Agent", async () => {
    const server = await startScriptedServer(json(200, { id: "app-1", name: APP }));
    try {
      await heroku({ apiUrl: server.url }).getApp(APP);
      expect(server.requests[0]?.headers).toMatchObject({
        accept: "application/vnd.heroku+json; version=3",
        authorization: `Bearer ${API_KEY}`,
        "user-agent": `pulumi-heroku-squadcast/${packageVersion}`,
      });
    } finally {
      await server.close();
    }
  });
});

describe("webhooks", () => {
  it("creates a webhook and returns the secret Heroku generated", async () => {
    const { webhook, generatedSecret } = await heroku().createWebhook(APP, settings);
    expect(webhook).toMatchObject({ url: settings.url, level: "notify", app: { name: APP } });
    expect([...webhook.include].sort()).toEqual(["api:build", "api:release"]);
    const [stored] = await sandbox.admin.herokuWebhooks(APP);
    expect(generatedSecret).toBeDefined();
    expect(stored?.secret).toBe(generatedSecret);
  });

  it("keeps the caller's secret and authorization and returns no generated secret", async () => {
    const created = await heroku().createWebhook(APP, {
      ...settings,
      secret: "my-secret-1",
      authorization: "Bearer abc",
    });
    expect(created.generatedSecret).toBeUndefined();
    const [stored] = await sandbox.admin.herokuWebhooks(APP);
    expect(stored).toMatchObject({ secret: "my-secret-1", authorization: "Bearer abc" });
  });

  it("reads, updates and deletes a webhook; afterwards it is a 404", async () => {
    const client = heroku();
    const { webhook } = await client.createWebhook(APP, settings);
    expect(await client.getWebhook(APP, webhook.id)).toEqual(webhook);

    const updated = await client.updateWebhook(APP, webhook.id, { level: "sync", include: ["api:release"] });
    expect(updated).toMatchObject({
      id: webhook.id,
      level: "sync",
      include: ["api:release"],
      url: settings.url,
    });

    const deleted = await client.deleteWebhook(APP, webhook.id);
    expect(deleted?.id).toBe(webhook.id);
    expect(isNotFoundError(await failure(client.getWebhook(APP, webhook.id)))).toBe(true);
    expect(isNotFoundError(await failure(client.deleteWebhook(APP, webhook.id)))).toBe(true);
  });

  it("rejects an unknown entity with Heroku's 422 invalid_params", async () => {
    const error = await failure(heroku().createWebhook(APP, { ...settings, include: ["api:nope"] }));
    expect(error).toMatchObject({ status: 422, errorId: "invalid_params", retryable: false });
    expect(error.message).toMatch(/^Heroku API POST \/apps\/demo-app\/webhooks failed: 422 invalid_params: /);
  });

  it("keeps the webhook secret out of errors about the request that carried it", async () => {
    const secret = "secret-sent-in-body-42";
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      status: 422,
      body: `bad secret ${secret}`,
    });
    const error = await failure(heroku().createWebhook(APP, { ...settings, secret }));
    expect(inspect(error)).not.toContain(secret);
  });

  it("lists every webhook across pages by following Next-Range", async () => {
    const client = heroku({ pageSize: 2 });
    const created = [];
    for (let index = 0; index < 5; index++) {
      created.push(
        (await client.createWebhook(APP, { ...settings, url: `https://example.com/${index}` })).webhook,
      );
    }
    const listed = await client.listWebhooks(APP);
    expect(listed.map((webhook) => webhook.id).sort()).toEqual(created.map((webhook) => webhook.id).sort());
    const pages = (await sandbox.admin.requests()).filter((entry) => entry.method === "GET");
    expect(pages.map((entry) => entry.status)).toEqual([206, 206, 200]);
  });

  it("lists deliveries of simulated events", async () => {
    const client = heroku();
    await client.createWebhook(APP, { ...settings, url: `${sandbox.urls.squadcast}/nowhere` });
    await sandbox.admin.simulateHerokuEvent(APP, {
      resource: "release",
      action: "create",
      data: { version: 2 },
    });
    const deliveries = await client.listWebhookDeliveries(APP);
    expect(deliveries.length).toBeGreaterThanOrEqual(1);
    expect(deliveries[0]).toMatchObject({ event: { include: "api:release" }, webhook: { level: "notify" } });
    expect(typeof deliveries[0]?.numAttempts).toBe("number");
  });

  it("reads the remaining rate limit", async () => {
    const remaining = await heroku().getRateLimitRemaining();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(4500);
  });
});

describe("retries against the sandbox", () => {
  it("retries a GET through injected 503s", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "GET", status: 503, count: 2 });
    await expect(heroku().getApp(APP)).resolves.toMatchObject({ name: APP });
  });

  it("retries a POST after a 429 with Retry-After and creates exactly one webhook", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      status: 429,
      retryAfterSeconds: 1,
      count: 1,
    });
    const started = Date.now();
    await heroku().createWebhook(APP, settings);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);
  });

  it("does not repeat a POST whose response was lost, so no duplicate is created", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      dropResponseAfterHandling: true,
      count: 1,
    });
    const error = await failure(heroku().createWebhook(APP, settings));
    expect(error.kind).toBe("network");
    expect(error.message).toContain("the server may have acted on it");
    // The create did happen: this is why the caller, not the HTTP layer, must decide what to do next.
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);
  });

  it("does not repeat a POST answered with 503", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "POST", status: 503 });
    const error = await failure(heroku().createWebhook(APP, settings));
    expect(error).toMatchObject({ status: 503, retryable: true });
    const posts = (await sandbox.admin.requests()).filter((entry) => entry.method === "POST");
    expect(posts).toHaveLength(1);
  });

  it("reports a POST that timed out without repeating it", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "POST", latencyMs: 1_000, count: 1 });
    const error = await failure(heroku({ timeoutMs: 200 }).createWebhook(APP, settings));
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("timed out after 200 ms");
  });

  // The sandbox injects bodies only with error statuses; malformed 2xx bodies are covered by the unit tests.
  it("reports a proxy's HTML error page with its status after the retries", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      method: "GET",
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      contentType: "text/html",
    });
    const error = await failure(heroku({ retries: 2 }).getApp(APP));
    expect(error).toMatchObject({ kind: "http", status: 502, retryable: true });
    expect(error.message).toMatch(
      /^Heroku API GET \/apps\/demo-app failed: 502: the response body is not JSON \(after 3 attempts\) \(request id [0-9a-f-]+\)\. The Heroku API had a problem; run again later$/,
    );
  });
});
