import { inspect } from "node:util";
import { ProviderContext } from "../../../src/resource-kit/context";
import { ALERT_SOURCE_CATALOG, SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSourceProvider } from "../../../src/squadcast/alert-source";
import type { AlertSourceInputs, AlertSourceState } from "../../../src/squadcast/alert-source-state";
import { ingestionUrl, squadcast, squadcastToken } from "heroku-squadcast-sandbox/testing";
import { useSandbox } from "../../support/use-sandbox";
import { failureOf as failureOfCall } from "../../support/failure-of";
import { checked as checkedBy, checkFailures, checkThenCreate } from "../../support/check-then-create";

const FIXTURE = SANDBOX_FIXTURE.squadcast;
const BY_NAME = { serviceName: FIXTURE.serviceName, team: FIXTURE.teamName };
const catalogId = (shortName: string) =>
  ALERT_SOURCE_CATALOG.find((source) => source.shortName === shortName)?._id as string;

const sandbox = useSandbox();
let context: ProviderContext;
let provider: AlertSourceProvider;

/** The lines the provider showed the person running pulumi in the current test. */
let told: string[];

beforeEach(async () => {
  // A fresh context per test: no token, client or lookup survives from an earlier test.
  told = [];
  context = new ProviderContext(sandbox.env, (line) => told.push(line));
  provider = new AlertSourceProvider(context);
});

/**
 * Fails if a provider result or error holds a credential: the refresh token, the access token the
 * provider used, or any service's api_key.
 */
async function expectNoCredential(value: unknown): Promise<void> {
  const services = await sandbox.admin.squadcastServices();
  // The provider's own access token, from its token source: no API exposes it, by design.
  const accessToken = await context.squadcast()["tokenSource"].getAccessToken();
  const credentials = [FIXTURE.refreshToken, accessToken, ...services.map((service) => service.api_key)];
  const text = printed(value);
  for (const credential of credentials) expect(text).not.toContain(credential);
}

/**
 * A result or error as a log line or a CLI would show it. `webhookUrl` is left out: it is the one output
 * that must carry the service key (the resource marks it secret), and the tests check its exact value.
 */
function printed(value: unknown): string {
  if (value instanceof Error) return `${value.message}\n${inspect(value, { depth: 10 })}`;
  const { outs, props, ...rest } = value as { outs?: object; props?: object };
  const { webhookUrl: _webhookUrl, ...state } = { ...outs, ...props } as Record<string, unknown>;
  return inspect({ ...rest, state }, { depth: 10 });
}

/** Check as the engine runs it for the existing alert source of BY_NAME (its recorded inputs as the olds). */
const checked = (args: Record<string, unknown>) =>
  checkedBy<AlertSourceInputs, AlertSourceState>(provider, args, BY_NAME);

/** The inputs as check's validation alone leaves them, for calling create past a check that would refuse. */
async function validated(args: Record<string, unknown>): Promise<AlertSourceInputs> {
  return (await provider.checkInputs({} as AlertSourceInputs, args as unknown as AlertSourceInputs))
    .inputs as AlertSourceInputs;
}

async function create(args: Record<string, unknown>): Promise<{ id: string; outs: AlertSourceState }> {
  const result = await checkThenCreate(provider, args);
  await expectNoCredential(result);
  return result;
}

const failureOf = (promise: Promise<unknown>) => failureOfCall(promise, expectNoCredential);

/** The short names of the alert sources active on a service, sorted. */
async function activeOn(service: string): Promise<string[]> {
  return (await sandbox.admin.activeAlertSources(service)).map((source) => source.shortName).sort();
}

/** Sets a service's active alert sources behind the provider's back, as the Squadcast UI would. */
async function setActiveOutside(serviceId: string, shortNames: string[]): Promise<void> {
  const token = await squadcastToken(sandbox);
  const response = await squadcast(sandbox, token, "PUT", `/v3/catalog-services/${serviceId}/alert-sources`, {
    alert_sources: shortNames.map(catalogId),
  });
  expect(response.status).toBe(200);
}

async function fixtureService() {
  const services = await sandbox.admin.squadcastServices();
  const service = services.find((candidate) => candidate.name === FIXTURE.serviceName);
  if (!service) throw new Error("the fixture service is missing");
  return service;
}

async function squadcastWrites() {
  return (await sandbox.admin.requests()).filter(
    (entry) => entry.api === "squadcast" && entry.method !== "GET",
  );
}

describe("create", () => {
  test("makes Heroku active on the service next to the Datadog source already there", async () => {
    const service = await fixtureService();

    const { id, outs } = await create(BY_NAME);

    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "heroku"]);
    expect(id).toBe(`${service.id}/${catalogId("heroku")}`);
    expect(outs).toEqual({
      serviceName: FIXTURE.serviceName,
      team: FIXTURE.teamName,
      shortName: "heroku",
      serviceId: service.id,
      teamId: service.owner.id,
      alertSourceId: catalogId("heroku"),
      webhookUrl: ingestionUrl(sandbox, service.api_key),
      addedByThisResource: true,
      origin: "created",
    });
    expect(told).toEqual([]);
  });

  test("finds the service by id, checked against the team", async () => {
    const service = await fixtureService();

    const { outs } = await create({ serviceId: service.id, team: FIXTURE.teamName });

    expect(outs).toMatchObject({ serviceId: service.id, serviceName: FIXTURE.serviceName });
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "heroku"]);
  });

  test("adopts an alert source already active, and leaves it in place on delete", async () => {
    const service = await fixtureService();
    await setActiveOutside(service.id, ["datadog", "heroku"]);
    await sandbox.admin.clearRequests();

    const { id, outs } = await create(BY_NAME);

    expect(outs.addedByThisResource).toBe(false);
    expect(outs.origin).toBe("adopted-by-url");
    expect(told).toEqual([
      `squadcast:AlertSource: service ${FIXTURE.serviceName}: the heroku alert source was already active ` +
        "(another owner's, or made by hand): adopted (origin adopted-by-url); destroy leaves it active",
    ]);
    expect(await squadcastWrites()).toEqual([]);
    await provider.delete(id, outs);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "heroku"]);
  });
});

describe("create and delete under Squadcast 503s past the client's retries", () => {
  test("the read-merge-write starts again and converges, keeping Datadog, and counts as this resource's", async () => {
    // Six 503s in a row outlast the client's own five attempts at the first read of the list.
    await sandbox.admin.addFault({
      target: "squadcast",
      method: "GET",
      pathPattern: "/catalog-services/[^/]+/alert-sources$",
      status: 503,
      count: 6,
    });

    const { id, outs } = await create(BY_NAME);

    expect(outs).toMatchObject({ addedByThisResource: true, origin: "created" });
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "heroku"]);

    await sandbox.admin.addFault({ target: "squadcast", method: "PUT", status: 503, count: 6 });
    await provider.delete(id, outs);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog"]);
  }, 60_000);

  test("a write whose answer was lost still counts as this resource's addition", async () => {
    // The PUT lands, its answer is lost 5 times over (the client gives up), and the repeat finds it active.
    await sandbox.admin.addFault({
      target: "squadcast",
      method: "PUT",
      dropResponseAfterHandling: true,
      count: 5,
    });

    const { outs } = await create(BY_NAME);

    expect(outs).toMatchObject({ addedByThisResource: true, origin: "created" });
    expect(told).toEqual([]);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "heroku"]);
  }, 60_000);
});

describe("check, then create, fail with one line naming what to fix, and change nothing", () => {
  let otherTeamServiceId: string;

  beforeEach(async () => {
    otherTeamServiceId = (await sandbox.admin.createSquadcastService("payments", "Platform")).id;
    await sandbox.admin.clearRequests();
  });

  test.each<[string, () => Record<string, unknown>, string, string]>([
    [
      "an unknown service name",
      () => ({ serviceName: "no-such-service", team: FIXTURE.teamName }),
      "serviceName",
      'Squadcast service "no-such-service" not found in team Default Team: check service.name',
    ],
    [
      "an unknown team",
      () => ({ serviceName: FIXTURE.serviceName, team: "No Such Team" }),
      "team",
      'Squadcast team "No Such Team" not found: check service.team (a team name or id)',
    ],
    [
      "a service of another team, by name",
      () => ({ serviceName: "payments", team: FIXTURE.teamName }),
      "serviceName",
      'Squadcast service "payments" not found in team Default Team: check service.name',
    ],
    [
      "a service of another team, by id",
      () => ({ serviceId: otherTeamServiceId, team: FIXTURE.teamName }),
      "serviceId",
      "Squadcast service payments belongs to another team than Default Team: check service.team",
    ],
    [
      "an unknown service id",
      () => ({ serviceId: "0123456789abcdef01234567" }),
      "serviceId",
      "Squadcast service 0123456789abcdef01234567 not found: check service.id",
    ],
    [
      "an unknown shortName",
      () => ({ ...BY_NAME, shortName: "no-such-source" }),
      "shortName",
      'Squadcast has no alert source type "no-such-source" in its catalog: check shortName (e.g. heroku)',
    ],
  ])("%s", async (_name, args, property, message) => {
    // The engine's check of a create (in preview and in up) refuses with create's own message…
    expect(await checkFailures(provider, args())).toEqual([`${property}: ${message}`]);
    // …and create, reached past it, would have said the same.
    const error = await failureOf(provider.create(await validated(args())));

    expect(error.message).toBe(message);
    expect(error.message).not.toContain("\n");
    expect(await squadcastWrites()).toEqual([]);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog"]);
    expect(await activeOn("payments")).toEqual([]);
  });
});

describe("check of an alert source a component is about to create reads the component's apps", () => {
  const APPS = ["apps-check-1", "apps-check-2", "apps-check-3", "apps-check-4", "apps-check-5"];

  beforeEach(async () => {
    for (const app of APPS) await sandbox.admin.createHerokuApp(app);
    await sandbox.admin.clearRequests();
  });

  test("all at once, not one after another: the engine runs check one resource at a time, and every webhook waits for this one", async () => {
    // Latency long enough that reads made one after another could never overlap.
    await sandbox.admin.setLatency(100);
    try {
      expect(await checkFailures(provider, { ...BY_NAME, apps: APPS })).toEqual([]);
    } finally {
      await sandbox.admin.setLatency(0);
    }
    const listings = (await sandbox.admin.requests()).filter(
      (entry) => entry.api === "heroku" && /^\/apps\/apps-check-\d\/webhooks$/.test(entry.path),
    );
    expect(listings.map((entry) => entry.path).sort()).toEqual(APPS.map((app) => `/apps/${app}/webhooks`));
    const spans = listings.map((entry) => {
      const start = Date.parse(entry.at);
      return { start, end: start + entry.durationMs };
    });
    // Each listing began before an earlier one had been answered.
    const first = Math.min(...spans.map((span) => span.end));
    expect(spans.filter((span) => span.start < first)).toHaveLength(APPS.length);
  });

  test("an app that does not exist fails check on apps, the first missing one in the program's order", async () => {
    const apps = [APPS[0], "no-such-app-b", APPS[1], "no-such-app-a"];
    expect(await checkFailures(provider, { ...BY_NAME, apps })).toEqual([
      expect.stringMatching(/^apps: Heroku API GET \/apps\/no-such-app-b\/webhooks failed: 404/),
    ]);
    expect(await squadcastWrites()).toEqual([]);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog"]);
  });
});

describe("an alert-source catalog with odd entries", () => {
  test("one malformed entry does not stop create or read", async () => {
    // No shortName, no version, and a flag of the wrong type: unusable, but the rest of the catalog is fine.
    await sandbox.admin.addCatalogEntry({ _id: "0123456789abcdef01234567", type: "Broken", isValid: "yes" });

    const { id, outs } = await create(BY_NAME);

    expect(outs.alertSourceId).toBe(catalogId("heroku"));
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "heroku"]);
    expect(await provider.read(id, outs)).toEqual({ id, props: outs });
  });

  test("an unavailable Heroku entry ahead of the available one is passed over", async () => {
    await sandbox.admin.addCatalogEntry({
      _id: "0123456789abcdef0123456a",
      type: "Heroku (legacy)",
      shortName: "heroku",
      version: "v1",
      isValid: true,
      isPrivate: false,
      deprecated: true,
    });

    const { outs } = await create(BY_NAME);

    expect(outs.alertSourceId).toBe(catalogId("heroku"));
  });
});

describe("read", () => {
  test("returns the state unchanged while the source is active", async () => {
    const { id, outs } = await create(BY_NAME);

    const result = await provider.read(id, outs);

    await expectNoCredential(result);
    expect(result).toEqual({ id, props: outs });
  });

  test('returns id "" once the source was removed outside Pulumi, so refresh drops it', async () => {
    const { id, outs } = await create(BY_NAME);
    await setActiveOutside(outs.serviceId, ["datadog"]);

    expect(await provider.read(id, outs)).toEqual({ id: "" });
  });
});

describe("diff", () => {
  test("a diff with no change answers changes: false without a single HTTP request", async () => {
    const { id, outs } = await create(BY_NAME);
    await sandbox.admin.clearRequests();

    expect(await provider.diff(id, outs, await checked(BY_NAME))).toMatchObject({ changes: false });

    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("naming the same service by id instead of name is no change, so nothing is ever updated in place", async () => {
    const { id, outs } = await create(BY_NAME);
    // Check sees other inputs than the recorded ones, and reads the service again (once: up records the
    // new spelling); diff, which has the state, sees the same service.
    const news = await checked({ serviceId: outs.serviceId });
    await sandbox.admin.clearRequests();

    const diff = await provider.diff(id, outs, news);

    expect(diff).toMatchObject({ changes: false, replaces: [] });
    expect(await sandbox.admin.requests()).toEqual([]);
  });
});

describe("delete", () => {
  test("removes only the source this resource added, keeping ones added since", async () => {
    const { id, outs } = await create(BY_NAME);
    await setActiveOutside(outs.serviceId, ["datadog", "heroku", "sentry"]);

    await provider.delete(id, outs);

    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog", "sentry"]);
  });

  test("succeeds when the source was already removed outside Pulumi", async () => {
    const { id, outs } = await create(BY_NAME);
    await setActiveOutside(outs.serviceId, ["datadog"]);
    await sandbox.admin.clearRequests();

    await expect(provider.delete(id, outs)).resolves.toBeUndefined();

    expect(await squadcastWrites()).toEqual([]);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog"]);
  });
});

describe("credentials", () => {
  test("a missing refresh token fails with a message naming squadcast:refreshToken and SQUADCAST_REFRESH_TOKEN", async () => {
    const withoutToken = new AlertSourceProvider(
      new ProviderContext({
        SQUADCAST_API_URL: sandbox.urls.squadcast,
        SQUADCAST_AUTH_URL: sandbox.urls.squadcastAuth,
      }),
    );

    const error = await withoutToken.create(await validated(BY_NAME)).then(
      () => undefined,
      (failure: unknown) => failure as Error,
    );

    expect(error?.message).toBe(
      "Squadcast refresh token is missing: run `pulumi config set --secret squadcast:refreshToken <token>` or set SQUADCAST_REFRESH_TOKEN.",
    );
    expect(await sandbox.admin.requests()).toEqual([]);
    await expectNoCredential(error);
  });

  test("a revoked refresh token fails without echoing it", async () => {
    const revoked = "revoked-refresh-token-0123456789";
    const withRevokedToken = new AlertSourceProvider(
      new ProviderContext({ ...sandbox.env, SQUADCAST_REFRESH_TOKEN: revoked }),
    );

    const error = await failureOf(withRevokedToken.create(await validated(BY_NAME)));

    expect(error.message).toContain("401");
    expect(error.message).not.toContain(revoked);
    expect(inspect(error, { depth: 10 })).not.toContain(revoked);
    expect(await activeOn(FIXTURE.serviceName)).toEqual(["datadog"]);
  });
});
