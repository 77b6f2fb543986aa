import { inspect } from "node:util";
import { AppWebhookProvider } from "../../../src/heroku/app-webhook";
import type { AppWebhookInputs, AppWebhookState } from "../../../src/heroku/app-webhook-state";
import { ProviderContext } from "../../../src/resource-kit/context";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { heroku } from "heroku-squadcast-sandbox/testing";
import { useSandbox } from "../../support/use-sandbox";
import { failureOf as failureOfCall } from "../../support/failure-of";
import { checked as checkedBy, checkFailures, checkThenCreate } from "../../support/check-then-create";

const APP = SANDBOX_FIXTURE.heroku.appName;
const API_KEY = SANDBOX_FIXTURE.heroku.apiKey;
const HOOK_URL = "https://hooks.example.com/heroku";

const sandbox = useSandbox();
let provider: AppWebhookProvider;
/** The lines the provider showed the person running pulumi in the current test. */
let told: string[];

beforeEach(async () => {
  // A fresh context per test: no client or lookup survives from an earlier test.
  told = [];
  provider = new AppWebhookProvider(new ProviderContext(sandbox.env, (line) => told.push(line)));
});

/** Fails if a provider result or error holds the API key, however it is printed. */
function expectNoApiKey(value: unknown): void {
  const printed = value instanceof Error ? `${value.message}\n${inspect(value, { depth: 10 })}` : "";
  expect(`${printed}${inspect(value, { depth: 10 })}${JSON.stringify(value) ?? ""}`).not.toContain(API_KEY);
}

/** Check as the engine runs it for the existing webhook of APP (its recorded inputs as the olds). */
const checked = (args: Record<string, unknown>) =>
  checkedBy<AppWebhookInputs, AppWebhookState>(provider, args, { app: APP, url: HOOK_URL });

/** The inputs as check's validation alone leaves them, for calling create past a check that would refuse. */
async function validated(args: Record<string, unknown>): Promise<AppWebhookInputs> {
  return (await provider.checkInputs({} as AppWebhookInputs, args as unknown as AppWebhookInputs))
    .inputs as AppWebhookInputs;
}

async function create(args: Record<string, unknown>): Promise<{ id: string; outs: AppWebhookState }> {
  const result = await checkThenCreate(provider, { app: APP, url: HOOK_URL, ...args });
  expectNoApiKey(result);
  return result;
}

const failureOf = (promise: Promise<unknown>) => failureOfCall(promise, expectNoApiKey);

async function webhooksOfApp() {
  return sandbox.admin.herokuWebhooks(APP);
}

/** Makes a webhook behind the provider's back, as a user with the Heroku CLI would. */
async function createOutside(fields: Record<string, unknown>): Promise<string> {
  const response = await heroku(sandbox, "POST", `/apps/${APP}/webhooks`, {
    body: { level: "notify", ...fields },
  });
  expect(response.status).toBe(201);
  return (response.json as { id: string }).id;
}

async function patchOutside(webhookId: string, fields: Record<string, unknown>): Promise<void> {
  const response = await heroku(sandbox, "PATCH", `/apps/${APP}/webhooks/${webhookId}`, { body: fields });
  expect(response.status).toBe(200);
}

async function herokuRequests() {
  return (await sandbox.admin.requests()).filter((entry) => entry.api === "heroku");
}

describe("create", () => {
  test("makes the webhook with exactly the declared settings", async () => {
    const { id, outs } = await create({
      entities: ["dyno", "api:build"],
      level: "sync",
      secret: "signing-1",
    });

    const webhooks = await webhooksOfApp();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({ id, url: HOOK_URL, level: "sync", secret: "signing-1" });
    expect([...webhooks[0].include].sort()).toEqual(["api:build", "dyno"]);
    expect(outs).toEqual({
      app: APP,
      url: HOOK_URL,
      entities: { "api:build": true, dyno: true },
      level: "sync",
      secret: "signing-1",
      webhookId: id,
      appId: webhooks[0].app.id,
      appName: APP,
      origin: "created",
    });
    expect(outs).not.toHaveProperty("signingSecret");
    expect(told).toEqual([]);
  });

  test("adopts a webhook of the app with the same URL instead of duplicating it", async () => {
    const existing = await createOutside({ url: HOOK_URL, include: ["api:release"], level: "sync" });

    const { id, outs } = await create({ entities: ["api:build", "dyno"] });

    expect(id).toBe(existing);
    const webhooks = await webhooksOfApp();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({ id: existing, level: "notify" });
    expect([...webhooks[0].include].sort()).toEqual(["api:build", "dyno"]);
    expect(outs).toMatchObject({
      webhookId: existing,
      entities: { "api:build": true, dyno: true },
      level: "notify",
      origin: "adopted-by-url",
    });
    expect(told).toEqual([
      `heroku:AppWebhook: app ${APP}: will adopt existing webhook ${existing}, which already has this URL ` +
        "(origin adopted-by-url); from then on destroy deletes it unless the resource has retainOnDelete",
      `heroku:AppWebhook: app ${APP}: adopted existing webhook ${existing}, which already had this URL, ` +
        "instead of creating one (origin adopted-by-url); destroy deletes it unless the resource has retainOnDelete",
    ]);
  });

  test("keeps one of several webhooks with the URL, deletes the others and says so", async () => {
    const first = await createOutside({ url: HOOK_URL, include: ["dyno"] });
    const second = await createOutside({ url: HOOK_URL, include: ["dyno"] });
    const third = await createOutside({ url: HOOK_URL, include: ["api:build"] });
    const bystander = await createOutside({ url: "https://other.example.com/hook", include: ["dyno"] });

    const { id, outs } = await create({ entities: ["dyno"] });

    // The oldest is kept (ties broken by id, so every run would keep the same one).
    const ours = [first, second, third];
    const sandboxView = await webhooksOfApp();
    const kept = sandboxView.find((webhook) => ours.includes(webhook.id))!.id;
    expect(id).toBe(kept);
    expect(sandboxView.map((webhook) => webhook.id).sort()).toEqual([kept, bystander].sort());
    expect(outs.origin).toBe("adopted-by-url");
    const removed = ours.filter((webhook) => webhook !== kept);
    expect(told).toHaveLength(3);
    expect(told[0]).toContain(`will adopt existing webhook ${kept}`);
    expect(told[2]).toMatch(
      new RegExp(
        `^warning: heroku:AppWebhook: app ${APP}: deleted 2 other webhook\\(s\\) with the same URL \\((${removed.join(", ")}|${[...removed].reverse().join(", ")})\\), which delivered every event a second time; kept ${kept}$`,
      ),
    );
    expect(told.join("\n")).not.toContain(HOOK_URL);
  });

  test("adopt also takes Terraform's import id app:webhookId, and removes copies with the same URL", async () => {
    const existing = await createOutside({ url: "https://old.example.com/hook", include: ["api:release"] });
    const copy = await createOutside({ url: HOOK_URL, include: ["dyno"] });

    const { id, outs } = await create({ adopt: `${APP}:${existing}`, entities: ["dyno"] });

    expect(id).toBe(existing);
    expect(outs.origin).toBe("adopted-by-id");
    expect((await webhooksOfApp()).map((webhook) => ({ id: webhook.id, url: webhook.url }))).toEqual([
      { id: existing, url: HOOK_URL },
    ]);
    expect(told).toEqual([
      `heroku:AppWebhook: app ${APP}: will adopt webhook ${existing} named by adopt (origin adopted-by-id) ` +
        "instead of creating one; from then on destroy deletes it unless the resource has retainOnDelete",
      `heroku:AppWebhook: app ${APP}: adopted webhook ${existing} named by adopt (origin adopted-by-id); ` +
        "destroy deletes it unless the resource has retainOnDelete",
      `warning: heroku:AppWebhook: app ${APP}: deleted 1 other webhook(s) with the same URL (${copy}), ` +
        `which delivered every event a second time; kept ${existing}`,
    ]);
  });

  test("adopts the webhook named by adopt, bringing it to the declared URL and settings", async () => {
    const existing = await createOutside({ url: "https://old.example.com/hook", include: ["api:release"] });
    const bystander = await createOutside({ url: "https://other.example.com/hook", include: ["dyno"] });

    const { id } = await create({ adopt: `${APP}/${existing}`, entities: ["dyno"], secret: "signing-2" });

    expect(id).toBe(existing);
    const webhooks = await webhooksOfApp();
    expect(webhooks.map((webhook) => webhook.id).sort()).toEqual([existing, bystander].sort());
    expect(webhooks.find((webhook) => webhook.id === existing)).toMatchObject({
      url: HOOK_URL,
      include: ["dyno"],
      secret: "signing-2",
    });
    expect(webhooks.find((webhook) => webhook.id === bystander)?.url).toBe("https://other.example.com/hook");
  });

  test("refuses to adopt a webhook that does not exist, saying how to find the id", async () => {
    const missing = "01234567-89ab-cdef-0123-456789abcdef";
    const args = { app: APP, url: HOOK_URL, adopt: `${APP}/${missing}` };
    const message = `adopt: Heroku has no webhook ${missing} on app ${APP}; check the id with \`heroku webhooks -a ${APP}\``;

    // Check (preview and up) refuses with the message create would give past it.
    expect(await checkFailures(provider, args)).toEqual([`adopt: ${message}`]);
    expect((await failureOf(provider.create(await validated(args)))).message).toBe(message);
    expect(await webhooksOfApp()).toEqual([]);
  });

  test("refuses to adopt a webhook of another app, and changes nothing", async () => {
    await sandbox.admin.createHerokuApp("other-app");
    const response = await heroku(sandbox, "POST", "/apps/other-app/webhooks", {
      body: { url: "https://other.example.com/hook", include: ["dyno"], level: "notify" },
    });
    const foreign = (response.json as { id: string }).id;

    const args = { app: APP, url: HOOK_URL, adopt: `other-app/${foreign}` };
    const message = `adopt: webhook ${foreign} belongs to app other-app, not to ${APP}`;

    expect(await checkFailures(provider, args)).toEqual([`adopt: ${message}`]);
    expect((await failureOf(provider.create(await validated(args)))).message).toBe(message);
    expect(await webhooksOfApp()).toEqual([]);
    expect((await sandbox.admin.herokuWebhooks("other-app"))[0].url).toBe("https://other.example.com/hook");
  });

  test("fails on an unknown app with Heroku's answer, creating nothing", async () => {
    const error = await failureOf(create({ app: "no-such-app" }));
    expect(error.message).toContain("404");
    expect(error.message).toContain("no-such-app");
    expect((await herokuRequests()).filter((entry) => entry.method !== "GET")).toEqual([]);
  });
});

describe("create after a creation that got no clear answer", () => {
  /** A provider whose HTTP attempts give up after `timeoutMs`, which is also how long it waits to settle. */
  function providerWithTimeout(timeoutMs: number): AppWebhookProvider {
    const env = { ...sandbox.env, HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: String(timeoutMs) };
    return new AppWebhookProvider(new ProviderContext(env, (line) => told.push(line)));
  }

  async function posts() {
    return (await herokuRequests()).filter((entry) => entry.method === "POST");
  }

  test("a 500 that made nothing: looked up, then created again in the same run", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "POST", status: 500, count: 1 });
    provider = providerWithTimeout(400);

    const { id, outs } = await create({});

    expect((await webhooksOfApp()).map((webhook) => webhook.id)).toEqual([id]);
    expect(outs.origin).toBe("created");
    expect((await posts()).map((entry) => entry.status)).toEqual([500, 201]);
    expect(told).toEqual([
      `heroku:AppWebhook: app ${APP}: 1 creation(s) of webhook ${id} got no clear answer; settled in this ` +
        "run by listing the app's webhooks (origin created)",
    ]);
  });

  test("an answer lost after Heroku created it: the webhook is found and kept, not created twice", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      dropResponseAfterHandling: true,
      count: 1,
    });
    provider = providerWithTimeout(400);

    const { id, outs } = await create({});

    expect((await webhooksOfApp()).map((webhook) => webhook.id)).toEqual([id]);
    expect(outs.origin).toBe("created");
    expect((await posts()).map((entry) => entry.status)).toEqual([0]);
  });

  test("a creation slower than the time limit: waited for, found, and not repeated", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "POST", latencyMs: 700, count: 1 });
    provider = providerWithTimeout(400);

    const { id } = await create({});

    expect((await webhooksOfApp()).map((webhook) => webhook.id)).toEqual([id]);
    expect(await posts()).toHaveLength(1);
  });

  test("every creation failing: the last error, after five tries, and nothing left behind", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "POST", status: 503 });
    provider = providerWithTimeout(200);

    const error = await failureOf(create({}));

    expect(error.message).toMatch(
      new RegExp(
        `^5 creations of a webhook on app ${APP} failed without a clear answer, and none appeared within 200 ms ` +
          `after each, so the app has none: run again later. Last failure: Heroku API POST /apps/${APP}/webhooks ` +
          "failed: 503 unavailable: .*\\(request id [0-9a-f-]+\\)$",
      ),
    );
    expect(error.message).not.toContain("not repeated");
    expect(await posts()).toHaveLength(5);
    expect(await webhooksOfApp()).toEqual([]);
  });

  test("a refusal (422) is not repeated", async () => {
    await sandbox.admin.addFault({ target: "heroku", method: "POST", status: 422, count: 1 });
    await failureOf(create({}));
    expect(await posts()).toHaveLength(1);
  });
});

describe("update", () => {
  test("patches entities, level and secret in place", async () => {
    const { id, outs } = await create({ entities: ["api:build"], secret: "signing-1" });
    await sandbox.admin.clearRequests();

    const news = await checked({
      app: APP,
      url: HOOK_URL,
      entities: ["api:release", "dyno"],
      level: "sync",
      secret: "signing-2",
    });
    const result = await provider.update(id, outs, news);
    expectNoApiKey(result);

    const [webhook] = await webhooksOfApp();
    expect(webhook).toMatchObject({ id, level: "sync", secret: "signing-2" });
    expect([...webhook.include].sort()).toEqual(["api:release", "dyno"]);
    expect(result.outs).toMatchObject({
      webhookId: id,
      entities: { "api:release": true, dyno: true },
      level: "sync",
    });
    expect((await herokuRequests()).map((entry) => entry.method)).toEqual(["PATCH"]);
  });

  test("removing the secret or the authorization unsets it in Heroku", async () => {
    const { id, outs } = await create({ secret: "signing-1", authorization: "Bearer hook-token" });

    const result = await provider.update(id, outs, await checked({ app: APP, url: HOOK_URL }));
    expectNoApiKey(result);

    const [webhook] = await webhooksOfApp();
    // Heroku answers an unset secret by generating a new one: the declared one must be gone.
    expect(webhook.secret).not.toBe("signing-1");
    expect(webhook.secret).not.toBe("");
    expect(webhook.authorization).toBeNull();
    expect(result.outs).not.toHaveProperty("secret");
    expect(result.outs).not.toHaveProperty("authorization");
    // The secret Heroku generated is kept, so a receiver can check the signatures.
    expect(result.outs?.signingSecret).toBe(webhook.secret);
  });

  test("keeps the secret Heroku generated, and drops it once a secret is given", async () => {
    const { id, outs } = await create({});
    const [generated] = await webhooksOfApp();
    expect(outs.signingSecret).toBe(generated.secret);
    expect(outs).not.toHaveProperty("secret");

    // An unrelated change keeps it: Heroku keeps the secret.
    const moved = await provider.update(id, outs, await checked({ app: APP, url: HOOK_URL, level: "sync" }));
    expect(moved.outs?.signingSecret).toBe(generated.secret);
    expect(await provider.read(id, moved.outs as AppWebhookState)).toMatchObject({
      props: { signingSecret: generated.secret },
    });

    // A given secret is never replaced by a generated one.
    const given = await provider.update(
      id,
      moved.outs as AppWebhookState,
      await checked({ app: APP, url: HOOK_URL, level: "sync", secret: "signing-3" }),
    );
    expect(given.outs).toMatchObject({ secret: "signing-3" });
    expect(given.outs).not.toHaveProperty("signingSecret");
  });

  test("with nothing to change, makes no request", async () => {
    const { id, outs } = await create({ entities: ["dyno", "api:build"] });
    await sandbox.admin.clearRequests();

    await provider.update(
      id,
      outs,
      await checked({ app: APP, url: HOOK_URL, entities: ["api:build", "dyno"] }),
    );

    expect(await sandbox.admin.requests()).toEqual([]);
  });
});

describe("diff", () => {
  test("with no change, answers changes: false without a single HTTP request", async () => {
    const { id, outs } = await create({ entities: ["dyno", "api:build"], secret: "signing-1" });
    await sandbox.admin.clearRequests();

    const news = await checked({
      app: APP,
      url: HOOK_URL,
      entities: ["api:build", "dyno"],
      secret: "signing-1",
    });
    expect(await provider.diff(id, outs, news)).toMatchObject({ changes: false });

    expect(await sandbox.admin.requests()).toEqual([]);
  });
});

describe("read", () => {
  test("returns the state unchanged when nothing drifted", async () => {
    const { id, outs } = await create({ entities: ["api:build"] });
    const result = await provider.read(id, outs);
    expectNoApiKey(result);
    expect(result).toEqual({ id, props: outs });
  });

  test("sees a URL, entities and level changed outside Pulumi", async () => {
    const { id, outs } = await create({ entities: ["api:build"], level: "notify" });
    await patchOutside(id, {
      url: "https://elsewhere.example.com/hook",
      include: ["api:release", "api:build"],
      level: "sync",
    });

    const result = await provider.read(id, outs);
    expectNoApiKey(result);

    expect(result.id).toBe(id);
    expect(result.props).toEqual({
      ...outs,
      url: "https://elsewhere.example.com/hook",
      entities: { "api:build": true, "api:release": true },
      level: "sync",
    });
    // The next up must see the drift as a change to undo.
    const declared = await checked({ app: APP, url: HOOK_URL, entities: ["api:build"] });
    expect(await provider.diff(id, result.props as AppWebhookState, declared)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  test('returns id "" for a webhook deleted outside Pulumi, so refresh drops it', async () => {
    const { id, outs } = await create({});
    await heroku(sandbox, "DELETE", `/apps/${APP}/webhooks/${id}`);

    expect(await provider.read(id, outs)).toEqual({ id: "" });
  });
});

describe("delete", () => {
  test("removes the webhook, and only it", async () => {
    const bystander = await createOutside({ url: "https://other.example.com/hook", include: ["dyno"] });
    const { id, outs } = await create({});

    await provider.delete(id, outs);

    expect((await webhooksOfApp()).map((webhook) => webhook.id)).toEqual([bystander]);
  });

  test("succeeds when the webhook was already deleted outside Pulumi", async () => {
    const { id, outs } = await create({});
    await heroku(sandbox, "DELETE", `/apps/${APP}/webhooks/${id}`);
    await sandbox.admin.clearRequests();

    await expect(provider.delete(id, outs)).resolves.toBeUndefined();

    expect((await herokuRequests()).map((entry) => [entry.method, entry.status])).toEqual([["DELETE", 404]]);
  });
});

describe("credentials", () => {
  test("a missing API key fails with a message naming heroku:apiKey and HEROKU_API_KEY", async () => {
    const withoutKey = new AppWebhookProvider(new ProviderContext({ HEROKU_API_URL: sandbox.urls.heroku }));
    const inputs = await checked({ app: APP, url: HOOK_URL });

    const error = await failureOf(withoutKey.create(inputs));

    expect(error.message).toBe(
      "Heroku API key is missing: run `pulumi config set --secret heroku:apiKey <key>` or set HEROKU_API_KEY.",
    );
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("a wrong API key fails with Heroku's 401 and a hint, never echoing the key", async () => {
    const wrongKey = "wrong-heroku-key-0123456789";
    const withWrongKey = new AppWebhookProvider(
      new ProviderContext({ ...sandbox.env, HEROKU_API_KEY: wrongKey }),
    );

    const error = await failureOf(withWrongKey.create(await checked({ app: APP, url: HOOK_URL })));

    expect(error.message).toContain("401");
    expect(error.message).toContain("HEROKU_API_KEY");
    expect(error.message).not.toContain(wrongKey);
    expect(inspect(error, { depth: 10 })).not.toContain(wrongKey);
  });
});
