import { startSandbox, type Sandbox } from "../src";
import { heroku, send, squadcastToken } from "../src/testing";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.admin.reset());

describe("injected faults", () => {
  it("fail the next N matching requests in the API's own error shape, then retire", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      status: 429,
      count: 2,
      retryAfterSeconds: 3,
      pathPattern: "^/apps/",
    });
    const first = await heroku(sandbox, "GET", "/apps/demo-app");
    expect(first.status).toBe(429);
    expect(first.json).toMatchObject({ id: "rate_limit" });
    expect(first.headers.get("retry-after")).toBe("3");
    expect(first.headers.get("ratelimit-remaining")).toBe("0");
    expect(first.headers.get("request-id")).toBeTruthy();
    expect((await heroku(sandbox, "GET", "/account/rate-limits")).status).toBe(200);
    expect((await heroku(sandbox, "GET", "/apps/demo-app")).status).toBe(429);
    expect((await heroku(sandbox, "GET", "/apps/demo-app")).status).toBe(200);
    expect(await sandbox.admin.faults()).toEqual([]);

    await sandbox.admin.addFault({ target: "squadcast", status: 503, count: 1 });
    const token = await squadcastToken(sandbox);
    const squadcast = await send("GET", `${sandbox.urls.squadcast}/v3/teams`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(squadcast.status).toBe(503);
    expect(squadcast.json).toEqual({ meta: { status: 503, error_message: expect.any(String) } });
  });

  it("fail a deterministic fraction of requests with rate and seed", async () => {
    const run = async () => {
      await sandbox.admin.clearFaults();
      await sandbox.admin.addFault({ target: "heroku", status: 500, rate: 0.3, seed: 42 });
      const statuses: number[] = [];
      for (let count = 0; count < 40; count++)
        statuses.push((await heroku(sandbox, "GET", "/apps/demo-app")).status);
      return statuses;
    };
    const first = await run();
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(24);
    expect(await run()).toEqual(first);
  });

  it("add latency to matching requests only", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      latencyMs: 300,
      method: "GET",
      pathPattern: "webhooks$",
    });
    expect((await heroku(sandbox, "GET", "/apps/demo-app/webhooks")).status).toBe(200);
    await heroku(sandbox, "GET", "/apps/demo-app");
    const log = await sandbox.admin.requests();
    expect(log.map(({ path, status, delayMs }) => [path, status, delayMs])).toEqual([
      ["/apps/demo-app/webhooks", 200, 300],
      ["/apps/demo-app", 200, 0],
    ]);
  });

  it("lose the response of a request that was performed", async () => {
    await sandbox.admin.addFault({
      target: "heroku",
      method: "POST",
      dropResponseAfterHandling: true,
      count: 1,
    });
    await expect(
      heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
        body: { include: ["api:build"], level: "notify", url: "http://127.0.0.1:1/x" },
      }),
    ).rejects.toThrow();
    expect(await sandbox.admin.herokuWebhooks("demo-app")).toHaveLength(1);
    const log = await sandbox.admin.requests();
    expect(log).toContainEqual(expect.objectContaining({ method: "POST", status: 0, fault: true }));
    expect((await heroku(sandbox, "GET", "/apps/demo-app/webhooks")).json).toHaveLength(1);
  });

  it("send a raw body, such as an HTML error page, and flag faulted requests in the log", async () => {
    await sandbox.admin.addFault({
      target: "ingestion",
      status: 502,
      body: "<html>Bad Gateway</html>",
      contentType: "text/html",
      count: 1,
    });
    const response = await send("POST", `${sandbox.urls.squadcast}/v1/incidents/heroku/${"a".repeat(40)}`, {
      body: {},
    });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(response.text).toBe("<html>Bad Gateway</html>");
    const log = await sandbox.admin.requests();
    expect(log).toEqual([expect.objectContaining({ api: "ingestion", status: 502, fault: true })]);
  });

  it("refuse an invalid fault with 400", async () => {
    await expect(sandbox.admin.addFault({ target: "heroku" })).rejects.toThrow(/400/);
    await expect(sandbox.admin.addFault({ target: "heroku", status: 500, pathPattern: "(" })).rejects.toThrow(
      /400/,
    );
    expect(await sandbox.admin.faults()).toEqual([]);
  });

  it("apply sandbox-wide latency to API requests but not to the admin API", async () => {
    await sandbox.admin.setLatency(2_000);
    let answered = false;
    const delayed = heroku(sandbox, "GET", "/apps/demo-app").then(() => (answered = true));
    // The admin API answers while the API request still waits out its latency.
    expect(await sandbox.admin.faults()).toEqual([]);
    expect(answered).toBe(false);
    await delayed;
    const [entry, ...others] = await sandbox.admin.requests();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ path: "/apps/demo-app", status: 200, delayMs: 2_000 });
  });
});
