import { createHmac } from "node:crypto";
import { SANDBOX_FIXTURE, sentryHookUrl, startSandbox, type Sandbox } from "../src";
import { heroku, ingestionUrl, send, squadcastToken } from "../src/testing";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.admin.reset());

describe("the request log", () => {
  it("records every API request with its api, path and status, and never a credential", async () => {
    const token = await squadcastToken(sandbox);
    const [service] = await sandbox.admin.squadcastServices();
    await heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
      body: {
        include: ["api:build"],
        level: "notify",
        url: ingestionUrl(sandbox, service.api_key),
        secret: "whsec-123",
      },
    });
    await heroku(sandbox, "GET", "/apps/demo-app?key=sandbox-heroku-key");
    await send("GET", `${sandbox.urls.squadcast}/v3/teams/by-name?name=Default%20Team`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await sandbox.admin.simulateHerokuEvent("demo-app", {
      resource: "build",
      action: "update",
      data: { status: "failed", app: { name: "demo-app" } },
    });
    const hookUrl = sentryHookUrl(sandbox.urls.sentry, 1, SANDBOX_FIXTURE.sentry.releaseToken);
    const body = "{}";
    await send("POST", hookUrl, {
      rawBody: body,
      headers: {
        "content-type": "application/json",
        "heroku-webhook-hmac-sha256": createHmac("sha256", SANDBOX_FIXTURE.sentry.webhookSecret)
          .update(body)
          .digest("base64"),
      },
    });

    const log = await sandbox.admin.requests();
    expect(log.map((entry) => [entry.api, entry.method, entry.path, entry.status])).toEqual([
      ["squadcastAuth", "GET", "/oauth/access-token", 200],
      ["heroku", "POST", "/apps/demo-app/webhooks", 201],
      ["heroku", "GET", "/apps/demo-app", 200],
      ["squadcast", "GET", "/v3/teams/by-name", 200],
      ["ingestion", "POST", "/v1/incidents/heroku/***", 202],
      ["sentry", "POST", "/api/hooks/release/heroku/1/***/", 500],
    ]);
    expect(log.map((entry) => entry.seq)).toEqual([...log.map((entry) => entry.seq)].sort((a, b) => a - b));
    for (const entry of log) {
      expect(Object.keys(entry).sort()).toEqual([
        "api",
        "at",
        "delayMs",
        "durationMs",
        "method",
        "path",
        "seq",
        "status",
      ]);
    }
    const text = JSON.stringify(log);
    for (const secret of [
      service.api_key,
      token,
      "whsec-123",
      SANDBOX_FIXTURE.heroku.apiKey,
      SANDBOX_FIXTURE.squadcast.refreshToken,
      hookUrl.split("/").slice(-2)[0],
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("pages with since and can be cleared", async () => {
    await heroku(sandbox, "GET", "/apps/demo-app");
    await heroku(sandbox, "GET", "/apps/nope");
    const all = await sandbox.admin.requests();
    expect(all).toHaveLength(2);
    expect(await sandbox.admin.requests(all[0].seq)).toEqual([all[1]]);
    await sandbox.admin.clearRequests();
    expect(await sandbox.admin.requests()).toEqual([]);
    await heroku(sandbox, "GET", "/apps/demo-app");
    const [next] = await sandbox.admin.requests();
    expect(next.seq).toBeGreaterThan(all[1].seq);
  });
});
