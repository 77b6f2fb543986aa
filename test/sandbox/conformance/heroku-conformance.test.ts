import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_FIXTURE, startSandbox, type Sandbox } from "heroku-squadcast-sandbox";
import { HerokuClient } from "../../../src/clients/heroku/client";
import { describeErrors, linkOf, loadSchemaLinks, type SchemaLink } from "./heroku-schema";
import { startRecordingProxy, type Exchange, type RecordingProxy } from "./recording-proxy";

// Every request the library's Heroku client sends, and every 2xx answer of the sandbox, checked against
// Heroku's official Platform API hyper-schema: requests against their link's request schema, answers
// strictly against the link's target schema (each declared property present, with its type and format,
// and nothing else). The exchanges are recorded by a proxy between the client and the sandbox.

const APP = SANDBOX_FIXTURE.heroku.appName;
const API_KEY = SANDBOX_FIXTURE.heroku.apiKey;
const HEADERS = { Accept: "application/vnd.heroku+json; version=3", Authorization: `Bearer ${API_KEY}` };

let links: SchemaLink[];
let sandbox: Sandbox;
let proxy: RecordingProxy;
let receiver: http.Server;
let receiverUrl: string;
let libraryExchanges: Exchange[];
let allExchanges: Exchange[];

/** Answers 204 on /ok and 500 elsewhere: a webhook target that succeeds or fails on demand. */
async function startReceiver(): Promise<void> {
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(request.url === "/ok" ? 204 : 500).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${proxy.url}${path}`, { headers: HEADERS });
  expect(response.status).toBe(200);
  return response.json();
}

const build = (status: string) => ({
  resource: "build",
  action: "update" as const,
  data: { id: "0b5a2f1c-9d7e-4c5b-8a4f-3e2d1c0b9a87", status, app: { name: APP } },
});

beforeAll(async () => {
  links = loadSchemaLinks();
  await startReceiver();
  sandbox = await startSandbox({ port: 0 });
  proxy = await startRecordingProxy(sandbox.urls.heroku);
  const client = new HerokuClient({ apiKey: API_KEY, apiUrl: proxy.url, baseRetryDelayMs: 10 });

  // The library's side: every call of its Heroku client.
  await sandbox.admin.createHerokuApp("team-shop", "shop-team");
  await client.listApps();
  await client.listTeamApps("shop-team");
  const app = await client.getApp(APP);
  await client.getApp(app.id);
  const ok = await client.createWebhook(APP, {
    url: `${receiverUrl}/ok`,
    include: ["api:build", "dyno"],
    level: "notify",
    secret: "conformance-secret",
    authorization: "Bearer conformance",
  });
  const failing = await client.createWebhook(app.id, {
    url: `${receiverUrl}/fail`,
    include: ["api:build"],
    level: "sync",
  });
  await client.listWebhooks(APP);
  await client.getWebhook(APP, ok.webhook.id);
  await client.updateWebhook(APP, ok.webhook.id, { include: ["api:build"], level: "sync" });
  await client.updateWebhook(APP, ok.webhook.id, { secret: null, authorization: null });
  await client.updateWebhook(APP, ok.webhook.id, { url: `${receiverUrl}/ok`, secret: "rotated" });

  await sandbox.admin.simulateHerokuEvent(APP, build("failed"));
  await sandbox.admin.simulateHerokuEvent(APP, { ...build("failed"), schedule: "later" });
  await sandbox.admin.simulateHerokuEvent(APP, { ...build("failed"), schedule: "retry-later" });
  await client.listWebhookDeliveries(APP);
  await client.deleteWebhook(APP, failing.webhook.id);
  libraryExchanges = [...proxy.exchanges];

  // The sandbox's side: what the library does not read, so every response kind is seen.
  const deliveries = (await get(`/apps/${APP}/webhook-deliveries`)) as { id: string }[];
  for (const delivery of deliveries) await get(`/apps/${APP}/webhook-deliveries/${delivery.id}`);
  const events = (await get(`/apps/${app.id}/webhook-events`)) as { id: string }[];
  for (const event of events) await get(`/apps/${APP}/webhook-events/${event.id}`);
  await get(`/apps/${APP}/webhooks/${ok.webhook.id}`);
  allExchanges = [...proxy.exchanges];
});

afterAll(async () => {
  await proxy?.close();
  await sandbox?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** What is wrong with one exchange, as lines naming the link. */
function problemsOf(exchange: Exchange, checkRequest: boolean): string[] {
  const link = linkOf(links, exchange.method, exchange.path);
  if (link === undefined) return [`${exchange.method} ${exchange.path}: no link of the schema`];
  const problems: string[] = [];
  if (checkRequest) {
    if (link.request === undefined && exchange.requestBody !== undefined)
      problems.push(`${link.name} request: a body, where the link takes none`);
    if (link.request !== undefined && !link.request(exchange.requestBody ?? null))
      problems.push(...describeErrors(link.request.errors).map((line) => `${link.name} request: ${line}`));
  }
  if (exchange.status >= 200 && exchange.status < 300) {
    if (link.response === undefined) problems.push(`${link.name} response: the link declares none`);
    else if (!link.response(exchange.responseBody))
      problems.push(...describeErrors(link.response.errors).map((line) => `${link.name} response: ${line}`));
  }
  return problems;
}

describe("the Heroku API against Heroku's official schema", () => {
  it("every request of the library's client and every 2xx answer of the sandbox conforms", () => {
    const requests = libraryExchanges.length;
    const responses = allExchanges.filter((exchange) => exchange.status >= 200 && exchange.status < 300);
    const invalid = allExchanges.flatMap((exchange, index) => problemsOf(exchange, index < requests));
    console.log(
      `Heroku conformance: ${requests} requests of the library validated against their link's request ` +
        `schema, ${responses.length} responses validated strictly against their link's target schema, ` +
        `${invalid.length} invalid`,
    );
    expect(invalid).toEqual([]);
    expect(responses.length).toBe(allExchanges.length);
  });

  it("covered the links the library uses and every delivery status the sandbox can report", () => {
    const used = new Set(allExchanges.map((exchange) => linkOf(links, exchange.method, exchange.path)?.name));
    expect([...used].sort()).toEqual([
      "app Info",
      "app List",
      "app-webhook Create",
      "app-webhook Delete",
      "app-webhook Info",
      "app-webhook List",
      "app-webhook Update",
      "app-webhook-delivery Info",
      "app-webhook-delivery List",
      "app-webhook-event Info",
      "app-webhook-event List",
      "team-app List By Team",
    ]);
    const deliveries = allExchanges.find((exchange) => exchange.path.endsWith("/webhook-deliveries"))!
      .responseBody as { status: string; next_attempt_at: string | null }[];
    expect(new Set(deliveries.map((delivery) => delivery.status))).toEqual(
      new Set(["succeeded", "failed", "scheduled", "retrying"]),
    );
    for (const delivery of deliveries) {
      expect(delivery.next_attempt_at === null).toBe(!["scheduled", "retrying"].includes(delivery.status));
    }
  });
});

describe("the validator itself", () => {
  const recorded = (name: string) => {
    const exchange = allExchanges.find(
      (candidate) => linkOf(links, candidate.method, candidate.path)?.name === name,
    );
    return structuredClone(exchange!.responseBody) as Record<string, unknown>;
  };
  const rejects = (name: string, body: unknown, kind: "request" | "response" = "response") => {
    const link = links.find((candidate) => candidate.name === name)!;
    return !(kind === "request" ? link.request!(body) : link.response!(body));
  };

  it("accepts what the sandbox answered and rejects a missing, invented, mistyped or misformatted property", () => {
    expect(rejects("app Info", recorded("app Info"))).toBe(false);
    const { acm: _acm, ...withoutAcm } = recorded("app Info");
    expect(rejects("app Info", withoutAcm)).toBe(true);
    expect(rejects("app Info", { ...recorded("app Info"), stage: "production" })).toBe(true);
    expect(rejects("app Info", { ...recorded("app Info"), created_at: "yesterday" })).toBe(true);
    expect(rejects("app Info", { ...recorded("app Info"), maintenance: "no" })).toBe(true);
    expect(
      rejects("app Info", { ...recorded("app Info"), owner: { id: "not-a-uuid", email: "a@b.c" } }),
    ).toBe(true);
    expect(rejects("app-webhook Info", { ...recorded("app-webhook Info"), secret: "leaked" })).toBe(true);
    expect(rejects("app-webhook Info", { ...recorded("app-webhook Info"), level: "often" })).toBe(true);
    const [delivery] = recorded("app-webhook-delivery List") as unknown as Record<string, unknown>[];
    expect(rejects("app-webhook-delivery Info", { ...delivery, status: "skipped" })).toBe(true);
    expect(rejects("app-webhook-delivery Info", { ...delivery, next_attempt_at: "soon" })).toBe(true);
  });

  it("rejects request bodies the create link does not allow", () => {
    const valid = { url: "https://example.com/hook", include: ["api:build"], level: "notify" };
    expect(rejects("app-webhook Create", valid, "request")).toBe(false);
    expect(rejects("app-webhook Create", { ...valid, level: "often" }, "request")).toBe(true);
    expect(rejects("app-webhook Create", { ...valid, url: "not a uri" }, "request")).toBe(true);
    expect(rejects("app-webhook Create", { ...valid, name: "extra" }, "request")).toBe(true);
    expect(rejects("app-webhook Create", { url: valid.url, include: valid.include }, "request")).toBe(true);
    expect(rejects("app-webhook Create", { ...valid, include: "api:build" }, "request")).toBe(true);
  });
});

describe("the sandbox's request validation", () => {
  const valid = { url: "https://example.com/hook", include: ["api:build", "dyno"], level: "sync" };
  const bodies: [string, Record<string, unknown>][] = [
    ["complete", { ...valid, secret: "s", authorization: "Bearer t" }],
    ["nulls for secret and authorization", { ...valid, secret: null, authorization: null }],
    ["without url", { include: valid.include, level: valid.level }],
    ["without include", { url: valid.url, level: valid.level }],
    ["without level", { url: valid.url, include: valid.include }],
    ["an unknown level", { ...valid, level: "often" }],
    ["include as a string", { ...valid, include: "api:build" }],
    ["a number in include", { ...valid, include: [5] }],
    ["a url that is not a URI", { ...valid, url: "not a uri" }],
    ["a url that is a number", { ...valid, url: 42 }],
    ["a numeric secret", { ...valid, secret: 5 }],
    ["an unknown property", { ...valid, name: "extra" }],
    ["nothing", {}],
  ];

  it.each(bodies)("agrees with the official schema on create and update bodies: %s", async (_name, body) => {
    const official = {
      create: !rejectsRequest("app-webhook Create", body),
      update: !rejectsRequest("app-webhook Update", body),
    };
    const created = await fetch(`${sandbox.urls.heroku}/apps/${APP}/webhooks`, {
      method: "POST",
      headers: { ...HEADERS, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const existing = await sandbox.admin.herokuWebhooks(APP);
    const updated = await fetch(`${sandbox.urls.heroku}/apps/${APP}/webhooks/${existing[0]!.id}`, {
      method: "PATCH",
      headers: { ...HEADERS, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect({ create: created.status < 300, update: updated.status < 300 }).toEqual(official);
    expect([created.status, updated.status].filter((status) => status >= 300 && status !== 422)).toEqual([]);
  });

  function rejectsRequest(name: string, body: unknown): boolean {
    return !links.find((link) => link.name === name)!.request!(body);
  }
});
