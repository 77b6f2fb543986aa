import Bottleneck from "bottleneck";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { createHttpClient, type HttpClientOptions, type RequestEvent } from "../../../src/http";
import {
  dropConnection,
  json,
  neverAnswer,
  sequence,
  startScriptedServer,
  text,
  type ScriptedServer,
} from "./scripted-server";
import { failure } from "../../support/api-error";

const API_KEY = "hk-secret-0123456789abcdef";

let server: ScriptedServer;

beforeEach(async () => {
  server = await startScriptedServer();
});

afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    api: "Heroku",
    baseUrl: server.url,
    secrets: [API_KEY],
    headers: { Authorization: `Bearer ${API_KEY}` },
    baseRetryDelayMs: 10,
    maxRetryDelayMs: 50,
    timeoutMs: 2_000,
    ...overrides,
  });
}

describe("successful calls", () => {
  it("sends the configured headers and parses the JSON body", async () => {
    server.script = json(200, { id: "app-1", name: "demo-app" });
    const response = await client().get("/apps/demo-app");
    expect(response.data).toEqual({ id: "app-1", name: "demo-app" });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("gives undefined data for an empty 204 body", async () => {
    server.script = (_request, response) => {
      response.writeHead(204);
      response.end();
    };
    const response = await client().delete("/apps/demo-app/webhooks/1");
    expect(response.status).toBe(204);
    expect(response.data).toBeUndefined();
  });
});

describe("retries", () => {
  it("retries a 429 after the Retry-After seconds", async () => {
    server.script = sequence(
      json(429, { id: "rate_limit" }, { "Retry-After": "1" }),
      json(200, { ok: true }),
    );
    const started = Date.now();
    const response = await client({ maxRetryDelayMs: 5_000 }).get("/apps");
    expect(response.data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("retries a 429 after a Retry-After HTTP date", async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    server.script = sequence(json(429, {}, { "Retry-After": inTwoSeconds }), json(200, { ok: true }));
    const started = Date.now();
    await client({ maxRetryDelayMs: 5_000 }).get("/apps");
    expect(server.requests).toHaveLength(2);
    // The date has one-second resolution, so the wait is between one and two seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("caps a long Retry-After at maxRetryDelayMs", async () => {
    server.script = sequence(json(429, {}, { "Retry-After": "120" }), json(200, { ok: true }));
    const started = Date.now();
    await client({ maxRetryDelayMs: 100 }).get("/apps");
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("retries a GET after 503s until it succeeds", async () => {
    server.script = sequence(json(503, { id: "unavailable" }), json(503, {}), json(200, { ok: true }));
    const response = await client().get("/apps");
    expect(response.data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it("retries PUT, PATCH and DELETE after a 500", async () => {
    for (const method of ["put", "patch", "delete"] as const) {
      await server.close();
      server = await startScriptedServer(sequence(json(500, {}), json(200, {})));
      await client().request({ method, url: "/thing", data: method === "delete" ? undefined : {} });
      expect(server.requests.map((request) => request.method)).toEqual([
        method.toUpperCase(),
        method.toUpperCase(),
      ]);
    }
  });

  it("stops after the configured number of retries and says how many attempts were made", async () => {
    server.script = json(503, { id: "unavailable", message: "Down for maintenance" });
    const error = await failure(client({ retries: 3 }).get("/apps"));
    expect(server.requests).toHaveLength(4);
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("after 4 attempts");
  });

  it("stops retrying once the total time budget would be exceeded", async () => {
    server.script = json(503, {});
    await failure(
      client({ retries: 10, baseRetryDelayMs: 100, maxRetryDelayMs: 100, maxRetryElapsedMs: 250 }).get("/x"),
    );
    // Delays are 50–100 ms each, so only two or three retries fit in 250 ms, far fewer than ten.
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(5);
  });

  it("retries a GET that timed out", async () => {
    server.script = sequence(neverAnswer(), json(200, { ok: true }));
    const response = await client({ timeoutMs: 150 }).get("/apps");
    expect(response.data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });
});

describe("POST is never repeated blindly", () => {
  it("does not retry a POST after a 503, and says why", async () => {
    server.script = json(503, { id: "unavailable", message: "try later" });
    const error = await failure(client().post("/apps/demo-app/webhooks", { url: "https://x" }));
    expect(server.requests).toHaveLength(1);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("not repeated because the server may have acted on it");
  });

  it("does not retry a POST whose connection dropped after the request was sent (lost response)", async () => {
    server.script = dropConnection();
    const error = await failure(client().post("/apps/demo-app/webhooks", { url: "https://x" }));
    expect(server.requests).toHaveLength(1);
    expect(error.kind).toBe("network");
    expect(error.status).toBeUndefined();
  });

  it("does not retry a POST that timed out, and names the time limit", async () => {
    server.script = neverAnswer();
    const error = await failure(client({ timeoutMs: 200 }).post("/apps/demo-app/webhooks", {}));
    expect(server.requests).toHaveLength(1);
    expect(error.kind).toBe("timeout");
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      "Heroku API POST /apps/demo-app/webhooks failed: timed out after 200 ms. " +
        "The request was not repeated because the server may have acted on it; check before running again",
    );
  });

  it("retries a POST after a 429, because the server did nothing", async () => {
    server.script = sequence(json(429, {}), json(201, { id: "w1" }));
    const response = await client().post("/apps/demo-app/webhooks", {});
    expect(response.status).toBe(201);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe("{}");
  });

  it("retries a POST whose connection was refused, because it was never sent", async () => {
    const port = await unusedPort();
    const attempts: RequestEvent[] = [];
    const error = await failure(
      client({
        baseUrl: `http://127.0.0.1:${port}`,
        retries: 2,
        onRequest: (event) => attempts.push(event),
      }).post("/apps/demo-app/webhooks", {}),
    );
    expect(attempts.map((event) => event.attempt)).toEqual([1, 2, 3]);
    expect(error.kind).toBe("network");
    expect(error.message).toContain(`connection refused (ECONNREFUSED) at http://127.0.0.1:${port}`);
  });

  it("retries a POST the caller marked idempotent like a GET", async () => {
    server.script = sequence(json(503, {}), json(201, { id: "w1" }));
    const response = await client().post("/apps/demo-app/webhooks", {}, { idempotent: true });
    expect(response.status).toBe(201);
    expect(server.requests).toHaveLength(2);
  });
});

describe("malformed responses", () => {
  it("reports an HTML page with status 200 as not valid JSON, not as a SyntaxError", async () => {
    server.script = text(200, "<!DOCTYPE html><html><body>Sign in to the proxy</body></html>");
    const error = await failure(client().get("/apps/demo-app"));
    expect(error.kind).toBe("malformed-response");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /^Heroku API GET \/apps\/demo-app returned a response that is not valid JSON \(200, text\/html, starts with "<!DOCTYPE html>/,
    );
  });

  it("reports truncated JSON as not valid JSON", async () => {
    server.script = text(200, '{"id": "app-1", "na', "application/json");
    const error = await failure(client().get("/apps/demo-app"));
    expect(error.message).toContain("not valid JSON (200, application/json");
    expect(error.message).not.toContain("SyntaxError");
  });

  it("reports an HTML error page from a proxy with its status", async () => {
    server.script = text(502, "<html><body>Bad Gateway</body></html>");
    const error = await failure(client({ retries: 0 }).get("/apps/demo-app"));
    expect(error.kind).toBe("http");
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      "Heroku API GET /apps/demo-app failed: 502: the response body is not JSON. The Heroku API had a problem; run again later",
    );
  });

  it("does not follow redirects, which could carry credentials to another host", async () => {
    server.script = (_request, response) => {
      response.writeHead(302, { Location: "http://127.0.0.2:1/steal" });
      response.end();
    };
    const error = await failure(client().get("/apps"));
    expect(error.status).toBe(302);
    expect(server.requests).toHaveLength(1);
  });
});

describe("errors use the API-specific parser", () => {
  it("builds a one-line message with status, error id, API message, request id and hint", async () => {
    server.script = json(
      422,
      { id: "invalid_params", message: "include: unknown entity\napi:nope" },
      { "Request-Id": "1b2c3d" },
    );
    const error = await failure(
      client({
        parseError: (response) => {
          const body = response.body as { id: string; message: string };
          return { errorId: body.id, apiMessage: body.message, requestId: response.header("Request-Id") };
        },
      }).post("/apps/demo-app/webhooks", {}),
    );
    expect(error.message).toBe(
      "Heroku API POST /apps/demo-app/webhooks failed: 422 invalid_params: include: unknown entity api:nope (request id 1b2c3d)",
    );
    expect(error).toMatchObject({
      status: 422,
      errorId: "invalid_params",
      requestId: "1b2c3d",
      retryable: false,
    });
  });

  it("drops the query string from the path", async () => {
    server.script = json(404, {});
    const error = await failure(client().get("/v3/services/by-name", { params: { name: "private-name" } }));
    expect(error.path).toBe("/v3/services/by-name");
    expect(error.message).not.toContain("private-name");
  });
});

describe("redaction", () => {
  const webhookSecret = "whsec-very-secret-value";
  const serviceKey = "d3c3208e86b787faf2ec01c154ed024081dc0fda";

  it("keeps credentials out of the message, JSON and inspect output of every error", async () => {
    server.script = (request, response) => {
      response.writeHead(401, { "Content-Type": "application/json" });
      // An API that echoes what it received, the worst case.
      response.end(
        JSON.stringify({
          id: "unauthorized",
          message: `bad auth ${request.headers.authorization} with ${webhookSecret} from X-Refresh-Token: rt-123456`,
        }),
      );
    };
    const error = await failure(
      client({
        parseError: (response) => ({ apiMessage: (response.body as { message: string }).message }),
      }).post(
        `/v1/incidents/heroku/${serviceKey}`,
        { secret: webhookSecret },
        { redactSecrets: [webhookSecret] },
      ),
    );
    const renderings = [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      String(error.stack),
    ];
    for (const rendering of renderings) {
      expect(rendering).not.toContain(API_KEY);
      expect(rendering).not.toContain(webhookSecret);
      expect(rendering).not.toContain(serviceKey);
      expect(rendering).not.toContain("rt-123456");
    }
    expect(error.path).toBe("/v1/incidents/heroku/***");
    expect(error.message).toContain("bad auth Bearer *** with ***");
    expect(JSON.stringify(error)).toContain(
      '"message":"Heroku API POST /v1/incidents/heroku/*** failed: 401',
    );
  });

  it("never carries axios's config, request or response objects", async () => {
    server.script = json(500, {});
    const error = await failure(client({ retries: 0 }).get("/apps"));
    for (const property of ["config", "request", "response", "headers", "cause", "toJSON"]) {
      expect(Object.prototype.hasOwnProperty.call(error, property)).toBe(false);
    }
    expect(inspect(error)).not.toContain("Authorization");
  });

  it("keeps the API key out of timeout and network errors", async () => {
    server.script = neverAnswer();
    const timeout = await failure(client({ timeoutMs: 100, retries: 0 }).get(`/apps/${API_KEY}`));
    expect(inspect(timeout)).not.toContain(API_KEY);
    const port = await unusedPort();
    const network = await failure(client({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 }).get("/apps"));
    expect(inspect(network)).not.toContain(API_KEY);
    expect(JSON.stringify(network)).not.toContain(API_KEY);
  });
});

describe("rate limiter and hooks", () => {
  it("schedules every attempt through the shared limiter", async () => {
    server.script = (_request, response) => setTimeout(() => json(200, {})(_request, response, 0), 30);
    const http = client({ rateLimiter: new Bottleneck({ maxConcurrent: 1 }) });
    await Promise.all([http.get("/a"), http.get("/b"), http.get("/c")]);
    expect(server.requests).toHaveLength(3);
    expect(server.peakConcurrency()).toBe(1);
  });

  it("reports each attempt to onRequest and onResponse, and ignores a hook that throws", async () => {
    server.script = sequence(json(503, {}), json(200, {}));
    const seen: string[] = [];
    await client({
      onRequest: (event) => {
        seen.push(`request ${event.method} ${event.path} #${event.attempt}`);
        throw new Error("broken counter");
      },
      onResponse: (event) => seen.push(`response ${event.status} #${event.attempt}`),
    }).get("/apps?x=1");
    expect(seen).toEqual([
      "request GET /apps #1",
      "response 503 #1",
      "request GET /apps #2",
      "response 200 #2",
    ]);
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
