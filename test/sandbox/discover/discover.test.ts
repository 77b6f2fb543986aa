import { runCli, type CliIo } from "../../../src/cli";
import { discover, scanEstate, type DiscoveryPlan } from "../../../src/discover";
import { HerokuClient } from "../../../src/clients/heroku/client";
import { SquadcastTokenSource } from "../../../src/clients/squadcast/auth";
import { SquadcastClient } from "../../../src/clients/squadcast/client";
import { readDeduplication } from "../../../src/discover/deduplication";
import { startSandbox, type Sandbox } from "heroku-squadcast-sandbox";
import { HEROKU_DEDUP_KEY_TEMPLATE } from "../../../src/mapping";
import { verifySettingsFromEnv } from "../../../src/verify";
import { seedEstate, type Estate } from "../../support/estate";

let sandbox: Sandbox;
let estate: Estate;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  estate = await seedEstate(sandbox, { apps: 12, wired: 8, duplicated: 1, stale: 2, otherReceivers: 1 });
});
afterAll(() => sandbox?.stop());

function terminal(env: Record<string, string | undefined> = {}) {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    env: { ...sandbox.env, ...env },
  };
  return { io, stdout: () => out, stderr: () => err };
}

describe("the Heroku client's app lists", () => {
  test("listApps follows Range paging to every app", async () => {
    const heroku = new HerokuClient({
      apiKey: sandbox.env.HEROKU_API_KEY!,
      apiUrl: sandbox.env.HEROKU_API_URL!,
      pageSize: 5,
    });
    await sandbox.admin.clearRequests();
    const apps = await heroku.listApps();
    // The fixture's demo-app and the estate's twelve.
    expect(apps.map((app) => app.name).sort()).toEqual(["demo-app", ...estate.apps].sort());
    const pages = (await sandbox.admin.requests()).filter((request) => request.path === "/apps");
    expect(pages).toHaveLength(3);
  });

  test("listTeamApps lists a team's apps only, and a team nobody has is a 404", async () => {
    await sandbox.admin.createHerokuApp("team-one", "ops-team");
    await sandbox.admin.createHerokuApp("team-two", "ops-team");
    const heroku = new HerokuClient({
      apiKey: sandbox.env.HEROKU_API_KEY!,
      apiUrl: sandbox.env.HEROKU_API_URL!,
    });
    expect((await heroku.listTeamApps("ops-team")).map((app) => app.name).sort()).toEqual([
      "team-one",
      "team-two",
    ]);
    await expect(heroku.listTeamApps("no-such-team")).rejects.toMatchObject({ status: 404 });
    const scan = await scanEstate(verifySettingsFromEnv(sandbox.env), { team: "ops-team" });
    expect(scan.apps.map((app) => app.name).sort()).toEqual(["team-one", "team-two"]);
  });
});

describe("discover against the sandbox", () => {
  let plan: DiscoveryPlan;
  let program: string;

  beforeAll(async () => {
    // One service folds its Heroku triggers; one has an overlay but the switch off; one has neither.
    await sandbox.admin.setDedupKeyOverlay("storefront", HEROKU_DEDUP_KEY_TEMPLATE, 1440);
    await sandbox.admin.setDeduplication("storefront", true);
    await sandbox.admin.setDedupKeyOverlay("billing", "{{.resource}}", 60);
    await sandbox.admin.clearRequests();
    ({ plan, program } = await discover(verifySettingsFromEnv(sandbox.env), { apps: estate.apps }));
  });
  afterAll(async () => {
    await sandbox.admin.setDeduplication("storefront", false);
  });

  test("services without deduplication are reported, with the option that would turn it on", () => {
    expect(Object.fromEntries(plan.routes.map((route) => [route.serviceName, route.deduplication]))).toEqual({
      billing: { enabled: false, overlay: "other", windowMinutes: 60 },
      "platform-core": { enabled: false, overlay: "none" },
      storefront: { enabled: true, overlay: "package", windowMinutes: 1440 },
    });
    expect(plan.withoutDeduplication).toEqual(["billing", "platform-core"]);
    expect(program).toContain("      // deduplicate: { takeOver: true },\n");
    expect(program).toContain("      // deduplicate: true,\n");
  });

  test("every wired app is adopted into its service's route; the findings are exactly the seeded ones", () => {
    const routed = Object.fromEntries(
      plan.routes.flatMap((route) => route.apps.map((app) => [app.app, route.serviceName])),
    );
    expect(routed).toEqual(Object.fromEntries(estate.wired));
    expect(plan.unmonitored).toEqual(estate.unmonitored);
    expect(plan.stale.map((note) => note.app)).toEqual(estate.stale);
    expect(plan.duplicates.map((note) => note.app)).toEqual(estate.duplicated);
    expect(plan.otherReceivers.map((note) => note.app)).toEqual(estate.otherReceivers);
  });

  test("the adopted webhook is one of the app's own, and the duplicate is left to remove", async () => {
    for (const route of plan.routes) {
      for (const app of route.apps) {
        const ids = (await sandbox.admin.herokuWebhooks(app.app)).map((webhook) => webhook.id);
        expect(ids).toContain(app.webhookId);
      }
    }
    const [duplicate] = plan.duplicates;
    const ids = (await sandbox.admin.herokuWebhooks(duplicate!.app)).map((webhook) => webhook.id);
    expect([duplicate!.adopted, ...duplicate!.leftToRemove].sort()).toEqual(
      ids.filter((id) => !plan.stale.some((note) => note.webhookId === id)).sort(),
    );
  });

  test("with --app, two Heroku requests per app; Squadcast requests do not depend on the apps", async () => {
    const requests = await sandbox.admin.requests();
    const heroku = requests.filter((request) => request.api === "heroku");
    expect(heroku).toHaveLength(2 * estate.apps.length);
    const squadcast = requests.filter((request) => request.api !== "heroku");
    // Token, teams, each team's services (Default Team, Platform), and the Heroku overlay of each service
    // a webhook delivers to (storefront, billing, platform-core): one read per service, none per app.
    // dedup_key_enabled comes with the service list.
    expect(
      squadcast.map((request) => `${request.method} ${request.path.replace(/[0-9a-f]{24}/, "{id}")}`).sort(),
    ).toEqual([
      "GET /oauth/access-token",
      "GET /v3/services",
      "GET /v3/services",
      "GET /v3/services/{id}/overlays/dedup-key/heroku",
      "GET /v3/services/{id}/overlays/dedup-key/heroku",
      "GET /v3/services/{id}/overlays/dedup-key/heroku",
      "GET /v3/teams",
    ]);
  });

  test("neither the plan nor the program holds a key or token", () => {
    const text = JSON.stringify(plan) + program;
    for (const secret of estate.secrets) expect(text).not.toContain(secret);
  });
});

describe("a service's deduplication, as discover reads it", () => {
  const client = () =>
    new SquadcastClient({
      apiUrl: sandbox.env.SQUADCAST_API_URL!,
      tokenSource: new SquadcastTokenSource({
        refreshToken: sandbox.env.SQUADCAST_REFRESH_TOKEN!,
        authUrl: sandbox.env.SQUADCAST_AUTH_URL!,
      }),
      retries: 0,
    });
  const readsOf = async (read: () => Promise<unknown>) => {
    await sandbox.admin.clearRequests();
    const result = await read();
    const paths = (await sandbox.admin.requests())
      .filter((request) => request.api === "squadcast")
      .map((request) => request.path.replace(/^\/v3\/services\/[^/]+/, ""));
    return { result, paths };
  };

  test("one read when the service list carried dedup_key_enabled; the config too when it did not", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    const squadcast = client();
    expect(
      await readsOf(() => readDeduplication(squadcast, { id: service!.id, dedupKeyEnabled: false })),
    ).toEqual({
      result: { enabled: false, overlay: "none" },
      paths: ["/overlays/dedup-key/heroku"],
    });
    const omitted = await readsOf(() => readDeduplication(squadcast, { id: service!.id }));
    expect(omitted.paths.sort()).toEqual(["/config", "/overlays/dedup-key/heroku"]);
  });

  test("a role that may not read it leaves it unread (undefined) instead of failing the scan", async () => {
    const [service] = await sandbox.admin.squadcastServices();
    await sandbox.admin.addFault({ target: "squadcast", pathPattern: "/overlays/dedup-key/", status: 403 });
    try {
      expect(await readDeduplication(client(), { id: service!.id, dedupKeyEnabled: true })).toBeUndefined();
    } finally {
      await sandbox.admin.clearFaults();
    }
  });
});

describe("heroku-squadcast discover", () => {
  test("--json prints the plan; the findings go to stderr with progress; nothing holds a secret", async () => {
    const run = terminal();
    const code = await runCli(
      ["discover", "--json", ...estate.apps.flatMap((app) => ["--app", app])],
      run.io,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(run.stdout()) as DiscoveryPlan;
    expect(plan.unmonitored).toEqual(estate.unmonitored);
    expect(run.stderr()).toContain(
      `heroku-squadcast discover: ${estate.apps.length}/${estate.apps.length} apps read`,
    );
    expect(run.stderr()).toContain(
      `not monitored: no webhook to a Squadcast service (${estate.unmonitored.length}):`,
    );
    expect(run.stderr()).toContain(`${estate.duplicated[0]}: adopts ${plan.duplicates[0]!.adopted}`);
    expect(run.stderr()).toContain(
      "  no deduplication: services that receive Heroku events without it (3):\n" +
        "    billing (every trigger opens its own incident; add `deduplicate: { takeOver: true }` to the route)\n" +
        "    platform-core (every trigger opens its own incident; add `deduplicate: true` to the route)\n",
    );
    for (const secret of estate.secrets) {
      expect(run.stdout()).not.toContain(secret);
      expect(run.stderr()).not.toContain(secret);
    }
  });

  test("an --app the API key cannot see is reported as not read, and the rest is still planned", async () => {
    const run = terminal();
    const code = await runCli(["discover", "--app", estate.apps[0]!, "--app", "no-such-app"], run.io);
    expect(code).toBe(0);
    expect(run.stdout()).toContain(`adopt: "${estate.apps[0]}/`);
    expect(run.stdout()).toContain("//   no-such-app: no such app that the API key can see");
    expect(run.stderr()).toContain("not read (1):\n    no-such-app: no such app that the API key can see");
  });

  test("without credentials it says which variable to set and exits 2", async () => {
    const run = terminal({ HEROKU_API_KEY: undefined });
    expect(await runCli(["discover"], run.io)).toBe(2);
    expect(run.stderr()).toContain("HEROKU_API_KEY");
  });

  test("plain http to a host that is not loopback is refused before any request, naming the variable", async () => {
    await sandbox.admin.clearRequests();
    const run = terminal({ SQUADCAST_API_URL: "http://squadcast-api.invalid:8080" });
    expect(await runCli(["discover"], run.io)).toBe(2);
    expect(run.stderr()).toMatch(
      /^heroku-squadcast: SQUADCAST_API_URL must use https: plain http is accepted only to a loopback address/,
    );
    expect(run.stdout()).toBe("");
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("an unknown flag is a usage error", async () => {
    const run = terminal();
    expect(await runCli(["discover", "--bogus"], run.io)).toBe(2);
    expect(run.stderr()).toContain("--bogus");
  });
});
