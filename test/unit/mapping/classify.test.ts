import {
  ALL_ENTITIES,
  classifyHerokuEvent,
  entityInfo,
  type HerokuEntity,
  type IncidentDecision,
} from "../../../src/mapping";

const APP = { id: "d2f24bd2-399a-4868-9467-bc0ba2411cc2", name: "checkout-api" };
const ACTOR = { email: "deployer@example.com", id: "33500732-3b64-436f-9710-64cc569c3e4f" };
const WEBHOOK_ID = "b54e6a7e-d162-4bd7-ab42-1011582c19cc";

// Deterministic UUID-shaped ids, so expected keys can be written out and reruns compare equal.
let lastId = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++lastId).padStart(12, "0")}`;

interface DeliveryOptions {
  readonly include: HerokuEntity;
  readonly action: "create" | "update" | "destroy";
  readonly data: Record<string, unknown>;
  readonly eventId?: string;
}

/** A delivery body shaped like what Heroku POSTs (heroku-api.md §2): one event, one delivery attempt. */
function herokuDelivery({ include, action, data, eventId = nextId() }: DeliveryOptions) {
  return {
    action,
    actor: ACTOR,
    created_at: "2024-05-08T10:15:00Z",
    id: eventId,
    data,
    previous_data: {},
    published_at: null,
    resource: include.replace(/^api:/, ""),
    sequence: null,
    updated_at: "2024-05-08T10:15:00Z",
    version: "application/vnd.heroku+json; version=3",
    webhook_metadata: {
      attempt: { id: nextId() },
      delivery: { id: nextId() },
      event: { id: eventId, include },
      webhook: { id: WEBHOOK_ID },
    },
  };
}

/** The same event delivered again, as a `sync` webhook retries it: new delivery and attempt ids. */
function redelivery(body: ReturnType<typeof herokuDelivery>) {
  return {
    ...body,
    webhook_metadata: { ...body.webhook_metadata, attempt: { id: nextId() }, delivery: { id: nextId() } },
  };
}

const build = (action: "create" | "update", status: string, app: object = APP) =>
  herokuDelivery({
    include: "api:build",
    action,
    data: {
      id: nextId(),
      app,
      status,
      buildpacks: [{ url: "heroku/nodejs" }],
      source_blob: { url: "https://example.com/source.tgz", version: "a1b2c3d" },
      output_stream_url: "https://build-output.heroku.com/streams/01.log",
      user: ACTOR,
    },
  });

const dyno = (
  include: "dyno" | "api:dyno",
  action: "create" | "update" | "destroy",
  name: string,
  state: string,
) =>
  herokuDelivery({
    include,
    action,
    data: {
      id: nextId(),
      app: APP,
      name,
      size: "Standard-1X",
      state,
      command: name.startsWith("run.") ? "bash" : "npm start",
      release: { id: nextId(), version: 42 },
      management: name.startsWith("run.") ? "run:attached" : "formation",
      exit_status: state === "crashed" ? 1 : null,
    },
  });

interface ClassifyCase {
  readonly name: string;
  readonly body: ReturnType<typeof herokuDelivery>;
  readonly action: IncidentDecision["action"];
  /** A function when the key names the event, whose id the fixture generated. */
  readonly dedupKey: string | ((body: ReturnType<typeof herokuDelivery>) => string);
  readonly entity: HerokuEntity;
}

/** Trigger-only entities open one incident per event, so the key carries the event id. */
const perEventKey = (resource: string) => (body: ReturnType<typeof herokuDelivery>) =>
  `heroku:checkout-api:${resource}:${body.webhook_metadata.event.id}`;

const triggerOnly = (
  include: HerokuEntity,
  action: "create" | "update" | "destroy",
  data: Record<string, unknown>,
): ClassifyCase => ({
  name: `${include} ${action} triggers its own incident`,
  body: herokuDelivery({ include, action, data }),
  action: "trigger",
  dedupKey: perEventKey(include.replace(/^api:/, "")),
  entity: include,
});

const REALISTIC_DELIVERIES: readonly ClassifyCase[] = [
  {
    name: "a failed build triggers",
    body: build("update", "failed"),
    action: "trigger",
    dedupKey: "heroku:checkout-api:build",
    entity: "api:build",
  },
  {
    name: "a succeeded build resolves under the failed build's key",
    body: build("update", "succeeded"),
    action: "resolve",
    dedupKey: "heroku:checkout-api:build",
    entity: "api:build",
  },
  {
    name: "a pending build (a build starting) is ignored",
    body: build("create", "pending"),
    action: "ignore",
    dedupKey: "heroku:checkout-api:build",
    entity: "api:build",
  },
  {
    name: "a failed build naming its app by id only is keyed by the app id",
    body: build("update", "failed", { id: APP.id }),
    action: "trigger",
    dedupKey: `heroku:${APP.id}:build`,
    entity: "api:build",
  },
  {
    name: "a crashed dyno triggers",
    body: dyno("dyno", "destroy", "web.1", "crashed"),
    action: "trigger",
    dedupKey: "heroku:checkout-api:dyno:web.1",
    entity: "dyno",
  },
  {
    name: "the same dyno coming up resolves under the crash's key",
    body: dyno("dyno", "update", "web.1", "up"),
    action: "resolve",
    dedupKey: "heroku:checkout-api:dyno:web.1",
    entity: "dyno",
  },
  {
    name: "another dyno crashing has its own key",
    body: dyno("dyno", "destroy", "web.2", "crashed"),
    action: "trigger",
    dedupKey: "heroku:checkout-api:dyno:web.2",
    entity: "dyno",
  },
  {
    name: "a dyno starting is ignored",
    body: dyno("dyno", "update", "web.1", "starting"),
    action: "ignore",
    dedupKey: "heroku:checkout-api:dyno:web.1",
    entity: "dyno",
  },
  {
    name: "a dyno stopping cleanly is ignored",
    body: dyno("dyno", "destroy", "worker.1", "down"),
    action: "ignore",
    dedupKey: "heroku:checkout-api:dyno:worker.1",
    entity: "dyno",
  },
  {
    name: "an api:dyno create (a one-off dyno started) triggers its own incident",
    body: dyno("api:dyno", "create", "run.9359", "starting"),
    action: "trigger",
    dedupKey: perEventKey("dyno"),
    entity: "api:dyno",
  },
  triggerOnly("api:addon-attachment", "create", {
    id: nextId(),
    name: "DATABASE",
    app: APP,
    addon: { id: nextId(), name: "postgresql-curved-12345", app: APP },
  }),
  triggerOnly("api:addon", "update", {
    id: nextId(),
    name: "postgresql-curved-12345",
    app: APP,
    plan: { id: nextId(), name: "heroku-postgresql:standard-0" },
    state: "provisioned",
  }),
  // An api:app delivery's data is the app itself, not an object holding `app`.
  triggerOnly("api:app", "update", {
    id: APP.id,
    name: APP.name,
    maintenance: true,
    stack: { name: "heroku-24" },
  }),
  triggerOnly("api:collaborator", "create", {
    id: nextId(),
    app: APP,
    role: "member",
    user: { id: nextId(), email: "new-hire@example.com" },
  }),
  triggerOnly("api:domain", "destroy", {
    id: nextId(),
    app: APP,
    hostname: "shop.example.com",
    kind: "custom",
    status: "none",
  }),
  triggerOnly("api:formation", "update", {
    id: nextId(),
    app: APP,
    type: "web",
    quantity: 0,
    size: "Standard-1X",
  }),
  triggerOnly("api:release", "create", {
    id: nextId(),
    app: APP,
    version: 42,
    status: "pending",
    description: "Deploy a1b2c3d",
    current: false,
  }),
  triggerOnly("api:sni-endpoint", "update", {
    id: nextId(),
    app: APP,
    name: "tokyo-1050",
    certificate_chain: "-----BEGIN CERTIFICATE-----",
  }),
  triggerOnly("api:ssl-endpoint", "destroy", {
    id: nextId(),
    app: APP,
    name: "tokyo-1050",
    cname: "tokyo-1050.herokussl.com",
  }),
];

const keyOf = (testCase: ClassifyCase) =>
  typeof testCase.dedupKey === "string" ? testCase.dedupKey : testCase.dedupKey(testCase.body);

describe("classifyHerokuEvent on realistic deliveries", () => {
  it.each(REALISTIC_DELIVERIES)("$name", (testCase) => {
    const decision = classifyHerokuEvent(testCase.body);
    expect(decision).toMatchObject({
      action: testCase.action,
      dedupKey: keyOf(testCase),
      entity: testCase.entity,
    });
    if (decision.action === "trigger") {
      // The incident title must say which app, or on-call cannot tell incidents of two apps apart.
      expect(decision.summary).toMatch(/checkout-api|d2f24bd2/);
    }
  });

  it.each(REALISTIC_DELIVERIES)(
    "$name, and gives the same decision when the event is delivered again",
    (testCase) => {
      expect(classifyHerokuEvent(redelivery(testCase.body))).toEqual(classifyHerokuEvent(testCase.body));
    },
  );

  it("has a row for every trigger-only entity of the table", () => {
    // A trigger-only entity added to the table must come with a delivery here.
    const covered = REALISTIC_DELIVERIES.filter((testCase) => typeof testCase.dedupKey !== "string").map(
      (testCase) => testCase.entity,
    );
    const triggerOnly = ALL_ENTITIES.filter((entity) => entityInfo(entity).effect === "trigger");
    expect(covered.sort()).toEqual([...triggerOnly].sort());
  });
});

describe("classifyHerokuEvent keys", () => {
  it("resolves a failed build with the next succeeded build of the same app", () => {
    const failed = classifyHerokuEvent(build("update", "failed"));
    const succeeded = classifyHerokuEvent(build("update", "succeeded"));
    expect([failed.action, succeeded.action]).toEqual(["trigger", "resolve"]);
    expect(succeeded.dedupKey).toBe(failed.dedupKey);
  });

  it("does not resolve one app's failed build with another app's success", () => {
    const failed = classifyHerokuEvent(build("update", "failed"));
    const otherApp = classifyHerokuEvent(
      build("update", "succeeded", { id: nextId(), name: "checkout-worker" }),
    );
    expect(otherApp.dedupKey).not.toBe(failed.dedupKey);
  });

  it("resolves a crashed dyno when the same dyno is up, even though a restart gives it a new id", () => {
    const crashed = dyno("dyno", "destroy", "web.1", "crashed");
    const up = dyno("dyno", "update", "web.1", "up");
    expect(up.data.id).not.toBe(crashed.data.id);
    expect(classifyHerokuEvent(up).dedupKey).toBe(classifyHerokuEvent(crashed).dedupKey);
  });

  it("does not resolve a crashed dyno when a different dyno comes up", () => {
    const crashed = classifyHerokuEvent(dyno("dyno", "destroy", "web.1", "crashed"));
    const otherUp = classifyHerokuEvent(dyno("dyno", "update", "web.2", "up"));
    expect(otherUp.action).toBe("resolve");
    expect(otherUp.dedupKey).not.toBe(crashed.dedupKey);
  });

  it("opens a separate incident for each release, so the second is not swallowed as a duplicate", () => {
    const releaseData = { id: nextId(), app: APP, version: 42, status: "pending" };
    const created = classifyHerokuEvent(
      herokuDelivery({ include: "api:release", action: "create", data: releaseData }),
    );
    const updated = classifyHerokuEvent(
      herokuDelivery({
        include: "api:release",
        action: "update",
        data: { ...releaseData, status: "failed" },
      }),
    );
    expect([created.action, updated.action]).toEqual(["trigger", "trigger"]);
    expect(updated.dedupKey).not.toBe(created.dedupKey);
  });

  it("tells api:dyno from dyno by the action when webhook_metadata is missing", () => {
    const { webhook_metadata: _dropped, ...started } = dyno("api:dyno", "create", "run.1", "starting");
    const { webhook_metadata: _alsoDropped, ...crashed } = dyno("dyno", "destroy", "web.1", "crashed");
    expect(classifyHerokuEvent(started)).toMatchObject({
      action: "trigger",
      entity: "api:dyno",
      dedupKey: `heroku:checkout-api:dyno:${started.id}`,
    });
    expect(classifyHerokuEvent(crashed)).toMatchObject({
      action: "trigger",
      entity: "dyno",
      dedupKey: "heroku:checkout-api:dyno:web.1",
    });
  });
});

describe("classifyHerokuEvent on bodies that are not Heroku deliveries", () => {
  const release = herokuDelivery({
    include: "api:release",
    action: "create",
    data: { id: nextId(), app: APP },
  });
  const { data: _noData, ...releaseWithoutData } = release;

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["an array", [release]],
    ["a string", JSON.stringify(release)],
    ["a number", 200],
    ["a boolean", true],
    ["an empty object", {}],
    ["an unknown resource", { ...release, resource: "pipeline", webhook_metadata: undefined }],
    [
      "an unknown include and resource",
      { ...release, resource: "pipeline", webhook_metadata: { event: { include: "api:pipeline" } } },
    ],
    ["a non-string resource", { ...release, resource: 7, webhook_metadata: null }],
    ["a build without data", { resource: "build", action: "update" }],
    ["a dyno without data", { resource: "dyno", action: "update" }],
    ["a release without data", releaseWithoutData],
    ["a release whose data is null", { ...release, data: null }],
    ["a release whose data is an array", { ...release, data: [{ app: APP }] }],
    ["a release whose data is a string", { ...release, data: "checkout-api" }],
  ])("ignores %s without throwing", (_what, body) => {
    let decision: IncidentDecision | undefined;
    expect(() => {
      decision = classifyHerokuEvent(body);
    }).not.toThrow();
    expect(decision?.action).toBe("ignore");
    expect(decision?.summary).not.toBe("");
  });

  it.each([
    ["webhook_metadata is a string", { ...release, webhook_metadata: "event" }],
    ["webhook_metadata.event is null", { ...release, webhook_metadata: { event: null } }],
    ["data.app is a string", { ...release, data: { id: nextId(), app: "checkout-api" } }],
  ])("does not throw when %s", (_what, body) => {
    expect(() => classifyHerokuEvent(body)).not.toThrow();
  });
});
