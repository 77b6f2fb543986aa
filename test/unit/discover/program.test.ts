import * as ts from "typescript";
import { renderProgram, type DiscoveryPlan } from "../../../src/discover";
import * as library from "../../../src";
import { ENTITY_PRESETS, entitySetOf } from "../../../src/mapping";
import {
  ALERT_SOURCE,
  APP_WEBHOOK,
  DEDUP_KEY_OVERLAY,
  byName,
  installProviderMocks,
  valueOf,
  type Registration,
} from "../components/helpers/provider-mocks";

const registrations: Registration[] = installProviderMocks();

const PLAN: DiscoveryPlan = {
  fleetName: "estate",
  defaults: { entities: "all", level: "notify" },
  routes: [
    {
      service: { id: "pay-id" },
      serviceName: "payments-service",
      apps: [{ app: "pay-api", webhookId: "22222222-2222-4222-8222-222222222222", level: "sync" }],
      deduplication: { enabled: false, overlay: "none" },
    },
    {
      service: { name: "shop-service", team: "Default Team" },
      serviceName: "shop-service",
      apps: [
        { app: "shop-api", webhookId: "11111111-1111-4111-8111-111111111111" },
        {
          app: "shop-cron",
          webhookId: "33333333-3333-4333-8333-333333333333",
          entities: ["api:build", "dyno"],
        },
      ],
      deduplication: { enabled: true, overlay: "package", windowMinutes: 1440 },
    },
  ],
  unmonitored: ["quiet-app"],
  stale: [
    {
      app: "old-app",
      webhookId: "44444444-4444-4444-8444-444444444444",
      url: "https://x/v1/incidents/heroku/***",
    },
  ],
  duplicates: [
    {
      app: "shop-api",
      adopted: "11111111-1111-4111-8111-111111111111",
      leftToRemove: ["55555555-5555-4555-8555-555555555555"],
    },
  ],
  otherReceivers: [],
  withoutDeduplication: ["payments-service"],
  skipped: [],
  managedByStack: {},
  counts: { apps: 5, adopted: 3 },
};

/** Runs a program text as the language host would, with the package resolved to the source under test. */
function run(program: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(program, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports: Record<string, unknown> = {};
  const requireInProgram = (name: string) => {
    if (name === "pulumi-heroku-squadcast") return library;
    throw new Error(`the program may import only pulumi-heroku-squadcast, not ${name}`);
  };
  new Function("exports", "require", outputText)(exports, requireInProgram);
  return exports;
}

describe("renderProgram", () => {
  test("the program makes one fleet whose webhooks adopt the existing ones, with their own settings", async () => {
    const outputs = run(renderProgram(PLAN));
    expect(Object.keys(await valueOf(outputs.apps as never)).sort()).toEqual([
      "pay-api",
      "shop-api",
      "shop-cron",
    ]);

    const webhooks = byName(registrations, APP_WEBHOOK);
    expect(webhooks.get("estate-shop-api")?.inputs).toMatchObject({
      app: "shop-api",
      entities: entitySetOf(ENTITY_PRESETS.all),
      level: "notify",
      adopt: "shop-api/11111111-1111-4111-8111-111111111111",
    });
    expect(webhooks.get("estate-shop-cron")?.inputs).toMatchObject({
      entities: { "api:build": true, dyno: true },
      adopt: "shop-cron/33333333-3333-4333-8333-333333333333",
    });
    expect(webhooks.get("estate-pay-api")?.inputs).toMatchObject({ level: "sync" });
    expect(webhooks.size).toBe(3);
    const sources = byName(registrations, ALERT_SOURCE);
    expect([...sources.values()].map((source) => source.inputs)).toEqual([
      expect.objectContaining({ serviceId: "pay-id" }),
      expect.objectContaining({ serviceName: "shop-service", team: "Default Team" }),
    ]);
  });

  test("what the program leaves to the user is in comments, and it imports the public package only", () => {
    const program = renderProgram(PLAN, { scannedAt: "2026-11-29T06:00:00Z" });
    expect(program).toContain('import { HerokuSquadcastFleet } from "pulumi-heroku-squadcast";');
    expect(program.match(/^import /gm)).toHaveLength(1);
    expect(program).toContain('//   "quiet-app"');
    expect(program).toContain(
      "//   old-app: webhook 44444444-4444-4444-8444-444444444444 → https://x/v1/incidents/heroku/***",
    );
    expect(program).toContain(
      "shop-api: adopts 11111111-1111-4111-8111-111111111111; others: 55555555-5555-4555-8555-555555555555 (pulumi up deletes those with the same URL",
    );
    expect(program).toContain("on 2026-11-29T06:00:00Z from 5 Heroku apps");
  });

  test("names that need quoting stay string literals, and a comment cannot be closed from a name", async () => {
    const plan: DiscoveryPlan = {
      ...PLAN,
      routes: [
        { service: { id: "x-id" }, serviceName: 'odd "name" */ here', apps: [PLAN.routes[0]!.apps[0]!] },
      ],
    };
    const program = renderProgram(plan);
    expect(program).toContain('{ id: "x-id" } /* odd "name" *\\/ here */');
    const outputs = run(program);
    expect(await valueOf(outputs.webhooks as never)).toEqual({ "pay-api": expect.any(String) });
  });
});

describe("a service without deduplication", () => {
  const OPTION = "      // deduplicate: true,";

  test("its route says so and why the option is left off; the program deduplicates nothing", async () => {
    const program = renderProgram(PLAN);
    const payments = program.slice(program.indexOf("    {"), program.indexOf('{ id: "pay-id" }'));
    expect(payments).toContain(
      "// No deduplication on payments-service: every trigger opens its own incident",
    );
    expect(payments).toContain("deactivates Deduplication Rules its owners may have");
    expect(payments).toContain(`${OPTION}\n`);
    // The service that deduplicates gets no comment, and nothing is listed for it.
    expect(program.match(/No deduplication on/g)).toHaveLength(1);
    expect(program).toContain("// No deduplication (1): services where every trigger opens its own incident");
    await valueOf(run(program).webhooks as never);
    expect(byName(registrations, DEDUP_KEY_OVERLAY).size).toBe(0);
  });

  test("uncommenting the option makes one overlay, for that route's service only", async () => {
    await valueOf(run(renderProgram(PLAN).replace(OPTION, "      deduplicate: true,")).webhooks as never);
    expect([...byName(registrations, DEDUP_KEY_OVERLAY).values()].map((overlay) => overlay.inputs)).toEqual([
      expect.objectContaining({ serviceId: "pay-id" }),
    ]);
  });

  test("over another owner's overlay the option is takeOver, and the comment says what it replaces", () => {
    const plan: DiscoveryPlan = {
      ...PLAN,
      routes: [{ ...PLAN.routes[0]!, deduplication: { enabled: false, overlay: "other", windowMinutes: 5 } }],
    };
    const program = renderProgram(plan);
    expect(program).toContain("another owner's template, off: takeOver replaces it");
    expect(program).toContain("      // deduplicate: { takeOver: true },\n");
  });
});

describe("what the program does on destroy", () => {
  test("it keeps the adopted webhooks (retainOnDelete), saying why and when to remove it", () => {
    const program = renderProgram(PLAN);
    expect(program).toMatch(/\n\}, \{ retainOnDelete: true \}\);\n/);
    expect(program).toContain("// retainOnDelete: every webhook below existed before this program");
    expect(program).toContain("discover cannot tell");
    expect(program).toContain("Remove it once this program is their only");
  });

  test.each([
    {
      name: "no stack named: the program says none could be left out",
      managedByStack: {},
      present: ["// No other stack was named to discover, so none of its webhooks could be left out."],
      absent: ["// Managed by stack"],
    },
    {
      name: "the apps of named stacks are listed at the end, each stack under its own heading",
      managedByStack: {
        fleet: [
          { app: "fleet-web", webhookIds: ["66666666-6666-4666-8666-666666666666"], matchedBy: "webhook id" },
          { app: "fleet-gone", webhookIds: [], matchedBy: "app" },
        ],
        "billing */ prod": [],
      },
      present: [
        "// The apps of stacks fleet, billing *\\/ prod are left out (listed at the end).",
        "// Managed by stack fleet (2): left out of the program; that stack owns their webhooks.",
        "//   fleet-web: webhook 66666666-6666-4666-8666-666666666666 (the stack names the webhook)",
        "//   fleet-gone: no webhook to Squadcast left (the stack names the app): that stack's pulumi up --refresh makes it again",
      ],
      absent: ["No other stack was named", "// Managed by stack billing", 'adopt: "fleet-web/'],
    },
  ])("$name", ({ managedByStack, present, absent }) => {
    const program = renderProgram({
      ...PLAN,
      managedByStack: managedByStack as DiscoveryPlan["managedByStack"],
    });
    for (const text of present) expect(program).toContain(text);
    for (const text of absent) expect(program).not.toContain(text);
  });

  test("a program that adopts nothing asks for no retainOnDelete", () => {
    const program = renderProgram({ ...PLAN, routes: [], counts: { apps: 1, adopted: 0 } });
    expect(program).not.toContain("retainOnDelete");
  });

  test("the fleet passes its retainOnDelete on to each webhook, which Pulumi would not", () => {
    const given: { name: string; retainOnDelete: boolean | undefined }[] = [];
    class RecordingFleet extends library.HerokuSquadcastFleet {
      protected override childResources() {
        const dynamic = super.childResources();
        return {
          ...dynamic,
          appWebhook: (...[name, args, opts]: Parameters<typeof dynamic.appWebhook>) => {
            given.push({ name, retainOnDelete: opts.retainOnDelete });
            return dynamic.appWebhook(name, args, opts);
          },
        };
      }
    }
    new RecordingFleet(
      "kept",
      { service: { id: "5f8891527f735f0a6f9cd2b1" }, apps: ["a-app", "b-app"] },
      {
        retainOnDelete: true,
      },
    );
    new RecordingFleet("plain", { service: { id: "5f8891527f735f0a6f9cd2b1" }, apps: ["c-app"] });
    expect(given).toEqual([
      { name: "kept-a-app", retainOnDelete: true },
      { name: "kept-b-app", retainOnDelete: true },
      { name: "plain-c-app", retainOnDelete: undefined },
    ]);
  });
});
