import {
  destinationOf,
  entitySelectionOf,
  planDiscovery,
  type EstateScan,
  type ScannedApp,
  type StackOwnership,
} from "../../../src/discover";
import type { HerokuWebhook } from "../../../src/clients/heroku/client";
import { deduplicateOption, deduplicates } from "../../../src/discover/deduplication";
import { ENTITY_PRESETS } from "../../../src/mapping";

const API = "https://api.squadcast.com";
const SHOP_KEY = "0123456789abcdef0123456789abcdef";
const PAY_KEY = "fedcba9876543210fedcba9876543210";
const GONE_KEY = "deadbeefdeadbeefdeadbeefdeadbeef";
const keys = new Map([
  [SHOP_KEY, "shop-id"],
  [PAY_KEY, "pay-id"],
]);

describe("destinationOf", () => {
  test.each([
    ["a Heroku alert-source URL of a known service", `${API}/v1/incidents/heroku/${SHOP_KEY}`, "service"],
    [
      "another region's URL with a known key",
      `https://api.eu.squadcast.com/v1/incidents/heroku/${PAY_KEY}`,
      "service",
    ],
    ["a trailing slash", `${API}/v1/incidents/heroku/${SHOP_KEY}/`, "service"],
    ["a sandbox URL", `http://127.0.0.1:4010/v1/incidents/heroku/${SHOP_KEY}`, "service"],
    ["a Heroku alert-source URL of a deleted service", `${API}/v1/incidents/heroku/${GONE_KEY}`, "stale"],
    ["another receiver", "https://hooks.example.com/heroku", "other"],
    ["another receiver whose path ends like a key", `https://hooks.example.com/x/${GONE_KEY}`, "other"],
    ["text that is no URL", "not a url", "other"],
  ])("%s is %s", (_case, url, kind) => {
    expect(destinationOf(url, keys).kind).toBe(kind);
  });

  test("names the service whose key the URL carries", () => {
    expect(destinationOf(`${API}/v1/incidents/heroku/${PAY_KEY}`, keys)).toEqual({
      kind: "service",
      serviceId: "pay-id",
    });
  });
});

describe("entitySelectionOf", () => {
  test.each([
    ["every entity, in any order", [...ENTITY_PRESETS.all].reverse(), "all"],
    ["the resolvable entities", [...ENTITY_PRESETS.resolvable], "resolvable"],
    ["the deploy entities", [...ENTITY_PRESETS.deploys], "deploys"],
    ["one entity", ["dyno"], ["dyno"]],
    ["a list, put in table order", ["api:release", "dyno", "api:app"], ["api:app", "dyno", "api:release"]],
  ])("%s", (_case, include, expected) => {
    expect(entitySelectionOf(include)).toEqual(expected);
  });
});

let sequence = 0;
function webhook(url: string, options: Partial<HerokuWebhook> = {}): HerokuWebhook {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`;
  return {
    id,
    app: { id: "app-id", name: "app" },
    url,
    include: [...ENTITY_PRESETS.all],
    level: "notify",
    createdAt: `2026-01-01T00:00:${String(sequence % 60).padStart(2, "0")}Z`,
    updatedAt: "2026-01-01T00:00:00Z",
    ...options,
  };
}
const shop = (options?: Partial<HerokuWebhook>) => webhook(`${API}/v1/incidents/heroku/${SHOP_KEY}`, options);
const pay = (options?: Partial<HerokuWebhook>) => webhook(`${API}/v1/incidents/heroku/${PAY_KEY}`, options);
const gone = () => webhook(`${API}/v1/incidents/heroku/${GONE_KEY}`);
const other = () => webhook("https://hooks.example.com/heroku");
const app = (name: string, ...webhooks: HerokuWebhook[]): ScannedApp => ({
  id: `${name}-id`,
  name,
  webhooks,
});
const scanOf = (...apps: ScannedApp[]): EstateScan => ({
  apps,
  services: [
    { id: "shop-id", name: "shop-service", teamName: "Default Team", apiKey: SHOP_KEY },
    { id: "pay-id", name: "payments-service", apiKey: PAY_KEY },
  ],
});

describe("planDiscovery", () => {
  test.each([
    {
      name: "an app with one webhook to a service is adopted into that service's route",
      apps: [app("shop-web", shop())],
      routes: { "shop-service": ["shop-web"] },
      unmonitored: [],
      stale: [],
      duplicates: [],
      others: [],
    },
    {
      name: "apps without webhooks, or only to other receivers, are unmonitored",
      apps: [app("quiet"), app("logged", other()), app("shop-web", shop())],
      routes: { "shop-service": ["shop-web"] },
      unmonitored: ["logged", "quiet"],
      stale: [],
      duplicates: [],
      others: ["logged"],
    },
    {
      name: "a webhook to a deleted service is stale; its app, paging no one, is unmonitored",
      apps: [app("old", gone()), app("mixed", gone(), pay())],
      routes: { "payments-service": ["mixed"] },
      unmonitored: ["old"],
      stale: ["old", "mixed"],
      duplicates: [],
      others: [],
    },
    {
      name: "two webhooks to Squadcast on one app: the oldest is adopted, the other left to remove",
      apps: [
        app(
          "twice",
          shop({ createdAt: "2026-02-01T00:00:00Z" }),
          shop({ createdAt: "2025-01-01T00:00:00Z" }),
        ),
      ],
      routes: { "shop-service": ["twice"] },
      unmonitored: [],
      stale: [],
      duplicates: ["twice"],
      others: [],
    },
    {
      name: "routes and apps come sorted by name, whatever order Heroku listed them in",
      apps: [app("z-pay", pay()), app("b-shop", shop()), app("a-shop", shop())],
      routes: { "payments-service": ["z-pay"], "shop-service": ["a-shop", "b-shop"] },
      unmonitored: [],
      stale: [],
      duplicates: [],
      others: [],
    },
  ])("$name", ({ apps, routes, unmonitored, stale, duplicates, others }) => {
    const plan = planDiscovery(scanOf(...apps));
    expect(
      Object.fromEntries(
        plan.routes.map((route) => [route.serviceName, route.apps.map((entry) => entry.app)]),
      ),
    ).toEqual(routes);
    expect(plan.unmonitored).toEqual(unmonitored);
    expect(plan.stale.map((note) => note.app)).toEqual(stale);
    expect(plan.duplicates.map((note) => note.app)).toEqual(duplicates);
    expect(plan.otherReceivers.map((note) => note.app)).toEqual(others);
    expect(plan.counts).toEqual({ apps: apps.length, adopted: Object.values(routes).flat().length });
  });

  test("the adopted webhook of a duplicated app is the oldest", () => {
    const newer = shop({ createdAt: "2026-02-01T00:00:00Z" });
    const older = shop({ createdAt: "2025-01-01T00:00:00Z" });
    const plan = planDiscovery(scanOf(app("twice", newer, older)));
    expect(plan.duplicates).toEqual([{ app: "twice", adopted: older.id, leftToRemove: [newer.id] }]);
    expect(plan.routes[0]!.apps[0]!.webhookId).toBe(older.id);
  });

  test.each([
    {
      name: "the most common entities and level become the defaults; apps state only what differs",
      hooks: [
        shop(),
        shop(),
        shop({ include: [...ENTITY_PRESETS.resolvable] }),
        shop({ include: ["dyno"], level: "sync" }),
      ],
      defaults: { entities: "all", level: "notify" },
      overrides: [{}, {}, { entities: "resolvable" }, { entities: ["dyno"], level: "sync" }],
    },
    {
      name: "a list can be the default",
      hooks: [shop({ include: ["dyno"], level: "sync" }), shop({ include: ["dyno"], level: "sync" }), shop()],
      defaults: { entities: ["dyno"], level: "sync" },
      overrides: [{}, {}, { entities: "all", level: "notify" }],
    },
    {
      name: "a tie prefers all and notify",
      hooks: [shop({ include: ["dyno"], level: "sync" }), shop()],
      defaults: { entities: "all", level: "notify" },
      overrides: [{ entities: ["dyno"], level: "sync" }, {}],
    },
  ])("$name", ({ hooks, defaults, overrides }) => {
    const apps = hooks.map((hook, index) => app(`app-${index}`, hook));
    const plan = planDiscovery(scanOf(...apps));
    expect(plan.defaults).toEqual(defaults);
    expect(
      plan.routes[0]!.apps.map(({ entities, level }) => ({
        ...(entities === undefined ? {} : { entities }),
        ...(level === undefined ? {} : { level }),
      })),
    ).toEqual(overrides);
  });

  test("a service of a known team is named by name and team, else by id", () => {
    const plan = planDiscovery(scanOf(app("a", shop()), app("b", pay())));
    expect(plan.routes.map(({ service, serviceName }) => ({ service, serviceName }))).toEqual([
      { service: { id: "pay-id" }, serviceName: "payments-service" },
      { service: { name: "shop-service", team: "Default Team" }, serviceName: "shop-service" },
    ]);
  });

  test("each route carries its service's deduplication; those that do not fold triggers are listed", () => {
    const off = { enabled: false, overlay: "package", windowMinutes: 1440 } as const;
    const on = { enabled: true, overlay: "other", windowMinutes: 30 } as const;
    const scan = scanOf(app("a", shop()), app("b", pay()));
    const plan = planDiscovery({
      ...scan,
      services: scan.services.map((service) => ({
        ...service,
        deduplication: service.id === "shop-id" ? off : on,
      })),
    });
    expect(plan.routes.map(({ serviceName, deduplication }) => ({ serviceName, deduplication }))).toEqual([
      { serviceName: "payments-service", deduplication: on },
      { serviceName: "shop-service", deduplication: off },
    ]);
    expect(plan.withoutDeduplication).toEqual(["shop-service"]);
    // Not read (the role may not): neither listed nor claimed to deduplicate.
    expect(planDiscovery(scan).withoutDeduplication).toEqual([]);
    expect(planDiscovery(scan).routes[0]).not.toHaveProperty("deduplication");
  });

  test.each([
    [{ enabled: false, overlay: "none" }, "deduplicate: true"],
    [{ enabled: true, overlay: "none" }, "deduplicate: true"],
    [{ enabled: false, overlay: "package", windowMinutes: 1440 }, "deduplicate: true"],
    [{ enabled: false, overlay: "package", windowMinutes: 90 }, "deduplicate: { windowMinutes: 90 }"],
    [{ enabled: false, overlay: "other", windowMinutes: 90 }, "deduplicate: { takeOver: true }"],
  ] as const)("deduplicateOption(%p) is %p: what up accepts over what is there", (deduplication, option) => {
    expect(deduplicates(deduplication)).toBe(false);
    expect(deduplicateOption(deduplication)).toBe(option);
  });

  test("the plan holds no key, and masks every URL it shows", () => {
    const plan = planDiscovery(scanOf(app("a", shop(), shop()), app("b", gone(), other()), app("c", pay())));
    const json = JSON.stringify(plan);
    for (const key of [SHOP_KEY, PAY_KEY, GONE_KEY]) expect(json).not.toContain(key);
    expect(plan.stale[0]!.url).toBe(`${API}/v1/incidents/heroku/***`);
  });
});

describe("planDiscovery with stacks that manage webhooks", () => {
  const fleetHook = shop();
  const handHook = shop();
  const secondCopy = shop({ createdAt: "2027-01-01T00:00:00Z" });
  const integrationHook = pay();
  const scan = scanOf(
    app("fleet-web", fleetHook, secondCopy),
    app("by-hand", handHook),
    app("integrated", integrationHook),
    app("gone-from-fleet", other()),
  );
  const fleet: StackOwnership = {
    stack: "fleet",
    apps: [
      { app: "fleet-web", webhookId: fleetHook.id },
      { app: "gone-from-fleet", webhookId: "deleted-webhook-id" },
    ],
  };

  test.each([
    {
      name: "no stack named: every webhook to a service is adopted, and no stack is listed",
      managedBy: [],
      routes: { "payments-service": ["integrated"], "shop-service": ["by-hand", "fleet-web"] },
      managedByStack: {},
      unmonitored: ["gone-from-fleet"],
    },
    {
      name: "a fleet's webhook named by id leaves its app out, with its other copy; an app whose webhook is gone is listed too",
      managedBy: [fleet],
      routes: { "payments-service": ["integrated"], "shop-service": ["by-hand"] },
      managedByStack: {
        fleet: [
          { app: "fleet-web", webhookIds: [fleetHook.id, secondCopy.id], matchedBy: "webhook id" },
          { app: "gone-from-fleet", webhookIds: [], matchedBy: "app" },
        ],
      },
      unmonitored: [],
    },
    {
      name: "an app named without a webhook id is matched by its name",
      managedBy: [{ stack: "billing", apps: [{ app: "integrated" }] }],
      routes: { "shop-service": ["by-hand", "fleet-web"] },
      managedByStack: {
        billing: [{ app: "integrated", webhookIds: [integrationHook.id], matchedBy: "app" }],
      },
      unmonitored: ["gone-from-fleet"],
    },
    {
      name: "or by its id, as a program may name an app",
      managedBy: [{ stack: "billing", apps: [{ app: "integrated-id" }] }],
      routes: { "shop-service": ["by-hand", "fleet-web"] },
      managedByStack: {
        billing: [{ app: "integrated", webhookIds: [integrationHook.id], matchedBy: "app" }],
      },
      unmonitored: ["gone-from-fleet"],
    },
    {
      name: "a webhook id names the app even where the stack calls the app otherwise",
      managedBy: [{ stack: "other", apps: [{ app: "renamed-since", webhookId: handHook.id }] }],
      routes: { "payments-service": ["integrated"], "shop-service": ["fleet-web"] },
      managedByStack: { other: [{ app: "by-hand", webhookIds: [handHook.id], matchedBy: "webhook id" }] },
      unmonitored: ["gone-from-fleet"],
    },
    {
      name: "a stack that names none of the scanned apps leaves the plan as it is, listed with nothing",
      managedBy: [{ stack: "elsewhere", apps: [{ app: "not-scanned", webhookId: "x" }] }],
      routes: { "payments-service": ["integrated"], "shop-service": ["by-hand", "fleet-web"] },
      managedByStack: { elsewhere: [] },
      unmonitored: ["gone-from-fleet"],
    },
    {
      name: "an app two stacks name is listed under each, and adopted by neither",
      managedBy: [fleet, { stack: "again", apps: [{ app: "fleet-web" }] }],
      routes: { "payments-service": ["integrated"], "shop-service": ["by-hand"] },
      managedByStack: {
        fleet: [
          { app: "fleet-web", webhookIds: [fleetHook.id, secondCopy.id], matchedBy: "webhook id" },
          { app: "gone-from-fleet", webhookIds: [], matchedBy: "app" },
        ],
        again: [{ app: "fleet-web", webhookIds: [fleetHook.id, secondCopy.id], matchedBy: "app" }],
      },
      unmonitored: [],
    },
  ])("$name", ({ managedBy, routes, managedByStack, unmonitored }) => {
    const plan = planDiscovery(scan, "estate", managedBy as StackOwnership[]);
    expect(
      Object.fromEntries(
        plan.routes.map((route) => [route.serviceName, route.apps.map((entry) => entry.app)]),
      ),
    ).toEqual(routes);
    expect(plan.managedByStack).toEqual(managedByStack);
    expect(Object.keys(plan.managedByStack)).toEqual(Object.keys(managedByStack));
    expect(plan.unmonitored).toEqual(unmonitored);
    // A managed app is neither adopted nor reported as a duplicate to remove: it is its stack's.
    const managed = new Set(
      Object.values(plan.managedByStack).flatMap((notes) => notes.map((note) => note.app)),
    );
    expect(plan.duplicates.filter((note) => managed.has(note.app))).toEqual([]);
    expect(plan.counts).toEqual({ apps: 4, adopted: Object.values(routes).flat().length });
  });
});
