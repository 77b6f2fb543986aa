import Ajv from "ajv";
import addFormats from "ajv-formats";
import { APP_WEBHOOK_CREATE_SCHEMA, SANDBOX_FIXTURE, startSandbox, type Sandbox } from "../src";
import { heroku, send } from "../src/testing";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.admin.reset());

const validWebhook = { include: ["api:build"], level: "notify", url: "http://127.0.0.1:1/hook" };

describe("Heroku request conventions", () => {
  it("answers 406 not_acceptable without the versioned Accept header, and accepts its variants", async () => {
    for (const accept of [undefined, "application/json", "application/vnd.heroku+json; version=2"]) {
      const headers: Record<string, string> = { authorization: "Bearer sandbox-heroku-key" };
      if (accept) headers.accept = accept;
      const response = await send("GET", `${sandbox.urls.heroku}/apps/demo-app`, { headers });
      expect(response.status).toBe(406);
      expect(response.json).toMatchObject({ id: "not_acceptable" });
    }
    for (const accept of [
      "application/vnd.heroku+json; version=3.webhooks",
      "application/vnd.heroku+json; version=3; charset=utf-8",
      "text/html, application/vnd.heroku+json;version=3",
    ]) {
      expect((await heroku(sandbox, "GET", "/apps/demo-app", { headers: { accept } })).status).toBe(200);
    }
  });

  it("answers 401 with Heroku's message for a missing or wrong key, and accepts Basic auth", async () => {
    const wrong = await heroku(sandbox, "GET", "/apps/demo-app", {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ id: "unauthorized", message: "Invalid credentials provided." });
    const missing = await send("GET", `${sandbox.urls.heroku}/apps/demo-app`, {
      headers: { accept: "application/vnd.heroku+json; version=3" },
    });
    expect(missing.status).toBe(401);
    const basic = `Basic ${Buffer.from(":sandbox-heroku-key").toString("base64")}`;
    expect(
      (await heroku(sandbox, "GET", "/apps/demo-app", { headers: { authorization: basic } })).status,
    ).toBe(200);
  });

  it("refuses the old key after the admin API rotates it, accepts the new one, and reset restores the fixture's", async () => {
    const rotated = await sandbox.admin.rotateHerokuApiKey();
    const withKey = (key: string) =>
      heroku(sandbox, "GET", "/apps/demo-app", { headers: { authorization: `Bearer ${key}` } });
    expect((await withKey(SANDBOX_FIXTURE.heroku.apiKey)).status).toBe(401);
    expect((await withKey(rotated)).status).toBe(200);
    await sandbox.admin.reset();
    expect((await withKey(SANDBOX_FIXTURE.heroku.apiKey)).status).toBe(200);
    expect((await withKey(rotated)).status).toBe(401);
  });

  it("sends Request-Id (echoing the client's), RateLimit-Remaining and the JSON content type", async () => {
    const echoed = await heroku(sandbox, "GET", "/apps/demo-app", {
      headers: { "request-id": "client-123" },
    });
    expect(echoed.headers.get("request-id")).toBe("client-123");
    expect(echoed.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const generated = await heroku(sandbox, "GET", "/apps/nope");
    expect(generated.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(generated.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
  });

  it("finds apps by name or id and answers 404 not_found otherwise", async () => {
    const byName = await heroku(sandbox, "GET", "/apps/demo-app");
    const app = byName.json as { id: string; name: string };
    expect(app.name).toBe(SANDBOX_FIXTURE.heroku.appName);
    expect((await heroku(sandbox, "GET", `/apps/${app.id}`)).json).toMatchObject({ name: "demo-app" });
    const missing = await heroku(sandbox, "GET", "/apps/no-such-app");
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ id: "not_found", message: "Couldn't find that app." });
  });

  it("answers malformed JSON with 400 bad_request and unknown routes with 404, and keeps serving", async () => {
    const malformed = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
      rawBody: '{"include": [',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ id: "bad_request" });
    const unknown = await heroku(sandbox, "GET", "/no/such/route");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ id: "not_found" });
    expect(unknown.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(unknown.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    expect((await heroku(sandbox, "GET", "/apps/demo-app")).status).toBe(200);
  });
});

describe("app webhooks", () => {
  it("creates, reads, lists, updates and deletes a webhook without ever returning its secrets", async () => {
    const created = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
      body: { ...validWebhook, secret: "s3cret-value", authorization: "Bearer hook-token" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("heroku-webhook-secret")).toBeNull();
    const webhook = created.json as Record<string, unknown>;
    expect(Object.keys(webhook).sort()).toEqual([
      "app",
      "created_at",
      "id",
      "include",
      "level",
      "updated_at",
      "url",
    ]);
    expect(created.text).not.toContain("s3cret-value");
    expect(created.text).not.toContain("hook-token");

    const path = `/apps/demo-app/webhooks/${webhook.id as string}`;
    expect((await heroku(sandbox, "GET", path)).json).toEqual(webhook);
    expect((await heroku(sandbox, "GET", "/apps/demo-app/webhooks")).json).toEqual([webhook]);

    const updated = await heroku(sandbox, "PATCH", path, {
      body: { level: "sync", include: ["api:release"] },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      id: webhook.id,
      level: "sync",
      include: ["api:release"],
      url: validWebhook.url,
    });

    const deleted = await heroku(sandbox, "DELETE", path);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id: webhook.id });
    const gone = await heroku(sandbox, "GET", path);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ id: "not_found", message: "Couldn't find that webhook." });
  });

  it("generates a secret when none is given and shows it once in Heroku-Webhook-Secret", async () => {
    const created = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", { body: validWebhook });
    const secret = created.headers.get("heroku-webhook-secret");
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const [stored] = await sandbox.admin.herokuWebhooks("demo-app");
    expect(stored.secret).toBe(secret);
    const read = await heroku(sandbox, "GET", `/apps/demo-app/webhooks/${stored.id}`);
    expect(read.headers.get("heroku-webhook-secret")).toBeNull();
  });

  it("allows duplicate URLs, as Heroku does", async () => {
    for (let count = 0; count < 2; count++) {
      expect((await heroku(sandbox, "POST", "/apps/demo-app/webhooks", { body: validWebhook })).status).toBe(
        201,
      );
    }
    expect((await heroku(sandbox, "GET", "/apps/demo-app/webhooks")).json).toHaveLength(2);
  });

  it.each([
    [{ ...validWebhook, level: "loud" }, "level: must be one of notify, sync"],
    [{ ...validWebhook, include: ["api:foo"] }, "include: unknown entity api:foo"],
    [{ ...validWebhook, include: ["api:ssl-endpoint"] }, "include: unknown entity api:ssl-endpoint"],
    [{ include: ["api:build"], level: "notify" }, "url: is required"],
    [{ ...validWebhook, url: "not a url" }, "url: must be a valid uri"],
    [{ ...validWebhook, secret: 42 }, "secret: must be null or string"],
    [{ ...validWebhook, includes: ["api:build"] }, "includes: is not an allowed property"],
    [{ ...validWebhook, include: "api:build" }, "include: must be array"],
  ])(
    "rejects an invalid create body with 422 invalid_params naming the field (%j)",
    async (body, message) => {
      const response = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", { body });
      expect(response.status).toBe(422);
      expect(response.json).toMatchObject({ id: "invalid_params" });
      expect((response.json as { message: string }).message).toContain(message);
    },
  );

  it("rejects an invalid update body with 422 and leaves the webhook unchanged", async () => {
    const created = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", { body: validWebhook });
    const path = `/apps/demo-app/webhooks/${(created.json as { id: string }).id}`;
    const rejected = await heroku(sandbox, "PATCH", path, { body: { include: ["dyno", "api:nope"] } });
    expect(rejected.status).toBe(422);
    expect((rejected.json as { message: string }).message).toBe("include: unknown entity api:nope");
    expect((await heroku(sandbox, "GET", path)).json).toMatchObject({ include: ["api:build"] });
  });

  it("accepts exactly the create bodies the schema accepts (and whose entities are known)", async () => {
    const ajv = new Ajv({ allowUnionTypes: true, strict: false });
    addFormats(ajv, ["uri"]);
    const schemaAccepts = ajv.compile(APP_WEBHOOK_CREATE_SCHEMA);
    const values = {
      include: [["api:build"], ["dyno", "api:release"], [], ["api:nope"], "api:build", [1]],
      level: ["notify", "sync", "NOTIFY", undefined],
      url: ["http://127.0.0.1:9/a", "https://example.com/x?y=1", "nope", 5, undefined],
      secret: [undefined, null, "abc", 7],
      authorization: [undefined, null, "Bearer x", false],
    };
    let accepted = 0;
    let index = 0;
    for (const include of values.include)
      for (const level of values.level)
        for (const url of values.url) {
          const extra = values.secret[index % 4];
          const authorization = values.authorization[index++ % 4];
          const body = JSON.parse(JSON.stringify({ include, level, url, secret: extra, authorization }));
          const response = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", { body });
          const knownEntities =
            Array.isArray(include) &&
            include.every((item) => ["api:build", "dyno", "api:release"].includes(String(item)));
          expect(response.status === 201).toBe(schemaAccepts(body) && knownEntities);
          if (response.status === 201) accepted++;
          else expect(response.status).toBe(422);
        }
    expect(accepted).toBeGreaterThan(5);
  });
});

describe("Range pagination", () => {
  it("pages webhooks with 206 and Next-Range, in id order, until the last page answers 200", async () => {
    for (let count = 0; count < 7; count++) {
      await heroku(sandbox, "POST", "/apps/demo-app/webhooks", { body: validWebhook });
    }
    const ids: string[] = [];
    let range = "id ..; max=3";
    const statuses: number[] = [];
    for (;;) {
      const page = await heroku(sandbox, "GET", "/apps/demo-app/webhooks", { headers: { range } });
      statuses.push(page.status);
      ids.push(...(page.json as { id: string }[]).map((webhook) => webhook.id));
      const next = page.headers.get("next-range");
      if (next === null) break;
      range = next;
    }
    expect(statuses).toEqual([206, 206, 200]);
    expect(ids).toHaveLength(7);
    expect(ids).toEqual([...ids].sort());
    const all = await heroku(sandbox, "GET", "/apps/demo-app/webhooks");
    expect(all.status).toBe(200);
    expect(all.json).toHaveLength(7);
  });

  it("answers 416 for a range it cannot serve", async () => {
    const response = await heroku(sandbox, "GET", "/apps/demo-app/webhooks", { headers: { range: "bogus" } });
    expect(response.status).toBe(416);
    expect(response.json).toMatchObject({ id: "requested_range_not_satisfiable" });
  });
});
