import { SandboxAdminError, startSandbox, type Sandbox } from "heroku-squadcast-sandbox";
import { HEROKU_HEADERS } from "heroku-squadcast-sandbox/testing";

// The two fault behaviours the reliability tests depend on: a slow answer whose client gave up is still
// carried out (and logged), as on a real slow server; and a success status can carry a malformed body.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await sandbox.admin.reset();
});

const CREATE = {
  method: "POST",
  headers: { ...HEROKU_HEADERS, "content-type": "application/json" },
  body: JSON.stringify({ url: "https://example.com/slow", include: ["api:build"], level: "notify" }),
};

test("a creation answered after the client gave up still creates the webhook, and is logged", async () => {
  await sandbox.admin.addFault({ target: "heroku", method: "POST", latencyMs: 400, count: 1 });
  await expect(
    fetch(`${sandbox.urls.heroku}/apps/demo-app/webhooks`, { ...CREATE, signal: AbortSignal.timeout(100) }),
  ).rejects.toThrow();
  // The server finishes on its own time: wait for its log entry rather than for a fixed delay.
  let entries = await sandbox.admin.requests();
  for (let tries = 0; entries.length === 0 && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    entries = await sandbox.admin.requests();
  }
  expect(entries.map((entry) => [entry.method, entry.status, entry.fault])).toEqual([["POST", 201, true]]);
  expect((await sandbox.admin.herokuWebhooks("demo-app")).map((webhook) => webhook.url)).toEqual([
    "https://example.com/slow",
  ]);
});

test("a success status with a malformed body is sent as given", async () => {
  await sandbox.admin.addFault({
    target: "heroku",
    status: 200,
    body: "<html>maintenance</html>",
    contentType: "text/html",
    count: 1,
  });
  const response = await fetch(`${sandbox.urls.heroku}/apps/demo-app/webhooks`, { headers: HEROKU_HEADERS });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(await response.text()).toBe("<html>maintenance</html>");
});

test("a success status without a body is refused: there would be nothing wrong with the answer", async () => {
  const refused = await sandbox.admin
    .addFault({ target: "heroku", status: 200 })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(SandboxAdminError);
  expect((refused as Error).message).toContain(
    "a status below 400 needs a body: the malformed answer to send",
  );
});
