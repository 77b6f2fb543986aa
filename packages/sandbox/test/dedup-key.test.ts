import { startSandbox, type Sandbox, type SquadcastService } from "../src";
import { GoTemplateError, renderGoTemplate } from "../src/squadcast/go-template";
import { heroku, ingestionUrl, squadcast, squadcastToken } from "../src/testing";

let sandbox: Sandbox;
let service: SquadcastService;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  await sandbox.admin.reset();
  [service] = await sandbox.admin.squadcastServices();
  token = await squadcastToken(sandbox);
});

const TEMPLATE =
  '{{if eq .resource "build"}}k/{{.data.app.name}}/build{{else if eq .resource "dyno"}}k/{{.data.app.name}}/{{.data.name}}{{else}}k/{{.id}}{{end}}';
const overlayPath = () => `/v3/services/${service.id}/overlays/dedup-key/heroku`;
const putOverlay = (template = TEMPLATE, duration = 60, type = "dedup_key") =>
  squadcast(sandbox, token, "PUT", overlayPath(), {
    overlay_template_type: type,
    dedup_key_overlay: { template, duration },
  });
const enable = (enabled: boolean) =>
  squadcast(sandbox, token, "PATCH", `/v3/services/${service.id}/config`, { dedup_key_enabled: enabled });

describe("the Go-template subset", () => {
  const payload = { resource: "dyno", id: "e1", data: { app: { name: "a" }, name: "web.1", n: 0 } };
  it.each([
    ["text only", "fixed", "fixed"],
    ["a field chain", "{{.data.app.name}}:{{.data.name}}", "a:web.1"],
    ["a missing key prints <no value>", "{{.data.nothing}}", "<no value>"],
    ["if eq, taken", '{{if eq .resource "dyno"}}d{{else}}o{{end}}', "d"],
    ["if eq, not taken", '{{if eq .resource "build"}}b{{else}}o{{end}}', "o"],
    ["else if", '{{if eq .resource "build"}}b{{else if eq .resource "dyno"}}d{{end}}', "d"],
    ["ne", '{{if ne .resource "build"}}not a build{{end}}', "not a build"],
    ["if on a missing value is false", "{{if .data.nothing}}y{{else}}n{{end}}", "n"],
    ["if on zero is false", "{{if .data.n}}y{{else}}n{{end}}", "n"],
  ])("%s", (_name, template, expected) => {
    expect(renderGoTemplate(template, payload)).toBe(expected);
  });

  it.each([
    ["a field of a missing value", "{{.data.nothing.deeper}}", "nil pointer evaluating"],
    ["an unclosed action", "{{.data", "unclosed action"],
    ["if without end", '{{if eq .resource "x"}}a', "if without end"],
    ["a function outside the subset", '{{printf "%s" .id}}', "does not render"],
  ])("refuses %s", (_name, template, message) => {
    expect(() => renderGoTemplate(template, payload)).toThrow(GoTemplateError);
    expect(() => renderGoTemplate(template, payload)).toThrow(message);
  });
});

describe("dedup-key overlay endpoints", () => {
  it("PUT creates the overlay in the specification's Overlay shape; GET and the list return it", async () => {
    const put = await putOverlay();
    expect(put.status).toBe(200);
    const overlay = (put.json as { data: Record<string, unknown> }).data;
    expect(overlay).toEqual(
      expect.objectContaining({
        service_id: service.id,
        alert_source_shortname: "heroku",
        alert_source_version: "v1",
        alert_source_type: "Heroku",
        overlay_template_type: "dedup_key",
        overlay: { template: TEMPLATE, duration: 60 },
        deleted_at: null,
      }),
    );
    expect((await squadcast(sandbox, token, "GET", overlayPath())).json).toEqual({ data: overlay });
    const list = await squadcast(sandbox, token, "GET", `/v3/services/${service.id}/overlays/dedup-key`);
    expect(list.json).toEqual({ data: [overlay] });
  });

  it("GET and DELETE answer 404 when there is no overlay; DELETE answers 204 when there is", async () => {
    expect((await squadcast(sandbox, token, "GET", overlayPath())).status).toBe(404);
    expect((await squadcast(sandbox, token, "DELETE", overlayPath())).status).toBe(404);
    await putOverlay();
    expect((await squadcast(sandbox, token, "DELETE", overlayPath())).status).toBe(204);
    expect((await squadcast(sandbox, token, "GET", overlayPath())).status).toBe(404);
  });

  it.each([
    ["a duration over 2880 minutes", TEMPLATE, 2881, "dedup_key", "from 1 to 2880"],
    ["a duration of 0", TEMPLATE, 0, "dedup_key", "from 1 to 2880"],
    ["an empty template", " ", 60, "dedup_key", "template is required"],
    ["a template it cannot parse", "{{if .x}}", 60, "dedup_key", "Invalid template"],
    ["another template type", TEMPLATE, 60, "message", "overlay_template_type"],
  ])("PUT refuses %s with 400", async (_name, template, duration, type, message) => {
    const response = await putOverlay(template, duration, type);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain(message);
    expect((await squadcast(sandbox, token, "GET", overlayPath())).status).toBe(404);
  });

  it('accepts the Terraform provider\'s overlay_template_type "go"', async () => {
    expect((await putOverlay(TEMPLATE, 60, "go")).status).toBe(200);
  });

  it("answers 404 for an unknown alert source or service, and 401 without a token", async () => {
    const unknownSource = `/v3/services/${service.id}/overlays/dedup-key/nagios-xyz`;
    expect((await squadcast(sandbox, token, "GET", unknownSource)).status).toBe(404);
    expect(
      (await squadcast(sandbox, token, "GET", "/v3/services/000000000000000000000000/config")).status,
    ).toBe(404);
    expect((await squadcast(sandbox, "not-a-token", "GET", overlayPath())).status).toBe(401);
  });

  it("render answers the key a template gives a payload (a JSON string), or 400", async () => {
    const render = (template: string, payload: string) =>
      squadcast(sandbox, token, "POST", `/v3/services/${service.id}/overlays/dedup-key/render`, {
        overlay_template_type: "dedup_key",
        template,
        payload,
      });
    const body = { resource: "build", id: "e1", data: { app: { name: "shop" } } };
    expect((await render(TEMPLATE, JSON.stringify(body))).json).toEqual({ data: "k/shop/build" });
    expect((await render(TEMPLATE, "{not json")).status).toBe(400);
    expect((await render("{{.data.x.y}}", JSON.stringify(body))).status).toBe(400);
  });

  it("GET config reports dedup_key_enabled, PATCH switches it and the service shows it", async () => {
    const config = () => squadcast(sandbox, token, "GET", `/v3/services/${service.id}/config`);
    expect((await config()).json).toEqual({ data: { dedup_key_enabled: false } });
    expect((await enable(true)).status).toBe(200);
    expect((await config()).json).toEqual({ data: { dedup_key_enabled: true } });
    const read = await squadcast(sandbox, token, "GET", `/v3/services/${service.id}`);
    expect((read.json as { data: SquadcastService }).data.config.dedup_key_enabled).toBe(true);
    const bad = await squadcast(sandbox, token, "PATCH", `/v3/services/${service.id}/config`, {
      dedup_key_enabled: "yes",
    });
    expect(bad.status).toBe(400);
  });
});

describe("key-based deduplication on ingestion", () => {
  const build = (status: string, app = "demo-app") => ({
    resource: "build",
    action: "update" as const,
    data: { id: `b-${Math.random()}`, status, app: { id: app, name: app } },
  });
  const crash = (dyno: string) => ({
    resource: "dyno",
    action: "update" as const,
    data: { id: `d-${Math.random()}`, name: dyno, state: "crashed", app: { id: "x", name: "demo-app" } },
  });
  const subscribe = async (include: string[]) => {
    const response = await heroku(sandbox, "POST", "/apps/demo-app/webhooks", {
      body: { include, level: "notify", url: ingestionUrl(sandbox, service.api_key) },
    });
    expect(response.status).toBe(201);
  };
  const statuses = async () =>
    (await sandbox.admin.incidents(service.name)).map(({ status, events, overlayKey }) => ({
      status,
      events,
      overlayKey,
    }));

  it("folds repeated triggers with one key while on; the next success resolves the incident", async () => {
    await subscribe(["api:build", "dyno"]);
    await putOverlay();
    await enable(true);
    for (const status of ["failed", "failed"])
      await sandbox.admin.simulateHerokuEvent("demo-app", build(status));
    for (let crashes = 0; crashes < 3; crashes += 1)
      await sandbox.admin.simulateHerokuEvent("demo-app", crash("web.1"));
    await sandbox.admin.simulateHerokuEvent("demo-app", crash("web.2"));
    expect(await statuses()).toEqual([
      { status: "triggered", events: 2, overlayKey: "k/demo-app/build" },
      { status: "triggered", events: 3, overlayKey: "k/demo-app/web.1" },
      { status: "triggered", events: 1, overlayKey: "k/demo-app/web.2" },
    ]);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("succeeded"));
    expect((await statuses())[0]).toEqual({ status: "resolved", events: 3, overlayKey: "k/demo-app/build" });
    // Resolved incidents take no more folds: the next failure opens a new one.
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect((await statuses()).map(({ status }) => status)).toEqual([
      "resolved",
      "triggered",
      "triggered",
      "triggered",
    ]);
  });

  it("the window expires: after the overlay's duration a repeat trigger opens a new incident", async () => {
    await subscribe(["api:build"]);
    await putOverlay(TEMPLATE, 60);
    await enable(true);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    await sandbox.admin.advanceSquadcastClock(59);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(await statuses()).toEqual([{ status: "triggered", events: 2, overlayKey: "k/demo-app/build" }]);
    // The window counts from the incident's creation, not from its last fold: 61 minutes after it opened.
    await sandbox.admin.advanceSquadcastClock(2);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(await statuses()).toEqual([
      { status: "triggered", events: 2, overlayKey: "k/demo-app/build" },
      { status: "triggered", events: 1, overlayKey: "k/demo-app/build" },
    ]);
    // The next trigger folds into the new incident, the newest one with the key within the window.
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect((await statuses()).map(({ events }) => events)).toEqual([2, 2]);
    const [first, second] = await sandbox.admin.incidents(service.name);
    expect(Date.parse(second!.createdAt) - Date.parse(first!.createdAt)).toBeGreaterThanOrEqual(61 * 60_000);
  });

  it("the clock moves only forward, by at most a week, and reset puts it back", async () => {
    const before = Date.now();
    const moved = Date.parse(await sandbox.admin.advanceSquadcastClock(120));
    expect(moved - before).toBeGreaterThanOrEqual(120 * 60_000);
    await expect(sandbox.admin.advanceSquadcastClock(0)).rejects.toMatchObject({ status: 400 });
    await expect(sandbox.admin.advanceSquadcastClock(7 * 24 * 60 + 1)).rejects.toMatchObject({ status: 400 });
    await sandbox.admin.reset();
    const afterReset = Date.parse(await sandbox.admin.advanceSquadcastClock(1));
    expect(afterReset - Date.now()).toBeLessThan(2 * 60_000);
  });

  it.each([
    ["dedup_key_enabled off", true, false],
    ["no overlay", false, true],
  ])("with %s, every trigger is its own incident", async (_name, withOverlay, enabled) => {
    await subscribe(["api:build"]);
    if (withOverlay) await putOverlay();
    await enable(enabled);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect(await statuses()).toEqual([
      { status: "triggered", events: 1, overlayKey: null },
      { status: "triggered", events: 1, overlayKey: null },
    ]);
  });

  it("a template that fails on a body opens an incident without a key", async () => {
    await subscribe(["api:build"]);
    await putOverlay("{{.data.app.missing.deeper}}");
    await enable(true);
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    await sandbox.admin.simulateHerokuEvent("demo-app", build("failed"));
    expect((await statuses()).map(({ overlayKey }) => overlayKey)).toEqual([null, null]);
  });
});
