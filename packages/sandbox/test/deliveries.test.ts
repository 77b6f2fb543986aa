import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox, type Sandbox, type SquadcastService } from "../src";
import { heroku, ingestionUrl } from "../src/testing";

let sandbox: Sandbox;
let service: SquadcastService;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  await sandbox.admin.reset();
  [service] = await sandbox.admin.squadcastServices();
});

async function subscribe(include: string[], url = ingestionUrl(sandbox, service.api_key), extra = {}) {
  const response = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
    body: { include, level: "notify", url, ...extra },
  });
  expect(response.status).toBe(201);
  return response.json as { id: string };
}

const build = (status: string) => ({
  resource: "build",
  action: "update" as const,
  data: { id: "b7f0b2b1-0000-4000-8000-000000000001", status, app: { id: "x", name: "demo-app" } },
});

describe("Heroku deliveries into the Squadcast sandbox", () => {
  it("opens an incident for a failed build and resolves it with the next succeeded build", async () => {
    await subscribe(["api:build"]);
    const failed = await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(failed.deliveries).toEqual([
      expect.objectContaining({ status: "succeeded", code: 202, attempts: 1 }),
    ]);
    expect(await sandbox.admin.incidents(service.name)).toEqual([
      expect.objectContaining({
        status: "triggered",
        entity: "api:build",
        serviceId: service.id,
        resolvedAt: null,
      }),
    ]);

    await sandbox.admin.simulateHerokuEvent("demo-app", build("succeeded"));
    const incidents = await sandbox.admin.incidents();
    expect(incidents).toEqual([expect.objectContaining({ status: "resolved", events: 2 })]);
    expect(incidents[0].resolvedAt).not.toBeNull();
  });

  it("with deduplication off (the default), opens an incident for every failed build of the app", async () => {
    await subscribe(["api:build"]);
    expect(service.config.dedup_key_enabled).toBe(false);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    let incidents = await sandbox.admin.incidents();
    expect(incidents.map(({ status, events }) => ({ status, events }))).toEqual([
      { status: "triggered", events: 1 },
      { status: "triggered", events: 1 },
    ]);

    // A resolve closes every open incident with its key.
    await sandbox.admin.simulateHerokuEvent("demo-app", build("succeeded"));
    incidents = await sandbox.admin.incidents();
    expect(incidents.map(({ status }) => status)).toEqual(["resolved", "resolved"]);
  });

  it("with key-based deduplication on, folds a repeated failed build into the open incident", async () => {
    await subscribe(["api:build"]);
    await sandbox.admin.setDedupKeyOverlay(service.name, "{{.data.app.name}}/{{.resource}}", 60);
    const updated = await sandbox.admin.setDeduplication(service.name, true);
    expect(updated.config.dedup_key_enabled).toBe(true);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    let incidents = await sandbox.admin.incidents();
    expect(incidents).toEqual([expect.objectContaining({ status: "triggered", events: 2 })]);

    await sandbox.admin.simulateHerokuEvent("demo-app", build("succeeded"));
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    incidents = await sandbox.admin.incidents();
    expect(incidents.map(({ status, events }) => ({ status, events }))).toEqual([
      { status: "resolved", events: 3 },
      { status: "triggered", events: 1 },
    ]);

    // A reset turns deduplication off again and removes the overlay.
    await sandbox.admin.reset();
    expect((await sandbox.admin.squadcastServices())[0]!.config.dedup_key_enabled).toBe(false);
    expect(await sandbox.admin.dedupKeyOverlay(service.name)).toBeNull();
  });

  it("opens a new incident for every domain event and never resolves one", async () => {
    await subscribe(["api:domain"]);
    const domain = { resource: "domain", data: { hostname: "www.example.com", app: { name: "demo-app" } } };
    await sandbox.admin.simulateHerokuEvent("demo-app", { ...domain, action: "create" });
    await sandbox.admin.simulateHerokuEvent("demo-app", { ...domain, action: "destroy" });
    const incidents = await sandbox.admin.incidents();
    expect(incidents.map((incident) => incident.status)).toEqual(["triggered", "triggered"]);
    expect(new Set(incidents.map((incident) => incident.dedupKey)).size).toBe(2);
  });

  it("does not deliver an event whose entity is not in the webhook's include", async () => {
    await subscribe(["api:release"]);
    const result = await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(result.event.include).toBe("api:build");
    expect(result.deliveries).toEqual([]);
    expect(await sandbox.admin.ingestedPayloads()).toEqual([]);
    expect(await sandbox.admin.incidents()).toEqual([]);
  });

  it("tells api:dyno (a dyno started) from dyno (state changes)", async () => {
    await subscribe(["dyno"]);
    const dyno = { resource: "dyno", data: { name: "web.1", state: "crashed", app: { name: "demo-app" } } };
    const started = await sandbox.admin.simulateHerokuEvent("demo-app", { ...dyno, action: "create" });
    expect(started.event.include).toBe("api:dyno");
    expect(started.deliveries).toHaveLength(0);
    const crashed = await sandbox.admin.simulateHerokuEvent("demo-app", { ...dyno, action: "update" });
    expect(crashed.event.include).toBe("dyno");
    expect(crashed.deliveries).toHaveLength(1);
    expect(await sandbox.admin.incidents()).toEqual([
      expect.objectContaining({ entity: "dyno", status: "triggered" }),
    ]);
  });
});

describe("the delivery request", () => {
  let receiver: Server;
  let receiverUrl: string;
  let received: { headers: IncomingHttpHeaders; body: string }[];
  let answer: number;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  beforeEach(() => {
    received = [];
    answer = 200;
  });

  it("is the Heroku envelope, signed with the webhook secret, with Authorization when set", async () => {
    const webhook = await subscribe(["api:build"], receiverUrl, {
      secret: "hook-secret",
      authorization: "Bearer abc",
    });
    const result = await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received;
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["heroku-webhook-hmac-sha256"]).toBe(
      createHmac("sha256", "hook-secret").update(body).digest("base64"),
    );
    expect(headers.authorization).toBe("Bearer abc");
    expect(headers["heroku-webhook-id"]).toBe(result.deliveries[0].deliveryId);
    const envelope = JSON.parse(body);
    expect(Object.keys(envelope).sort()).toEqual(
      [
        "action",
        "actor",
        "created_at",
        "data",
        "id",
        "previous_data",
        "published_at",
        "resource",
        "sequence",
        "updated_at",
        "version",
        "webhook_metadata",
      ].sort(),
    );
    expect(envelope).toMatchObject({
      action: "update",
      resource: "build",
      id: result.event.id,
      version: "application/vnd.heroku+json; version=3",
      data: { status: "failed" },
      previous_data: {},
      webhook_metadata: {
        delivery: { id: result.deliveries[0].deliveryId },
        event: { id: result.event.id, include: "api:build" },
        webhook: { id: webhook.id },
      },
    });
    expect(envelope.actor.email).toBe("dev@example.com");
  });

  it("tries a notify webhook once and a sync webhook three times, and records the deliveries and events", async () => {
    answer = 500;
    const notify = await subscribe(["api:build"], receiverUrl);
    const sync = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
      body: { include: ["api:build"], level: "sync", url: receiverUrl },
    });
    const result = await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(received).toHaveLength(4);
    const byWebhook = Object.fromEntries(result.deliveries.map((delivery) => [delivery.webhookId, delivery]));
    expect(byWebhook[notify.id]).toMatchObject({ status: "failed", code: 500, attempts: 1 });
    expect(byWebhook[(sync.json as { id: string }).id]).toMatchObject({
      status: "failed",
      code: 500,
      attempts: 3,
    });

    const deliveries = await heroku(sandbox, "GET", "/apps/demo-app/webhook-deliveries");
    expect(deliveries.json).toHaveLength(2);
    const one = await heroku(
      sandbox,
      "GET",
      `/apps/demo-app/webhook-deliveries/${byWebhook[notify.id].deliveryId}`,
    );
    expect(one.json).toMatchObject({
      status: "failed",
      num_attempts: 1,
      event: { id: result.event.id, include: "api:build" },
      last_attempt: { code: 500, status: "failed" },
    });
    const event = await heroku(sandbox, "GET", `/apps/demo-app/webhook-events/${result.event.id}`);
    expect(event.json).toMatchObject({
      include: "api:build",
      payload: { action: "update", resource: "build" },
    });
    expect((await heroku(sandbox, "GET", "/apps/demo-app/webhook-events")).json).toHaveLength(1);
  });

  it("never posts to a non-loopback URL", async () => {
    await subscribe(["api:build"], "https://example.com/hook");
    const result = await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(result.deliveries).toEqual([expect.objectContaining({ status: "failed", code: null })]);
  });
});
