import {
  ALL_ENTITIES,
  DEFAULT_DEDUP_WINDOW_MINUTES,
  HEROKU_DEDUP_KEY_TEMPLATE,
  MAX_DEDUP_WINDOW_MINUTES,
  dedupScopeOf,
  dedupWindowProblem,
  entityInfo,
  herokuDedupKey,
  type DedupScope,
  type HerokuEntity,
} from "../../../src/mapping";

const CHECKOUT = { id: "d2f24bd2-399a-4868-9467-bc0ba2411cc2", name: "checkout-api" };
const BILLING = { id: "6d1f4e2a-0c7b-4f7e-9d55-2b8f0f6f1a10", name: "billing-api" };

let lastId = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++lastId).padStart(12, "0")}`;

/** A body shaped like what Heroku POSTs (heroku-api.md §2), for one event of an entity. */
function delivery(include: HerokuEntity, data: Record<string, unknown>, eventId = nextId()) {
  return {
    action: include === "api:dyno" ? "create" : "update",
    actor: { email: "deployer@example.com", id: nextId() },
    created_at: "2024-05-08T10:15:00Z",
    id: eventId,
    data,
    previous_data: {},
    published_at: null,
    resource: entityInfo(include).resource,
    sequence: null,
    updated_at: "2024-05-08T10:15:00Z",
    version: "application/vnd.heroku+json; version=3",
    webhook_metadata: {
      attempt: { id: nextId() },
      delivery: { id: nextId() },
      event: { id: eventId, include },
      webhook: { id: nextId() },
    },
  };
}

/** The `data` of one event of each entity of the seed's table, for an app. */
function dataOf(entity: HerokuEntity, app = CHECKOUT, dyno = "web.1"): Record<string, unknown> {
  switch (entity) {
    case "api:app":
      return { id: app.id, name: app.name, stack: { name: "heroku-24" } };
    case "api:build":
      return { id: nextId(), app, status: "failed" };
    case "dyno":
      return { id: nextId(), app, name: dyno, state: "crashed" };
    case "api:dyno":
      return { id: nextId(), app, name: "run.9359", state: "starting" };
    default:
      return { id: nextId(), app };
  }
}

const EXPECTED_SCOPES: Record<HerokuEntity, DedupScope> = {
  "api:addon-attachment": "event",
  "api:addon": "event",
  "api:app": "event",
  "api:build": "app",
  "api:collaborator": "event",
  "api:domain": "event",
  "api:dyno": "app-and-dyno",
  dyno: "app-and-dyno",
  "api:formation": "event",
  "api:release": "event",
  "api:sni-endpoint": "event",
  "api:ssl-endpoint": "event",
};

describe("HEROKU_DEDUP_KEY_TEMPLATE keys, against the seed's entity table", () => {
  it.each(ALL_ENTITIES)("%s: keyed by its scope", (entity) => {
    expect(dedupScopeOf(entity)).toBe(EXPECTED_SCOPES[entity]);
  });

  // Every entity of the table, as pairs of events that must or must not share an incident.
  const pairs = ALL_ENTITIES.map((entity) => {
    const first = delivery(entity, dataOf(entity));
    const sameThingAgain = delivery(entity, dataOf(entity));
    return { entity, first, sameThingAgain, scope: EXPECTED_SCOPES[entity] };
  });

  it.each(pairs.filter((pair) => pair.scope !== "event"))(
    "$entity: the next event of the same thing folds into the first one's key",
    (pair) => {
      expect(herokuDedupKey(pair.first)).toMatch(/^heroku\//);
      expect(herokuDedupKey(pair.sameThingAgain)).toBe(herokuDedupKey(pair.first));
    },
  );

  it.each(pairs.filter((pair) => pair.scope === "event"))(
    "$entity: every event is its own key (only a person resolves these)",
    (pair) => {
      expect(herokuDedupKey(pair.first)).toMatch(/^heroku\//);
      expect(herokuDedupKey(pair.sameThingAgain)).not.toBe(herokuDedupKey(pair.first));
    },
  );

  it.each(pairs)("$entity: a redelivery of the same event has the same key", (pair) => {
    const redelivered = {
      ...pair.first,
      webhook_metadata: { ...pair.first.webhook_metadata, delivery: { id: nextId() } },
    };
    expect(herokuDedupKey(redelivered)).toBe(herokuDedupKey(pair.first));
  });

  it("a failed build and the next failed build of the same app: one key", () => {
    const first = herokuDedupKey(delivery("api:build", dataOf("api:build")));
    const next = herokuDedupKey(delivery("api:build", dataOf("api:build")));
    expect(first).toBe("heroku/checkout-api/build");
    expect(next).toBe(first);
  });

  it("a failed build on another app: another key", () => {
    const checkout = herokuDedupKey(delivery("api:build", dataOf("api:build", CHECKOUT)));
    const billing = herokuDedupKey(delivery("api:build", dataOf("api:build", BILLING)));
    expect(billing).toBe("heroku/billing-api/build");
    expect(billing).not.toBe(checkout);
  });

  it("web.1 crashing again: one key; web.2 or web.1 of another app: other keys", () => {
    const crashes = [1, 2, 3].map(() => herokuDedupKey(delivery("dyno", dataOf("dyno", CHECKOUT, "web.1"))));
    expect(new Set(crashes)).toEqual(new Set(["heroku/checkout-api/dyno/web.1"]));
    const web2 = herokuDedupKey(delivery("dyno", dataOf("dyno", CHECKOUT, "web.2")));
    const otherApp = herokuDedupKey(delivery("dyno", dataOf("dyno", BILLING, "web.1")));
    expect(new Set([crashes[0], web2, otherApp]).size).toBe(3);
  });

  it("a build and a dyno of the same app do not share a key", () => {
    expect(herokuDedupKey(delivery("api:build", dataOf("api:build")))).not.toBe(
      herokuDedupKey(delivery("dyno", dataOf("dyno"))),
    );
  });

  it.each([
    ["not an object", "build failed"],
    ["a build without its app", { resource: "build", id: "e1", data: { status: "failed" } }],
    ["a dyno without its name", { resource: "dyno", id: "e2", data: { app: CHECKOUT } }],
    ["a trigger-only event without an id", { resource: "domain", data: { app: CHECKOUT } }],
  ])("no key for %s", (_name, body) => {
    expect(herokuDedupKey(body)).toBeUndefined();
  });

  it("uses only the Go-template subset the sandbox renders: field access, if/else if/else/end, eq", () => {
    const actions = [...HEROKU_DEDUP_KEY_TEMPLATE.matchAll(/\{\{(.*?)\}\}/g)].map((match) => match[1]);
    for (const action of actions) {
      expect(action).toMatch(/^(\.[a-z.]+|if eq \.[a-z]+ "[a-z]+"|else if eq \.[a-z]+ "[a-z]+"|else|end)$/);
    }
  });
});

describe("dedupWindowProblem", () => {
  it.each([1, 5, DEFAULT_DEDUP_WINDOW_MINUTES, MAX_DEDUP_WINDOW_MINUTES])("accepts %p minutes", (minutes) => {
    expect(dedupWindowProblem(minutes)).toBeUndefined();
  });

  it.each([
    [0, "from 1 to 2880"],
    [-5, "from 1 to 2880"],
    [1.5, "whole number"],
    ["60", "whole number"],
    [MAX_DEDUP_WINDOW_MINUTES + 1, "at most 2880 minutes (48 hours"],
  ])("refuses %p: %s", (minutes, message) => {
    expect(dedupWindowProblem(minutes)).toContain(message);
  });

  it("the default is inside the limit", () => {
    expect(DEFAULT_DEDUP_WINDOW_MINUTES).toBeLessThanOrEqual(MAX_DEDUP_WINDOW_MINUTES);
  });
});
