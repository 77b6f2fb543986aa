import { HEROKU_DEDUP_KEY_TEMPLATE } from "../../../src/mapping";
import { HerokuClient } from "../../../src/clients/heroku/client";
import { AlertSourceProvider } from "../../../src/squadcast/alert-source";
import {
  TEST_EVENT_MARKER,
  verifyIntegration,
  VerifyOptionsError,
  type VerifyReport,
} from "../../../src/verify";
import { demoServiceKey, failedBuild, sandboxSettings, wireDemoApp } from "./support";
import { useSandbox } from "../../support/use-sandbox";

const sandbox = useSandbox();

const DEMO = { app: "demo-app", service: { name: "demo-service", team: "Default Team" } } as const;

function check(report: VerifyReport, name: string) {
  return report.checks.find((candidate) => candidate.name === name);
}

describe("verifyIntegration against the sandbox", () => {
  it("passes every check once the providers wired demo-app into demo-service", async () => {
    await wireDemoApp(sandbox);
    await sandbox.admin.simulateHerokuEvent("demo-app", {
      resource: "build",
      action: "update",
      data: { id: "b", status: "succeeded", app: { name: "demo-app" } },
    });

    const report = await verifyIntegration(
      { ...DEMO, entities: ["dyno", "api:build"] },
      sandboxSettings(sandbox),
    );

    expect(report.checks.map(({ name, ok }) => [name, ok])).toEqual([
      ["service", true],
      ["alert-source", true],
      ["webhook", true],
      ["entities", true],
      ["deliveries", true],
      ["deduplication", true],
    ]);
    expect(report.ok).toBe(true);
    expect(check(report, "deduplication")?.detail).toBe(
      "off on demo-service (no Heroku dedup-key overlay): every trigger opens its own incident; " +
        "set deduplicate: true on the integration or fleet for one incident per failing streak",
    );
    expect(check(report, "webhook")?.detail).toMatch(
      /^demo-app delivers to http:\/\/127\.0\.0\.1:\d+\/v1\/incidents\/heroku\/\*\*\* /,
    );
    expect(check(report, "deliveries")?.detail).toBe("1 of 1 recent deliveries in the last 24 h succeeded");
    expect(JSON.stringify(report)).not.toContain(await demoServiceKey(sandbox));
  });

  it("reports deduplication on, with the key Squadcast renders for the test build event", async () => {
    await wireDemoApp(sandbox);
    await sandbox.admin.setDedupKeyOverlay("demo-service", HEROKU_DEDUP_KEY_TEMPLATE, 90);
    await sandbox.admin.setDeduplication("demo-service", true);
    const report = await verifyIntegration(DEMO, sandboxSettings(sandbox));
    expect(check(report, "deduplication")).toEqual({
      name: "deduplication",
      ok: true,
      detail:
        "on for Heroku on demo-service (window 90 minutes); the test build event's key: " +
        "heroku/demo-app [heroku-squadcast verify]/build",
    });
    // Rendering opens no incident.
    expect(await sandbox.admin.incidents()).toEqual([]);
  });

  it("finds the service by id as well, and names its team", async () => {
    const { alertSource } = await wireDemoApp(sandbox);

    const report = await verifyIntegration(
      { app: "demo-app", service: { id: alertSource.state.serviceId } },
      sandboxSettings(sandbox),
    );

    expect(report.ok).toBe(true);
    expect(check(report, "service")?.detail).toMatch(
      /^demo-service \(id [0-9a-f]{24}\) in team Default Team$/,
    );
  });

  it("sends a labelled test event and confirms through the sandbox that its incident opened and closed", async () => {
    await wireDemoApp(sandbox);

    const report = await verifyIntegration({ ...DEMO, sendTestEvent: true }, sandboxSettings(sandbox));

    expect(check(report, "test-event")).toEqual({
      name: "test-event",
      ok: true,
      detail: `Squadcast answered 202 and 202; the incident "Build failed on demo-app ${TEST_EVENT_MARKER}" opened and was resolved (confirmed in the sandbox)`,
    });
    const incidents = await sandbox.admin.incidents("demo-service");
    expect(incidents).toEqual([
      expect.objectContaining({ status: "resolved", summary: expect.stringContaining(TEST_EVENT_MARKER) }),
    ]);
  });

  it("leaves a real open build incident of the app alone when it sends its test event", async () => {
    await wireDemoApp(sandbox);
    await failedBuild(sandbox);

    await verifyIntegration({ ...DEMO, sendTestEvent: true }, sandboxSettings(sandbox));

    const real = (await sandbox.admin.incidents("demo-service")).filter(
      (incident) => !incident.summary.includes(TEST_EVENT_MARKER),
    );
    expect(real).toEqual([
      expect.objectContaining({ summary: "Build failed on demo-app", status: "triggered" }),
    ]);
  });

  it("reports a test event as sent, not confirmed, when there is no sandbox admin API to ask", async () => {
    await wireDemoApp(sandbox);

    const report = await verifyIntegration(
      { ...DEMO, sendTestEvent: true, testEventResolveDelayMs: 0 },
      sandboxSettings(sandbox, "SANDBOX_ADMIN_URL"),
    );

    expect(check(report, "test-event")?.ok).toBe(true);
    expect(check(report, "test-event")?.detail).toMatch(
      /^sent a failed and a succeeded test build; Squadcast answered 202 and 202\. Squadcast's public API cannot confirm/,
    );
  });

  it("fails with a clear message after the webhook was deleted by hand", async () => {
    const { webhook } = await wireDemoApp(sandbox);
    const heroku = new HerokuClient({ apiKey: sandbox.env.HEROKU_API_KEY!, apiUrl: sandbox.urls.heroku });
    await heroku.deleteWebhook("demo-app", webhook.id);

    const report = await verifyIntegration(DEMO, sandboxSettings(sandbox));

    expect(report.ok).toBe(false);
    expect(check(report, "webhook")).toEqual({
      name: "webhook",
      ok: false,
      detail: expect.stringMatching(
        /^demo-app has no webhook delivering to http:\/\/127\.0\.0\.1:\d+\/v1\/incidents\/heroku\/\*\*\* \(it has 0 other webhooks\): run pulumi up --refresh /,
      ),
    });
    // Without a webhook there are no entities or deliveries to look at: no second, confusing failure.
    expect(report.checks.map(({ name }) => name)).toEqual([
      "service",
      "alert-source",
      "webhook",
      "deduplication",
    ]);
  });

  it("fails once deliveries start failing, with the entity and the HTTP code of each", async () => {
    await wireDemoApp(sandbox);
    await sandbox.admin.addFault({ target: "ingestion", status: 503 });
    const { deliveries } = await failedBuild(sandbox);
    expect(deliveries).toEqual([expect.objectContaining({ status: "failed", code: 503 })]);

    const report = await verifyIntegration(DEMO, sandboxSettings(sandbox));

    expect(report.ok).toBe(false);
    expect(check(report, "deliveries")).toEqual({
      name: "deliveries",
      ok: false,
      detail: expect.stringMatching(
        /^1 of 1 recent deliveries in the last 24 h failed: api:build at \S+: failed, HTTP 503 after 1 attempt$/,
      ),
    });
    expect(check(report, "webhook")?.ok).toBe(true);
  });

  it("counts a delivery whose retry is due as failed and one not attempted yet as waiting", async () => {
    const wiring = await wireDemoApp(sandbox);
    const build = {
      resource: "build",
      action: "update" as const,
      data: { id: "9c3e1d2a-4b5f-4a6e-8d7c-1b2a3c4d5e6f", status: "failed", app: { name: "demo-app" } },
    };
    const scheduled = await sandbox.admin.simulateHerokuEvent("demo-app", { ...build, schedule: "later" });
    expect(scheduled.deliveries).toEqual([expect.objectContaining({ status: "scheduled", attempts: 0 })]);
    expect(check(await verifyIntegration(DEMO, sandboxSettings(sandbox)), "deliveries")).toEqual({
      name: "deliveries",
      ok: true,
      detail: "0 of 1 recent deliveries in the last 24 h succeeded, 1 not attempted yet",
    });

    const heroku = new HerokuClient({ apiKey: sandbox.env.HEROKU_API_KEY!, apiUrl: sandbox.urls.heroku });
    await heroku.updateWebhook("demo-app", wiring.webhook.id, { level: "sync" });
    await sandbox.admin.addFault({ target: "ingestion", status: 503 });
    const retrying = await sandbox.admin.simulateHerokuEvent("demo-app", {
      ...build,
      schedule: "retry-later",
    });
    expect(retrying.deliveries).toEqual([
      expect.objectContaining({ status: "retrying", code: 503, attempts: 1 }),
    ]);

    expect(check(await verifyIntegration(DEMO, sandboxSettings(sandbox)), "deliveries")).toEqual({
      name: "deliveries",
      ok: false,
      detail: expect.stringMatching(
        /^1 of 2 recent deliveries in the last 24 h failed: api:build at \S+: retrying, HTTP 503 after 1 attempt, 1 not attempted yet$/,
      ),
    });
  });

  it("fails when the webhook delivers other entities than expected, naming the difference", async () => {
    await wireDemoApp(sandbox, ["api:build"]);

    const report = await verifyIntegration({ ...DEMO, entities: "resolvable" }, sandboxSettings(sandbox));

    expect(check(report, "entities")).toEqual({
      name: "entities",
      ok: false,
      detail: "delivers api:build: missing dyno",
    });
  });

  it("fails when the Heroku alert source is no longer active on the service", async () => {
    const { context, alertSource } = await wireDemoApp(sandbox);
    await new AlertSourceProvider(context).delete(alertSource.id, alertSource.state);

    const report = await verifyIntegration(DEMO, sandboxSettings(sandbox));

    expect(check(report, "alert-source")).toEqual({
      name: "alert-source",
      ok: false,
      detail: expect.stringMatching(
        /^the Heroku alert source is not active on demo-service: run pulumi up --refresh /,
      ),
    });
    expect(check(report, "webhook")?.ok).toBe(true);
  });

  it("stops at an unknown service, saying which", async () => {
    const report = await verifyIntegration(
      { ...DEMO, service: { name: "no-such-service", team: "Default Team" } },
      sandboxSettings(sandbox),
    );

    expect(report).toEqual({
      ok: false,
      checks: [
        {
          name: "service",
          ok: false,
          detail: 'Squadcast team Default Team has no service named "no-such-service": check service.name',
        },
      ],
    });
  });

  it("fails the Heroku checks with how to set the API key when it is missing, and never shows a credential", async () => {
    await wireDemoApp(sandbox);

    const report = await verifyIntegration(DEMO, sandboxSettings(sandbox, "HEROKU_API_KEY"));

    expect(check(report, "webhook")).toEqual({
      name: "webhook",
      ok: false,
      detail:
        "Heroku API key is missing: run `pulumi config set --secret heroku:apiKey <key>` or set HEROKU_API_KEY.",
    });
    expect(JSON.stringify(report)).not.toContain(sandbox.env.SQUADCAST_REFRESH_TOKEN);
  });

  it("fails the webhook check with Heroku's hint for an app the key cannot see", async () => {
    const report = await verifyIntegration({ ...DEMO, app: "ghost-app" }, sandboxSettings(sandbox));

    expect(check(report, "webhook")?.detail).toBe(
      "Heroku has no app ghost-app that the API key's account can see",
    );
  });

  it.each([
    [{ app: "demo-app" }, /needs the Squadcast service/],
    [{ app: "demo-app", service: { name: "demo-service" } }, /service.team is required with service.name/],
    [
      { app: "demo-app", service: { id: "x", name: "y", team: "z" } },
      /give service.id or service.name, not both/,
    ],
    [{ ...DEMO, entities: ["api:builds"] }, /unknown entity "api:builds": did you mean "api:build"/],
  ])("refuses unusable options %j before calling any API", async (options, message) => {
    await sandbox.admin.clearRequests();
    await expect(verifyIntegration(options as never, sandboxSettings(sandbox))).rejects.toThrow(
      VerifyOptionsError,
    );
    await expect(verifyIntegration(options as never, sandboxSettings(sandbox))).rejects.toThrow(message);
    expect(await sandbox.admin.requests()).toEqual([]);
  });
});
