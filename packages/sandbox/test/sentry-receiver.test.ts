import { createHmac } from "node:crypto";
import { SANDBOX_FIXTURE, sentryHookUrl, startSandbox, type Sandbox } from "../src";
import { send } from "../src/testing";

let sandbox: Sandbox;
let hookUrl: string;
const { projectId, releaseToken, webhookSecret } = SANDBOX_FIXTURE.sentry;
const commit = "3c6ab0de4a5bd59f1bb6e1a8f5ac0e1f0a1b2c3d";

beforeAll(async () => {
  sandbox = await startSandbox();
  hookUrl = sentryHookUrl(sandbox.urls.sentry, projectId, releaseToken);
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.admin.reset());

function release(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return JSON.stringify({
    action: "update",
    resource: "release",
    data: {
      app: { name: "demo-app" },
      slug: { id: "s", commit },
      user: { email: "Dev@Example.com" },
      status: "succeeded",
      ...data,
    },
    ...overrides,
  });
}

function post(body: string, url = hookUrl, secret: string | null = webhookSecret) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null)
    headers["heroku-webhook-hmac-sha256"] = createHmac("sha256", secret).update(body).digest("base64");
  return send("POST", url, { rawBody: body, headers });
}

describe("sentryHookUrl", () => {
  it("signs heroku-<projectId> with the release token, in hex, with a trailing slash", () => {
    const signature = createHmac("sha256", "token").update("heroku-42").digest("hex");
    expect(sentryHookUrl("https://us.sentry.io/", 42, "token")).toBe(
      `https://us.sentry.io/api/hooks/release/heroku/42/${signature}/`,
    );
  });
});

describe("the Sentry Heroku release hook", () => {
  it("creates a release owned by the matched member, and a deploy to production, for a signed update", async () => {
    const response = await post(release());
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(await sandbox.admin.sentryReleases()).toEqual([
      expect.objectContaining({
        version: commit,
        projects: ["demo"],
        owner: "dev@example.com",
        url: "http://demo-app.herokuapp.com",
      }),
    ]);
    expect(await sandbox.admin.sentryDeploys()).toEqual([
      expect.objectContaining({ version: commit, project: "demo", environment: "production" }),
    ]);
    await post(release());
    expect(await sandbox.admin.sentryReleases()).toHaveLength(1);
    expect(await sandbox.admin.sentryDeploys()).toHaveLength(2);
  });

  it("accepts the URL without its trailing slash", async () => {
    expect((await post(release(), hookUrl.replace(/\/$/, ""))).status).toBe(204);
    expect(await sandbox.admin.sentryReleases()).toHaveLength(1);
  });

  it("answers 404 for an unknown project and 403 for a wrong URL signature", async () => {
    expect((await post(release(), sentryHookUrl(sandbox.urls.sentry, 99, releaseToken))).status).toBe(404);
    expect((await post(release(), hookUrl.replace("/1/", "/abc/"))).status).toBe(404);
    expect((await post(release(), sentryHookUrl(sandbox.urls.sentry, projectId, "other-token"))).status).toBe(
      403,
    );
    expect(await sandbox.admin.sentryReleases()).toEqual([]);
  });

  it("drops a delivery with a wrong body signature with 204 and records it as rejected", async () => {
    const response = await post(release(), hookUrl, "not-the-secret");
    expect(response.status).toBe(204);
    expect(await sandbox.admin.sentryReleases()).toEqual([]);
    expect(await sandbox.admin.sentryHookOutcomes()).toEqual([
      expect.objectContaining({ projectId, outcome: "rejected", reason: "body signature mismatch" }),
    ]);
  });

  it("answers 401 instead in strict mode, and 500 when the signature header is missing", async () => {
    await sandbox.admin.createSentryProject({
      id: 7,
      slug: "strict",
      webhookSecret: "strict-secret",
      releaseToken: "strict-token",
      strictSignatures: true,
    });
    const strictUrl = sentryHookUrl(sandbox.urls.sentry, 7, "strict-token");
    expect((await post(release(), strictUrl, "wrong")).status).toBe(401);
    expect((await post(release(), hookUrl, null)).status).toBe(500);
  });

  it("ignores non-update actions and releases without a slug", async () => {
    expect((await post(release({ action: "create" }))).status).toBe(204);
    expect((await post(release({}, { slug: null }))).status).toBe(204);
    expect(await sandbox.admin.sentryReleases()).toEqual([]);
    expect((await sandbox.admin.sentryHookOutcomes()).map((outcome) => outcome.outcome)).toEqual([
      "ignored",
      "ignored",
    ]);
  });

  it("answers 400 for an invalid version", async () => {
    const response = await post(release({}, { slug: { commit: "latest" } }));
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: "Invalid release version: latest" });
  });

  it("creates a release without deploy when the deployer is not a member, and uses the project environment", async () => {
    await post(release({}, { user: { email: "stranger@example.com" } }));
    expect(await sandbox.admin.sentryReleases()).toEqual([expect.objectContaining({ owner: null })]);
    expect(await sandbox.admin.sentryDeploys()).toEqual([]);

    await sandbox.admin.createSentryProject({
      slug: "staging",
      webhookSecret: "s",
      releaseToken: "t",
      environment: "staging",
      members: ["dev@example.com"],
    });
    const projects = await send("GET", `${sandbox.urls.admin}/__sandbox/sentry/projects`);
    const staging = (projects.json as { id: string; slug: string }[]).find(
      (project) => project.slug === "staging",
    )!;
    expect(staging.id).toBe("2");
    await post(release(), sentryHookUrl(sandbox.urls.sentry, staging.id, "t"), "s");
    expect((await sandbox.admin.sentryDeploys()).map((deploy) => deploy.environment)).toEqual([
      "staging",
      "staging",
    ]);
  });
});

describe("Heroku release webhooks into the Sentry sandbox", () => {
  it("turn a Heroku release update into a Sentry release and deploy", async () => {
    const created = await send("POST", `${sandbox.urls.heroku}/apps/demo-app/webhooks`, {
      headers: {
        accept: "application/vnd.heroku+json; version=3",
        authorization: `Bearer ${sandbox.env.HEROKU_API_KEY}`,
      },
      body: { include: ["api:release"], level: "notify", url: hookUrl, secret: webhookSecret },
    });
    expect(created.status).toBe(201);
    const result = await sandbox.admin.simulateHerokuEvent("demo-app", {
      resource: "release",
      action: "update",
      data: {
        app: { name: "demo-app" },
        slug: { commit },
        user: { email: "dev@example.com" },
        status: "succeeded",
      },
      previous_data: { status: "pending" },
    });
    expect(result.deliveries).toEqual([expect.objectContaining({ status: "succeeded", code: 204 })]);
    expect(await sandbox.admin.sentryDeploys()).toEqual([expect.objectContaining({ version: commit })]);
  });
});

describe("a Sentry whose Heroku plugin is gone", () => {
  it.each([404, 410] as const)(
    "answers %i to every hook URL, valid or not, records nothing, and serves the hook again after reset",
    async (status) => {
      await sandbox.admin.removeSentryHook(status);
      expect((await post(release())).status).toBe(status);
      expect((await post(release(), hookUrl.replace(/[0-9a-f]{64}/, "0".repeat(64)))).status).toBe(status);
      expect(await sandbox.admin.sentryReleases()).toEqual([]);
      expect(await sandbox.admin.sentryHookOutcomes()).toEqual([]);
      await sandbox.admin.reset();
      expect((await post(release())).status).toBe(204);
    },
  );
});
