import { AppWebhookProvider } from "../../../src/heroku/app-webhook";
import type { AppWebhookInputs, AppWebhookState } from "../../../src/heroku/app-webhook-state";
import { ENTITY_PRESETS, entitySetOf } from "../../../src/mapping";
import { ProviderContext } from "../../../src/resource-kit/context";
import { UNKNOWN_VALUE } from "../../../src/resource-kit/unknown";
import { checkFailures, inputValidation } from "../../support/check-then-create";

// check and diff must not need credentials or the network: an empty env proves neither is touched.
const provider = new AppWebhookProvider(new ProviderContext({}));

/** A URL shaped like a Squadcast alert-source URL, whose last segment is the service's key. */
const KEYED_URL = "https://api.squadcast.com/v1/incidents/heroku/key-that-must-never-be-echoed";
const VALID = { app: "demo-app", url: "https://example.com/hook", entities: ["api:build", "dyno"] };

function check(news: Record<string, unknown>) {
  return provider.checkInputs({} as AppWebhookInputs, news as unknown as AppWebhookInputs);
}

const failuresOf = (news: Record<string, unknown>) => checkFailures(inputValidation(provider), news);

describe("AppWebhookProvider.check accepts", () => {
  test("the minimal inputs, filling in every preset entity and the notify level", async () => {
    const result = await check({ app: "demo-app", url: "https://example.com/hook" });
    expect(result).toEqual({
      inputs: {
        app: "demo-app",
        url: "https://example.com/hook",
        entities: entitySetOf(ENTITY_PRESETS.all),
        level: "notify",
      },
    });
  });

  test.each([
    ["a preset", "resolvable", ["api:build", "dyno"]],
    ["a list out of table order", ["api:release", "dyno", "api:build"], ["api:build", "dyno", "api:release"]],
    ["a retired entity next to a live one, leaving it out", ["api:ssl-endpoint", "dyno"], ["dyno"]],
    ["a set (what the constructor registers)", { dyno: true, "api:build": true }, ["api:build", "dyno"]],
  ])("entities as %s, kept as a set", async (_name, entities, resolved) => {
    const result = await check({ ...VALID, entities });
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.entities).toEqual(Object.fromEntries(resolved.map((entity) => [entity, true])));
  });

  test.each([
    ["an app id", { app: "01234567-89ab-cdef-0123-456789abcdef" }],
    ["the sync level", { level: "sync" }],
    ["plain http to 127.0.0.1 (the sandbox)", { url: "http://127.0.0.1:4000/hook" }],
    ["plain http to localhost", { url: "http://localhost:4000/hook" }],
    ["plain http to [::1]", { url: "http://[::1]:4000/hook" }],
    ["a secret and an authorization", { secret: "s3cret", authorization: "Bearer token" }],
    ["adopt as app/webhook id", { adopt: "demo-app/01234567-89ab-cdef-0123-456789abcdef" }],
  ])("%s", async (_name, fields) => {
    const news = { ...VALID, ...fields };
    const result = await check(news);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject(fields);
  });

  test("the engine's unknown sentinel in every field, unvalidated and unchanged", async () => {
    const news = {
      app: UNKNOWN_VALUE,
      url: UNKNOWN_VALUE,
      entities: UNKNOWN_VALUE,
      level: UNKNOWN_VALUE,
      secret: UNKNOWN_VALUE,
      authorization: UNKNOWN_VALUE,
      adopt: UNKNOWN_VALUE,
    };
    expect(await check(news)).toEqual({ inputs: news });
  });

  test("an entity list with one entity not known yet", async () => {
    const result = await check({ ...VALID, entities: ["dyno", UNKNOWN_VALUE] });
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.entities).toEqual(["dyno", UNKNOWN_VALUE]);
  });
});

describe("AppWebhookProvider.check rejects, naming the property and the fix", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "an unknown entity, with a did-you-mean",
      { entities: ["api:builds"] },
      'entities: entities unknown entity "api:builds": did you mean "api:build"?',
    ],
    [
      "an entity without its api: prefix",
      { entities: ["release"] },
      'entities: entities unknown entity "release": did you mean "api:release"?',
    ],
    [
      "an empty list",
      { entities: [] },
      "entities: entities must list at least one entity: an empty list would never deliver",
    ],
    [
      "a duplicate entity",
      { entities: ["dyno", "dyno"] },
      'entities: entities entity "dyno" is listed twice',
    ],
    [
      "an unknown preset",
      { entities: "everything" },
      'entities: entities unknown entity preset "everything": use one of all, resolvable, deploys',
    ],
    [
      "only retired entities",
      { entities: ["api:ssl-endpoint"] },
      "entities: entities must list at least one entity that Heroku still emits: every entity listed is retired",
    ],
    [
      "a set with a value other than true",
      { entities: { dyno: true, "api:build": false } },
      'entities: entities as a set, every value must be true (got "api:build")',
    ],
    ["a bad level", { level: "async" }, "level: level must be notify or sync"],
    ["a missing app", { app: undefined }, "app: app must be a Heroku app name or id"],
    [
      "an empty app",
      { app: "" },
      "app: app must be a Heroku app name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or an app id",
    ],
    [
      "an app name with capitals and an underscore",
      { app: "Demo_App" },
      "app: app must be a Heroku app name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or an app id",
    ],
    [
      "plain http to a public host",
      { url: "http://example.com/hook" },
      "url: url must use https (plain http is accepted only for loopback addresses such as the sandbox)",
    ],
    [
      "a URL that is not absolute",
      { url: "example.com/hook" },
      "url: url must be an absolute URL such as https://example.com/hook",
    ],
    ["a URL that is not a string", { url: 42 }, "url: url must be a string"],
    [
      "adopt without the webhook id",
      { adopt: "demo-app" },
      'adopt: adopt must be "<app>/<webhook id>" or "<app>:<webhook id>", e.g. "my-app/01234567-89ab-…"',
    ],
    [
      "adopt with a webhook id that is not a UUID",
      { adopt: "demo-app/42" },
      'adopt: adopt must be "<app>/<webhook id>" or "<app>:<webhook id>", e.g. "my-app/01234567-89ab-…"',
    ],
    [
      "an empty secret",
      { secret: "" },
      "secret: secret must not be empty: omit it to let Heroku generate one",
    ],
  ])("%s", async (_name, fields, failure) => {
    expect(await failuresOf({ ...VALID, ...fields })).toEqual([failure]);
  });

  test("every bad property at once, one failure each", async () => {
    const failures = await failuresOf({ app: "", url: "ftp://example.com", entities: [], level: "x" });
    expect(failures.map((failure) => failure.split(":")[0]).sort()).toEqual([
      "app",
      "entities",
      "level",
      "url",
    ]);
  });

  test.each([
    ["plain http", KEYED_URL.replace("https:", "http:")],
    ["not absolute", KEYED_URL.replace("https://", "")],
    ["too long", `${KEYED_URL}/${"x".repeat(2048)}`],
  ])("a keyed URL that is %s, without ever echoing it", async (_name, url) => {
    const result = await check({ ...VALID, url });
    const reasons = JSON.stringify(result.failures);
    expect(result.failures).toEqual([{ property: "url", reason: expect.stringMatching(/^url must/) }]);
    expect(reasons).not.toContain("key-that-must-never-be-echoed");
    expect(reasons).not.toContain("api.squadcast.com");
  });
});

describe("AppWebhookProvider.diff", () => {
  const STATE: AppWebhookState = {
    app: "demo-app",
    url: "https://example.com/hook",
    entities: { "api:build": true, dyno: true },
    level: "notify",
    secret: "first-secret",
    webhookId: "01234567-89ab-cdef-0123-456789abcdef",
    appId: "89abcdef-0123-4567-89ab-cdef01234567",
    appName: "demo-app",
  };
  const SAME: AppWebhookInputs = {
    app: "demo-app",
    url: "https://example.com/hook",
    entities: { "api:build": true, dyno: true },
    level: "notify",
    secret: "first-secret",
  };

  function diff(changes: Record<string, unknown>) {
    return provider.diff(STATE.webhookId, STATE, { ...SAME, ...changes } as AppWebhookInputs);
  }

  const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };
  const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };
  const REPLACE_APP = { changes: true, replaces: ["app"], deleteBeforeReplace: false };

  test.each<[string, Record<string, unknown>, object]>([
    ["the same inputs", {}, NO_CHANGE],
    ["the same entities in another key order", { entities: { dyno: true, "api:build": true } }, NO_CHANGE],
    ["a different __provider text (a library upgrade)", { __provider: "exports.handler = 1;" }, NO_CHANGE],
    ["another entity", { entities: { "api:build": true, dyno: true, "api:release": true } }, UPDATE],
    ["an entity removed", { entities: { dyno: true } }, UPDATE],
    ["another level", { level: "sync" }, UPDATE],
    ["another url", { url: "https://example.com/other-hook" }, UPDATE],
    ["another secret", { secret: "second-secret" }, UPDATE],
    ["the secret removed", { secret: undefined }, UPDATE],
    ["an authorization added", { authorization: "Bearer token" }, UPDATE],
    ["another app", { app: "other-app" }, REPLACE_APP],
    ["an unknown url", { url: UNKNOWN_VALUE }, UPDATE],
    ["unknown entities", { entities: UNKNOWN_VALUE }, UPDATE],
    ["a list with one unknown entity", { entities: ["api:build", UNKNOWN_VALUE] }, UPDATE],
    ["an unknown secret", { secret: UNKNOWN_VALUE }, UPDATE],
    ["an unknown app", { app: UNKNOWN_VALUE }, REPLACE_APP],
  ])("%s", async (_name, changes, expected) => {
    expect(await diff(changes)).toEqual(expected);
  });
});
