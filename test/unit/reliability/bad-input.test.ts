import { planFleet } from "../../../src/components/fleet-plan";
import type { HerokuSquadcastFleetArgs } from "../../../src/components/fleet-args";
import { serviceKey } from "../../../src/components/service-key";
import {
  requireHerokuApiKey,
  requireSquadcastRefreshToken,
  resolveProviderSettings,
} from "../../../src/config";
import { AppWebhookProvider } from "../../../src/heroku/app-webhook";
import { ProviderContext } from "../../../src/resource-kit/context";
import { AlertSourceProvider } from "../../../src/squadcast/alert-source";
import { checkFailures, inputValidation } from "../../support/check-then-create";

// The bad-input table, check-time half: every mistake that can be caught before any API call is, with
// one message that names the argument or setting to fix. The API-time half is in
// test/sandbox/reliability/bad-input.test.ts, and docs/reliability.md lists both.

// No env: check-time validation must need neither credentials nor the network.
const webhooks = inputValidation(new AppWebhookProvider(new ProviderContext({})));
const alertSources = inputValidation(new AlertSourceProvider(new ProviderContext({})));
const WEBHOOK = { app: "demo-app", url: "https://example.com/hook", entities: ["api:build"] };
const SERVICE = { serviceName: "payments", team: "Platform" };

/** The check failures as `property: reason`. */
const webhookFailures = (fields: Record<string, unknown>) =>
  checkFailures(webhooks, { ...WEBHOOK, ...fields });
const alertSourceFailures = (inputs: Record<string, unknown>) => checkFailures(alertSources, inputs);

/** The message of what `run` throws; fails the test when it throws nothing. */
function thrownBy(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("AppWebhook arguments: one failure naming the argument", () => {
  test.each<[string, Record<string, unknown>, string]>([
    ["app of the wrong type", { app: 42 }, "app: app must be a Heroku app name or id"],
    [
      "app that is no Heroku name",
      { app: "Billing_API" },
      "app: app must be a Heroku app name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or an app id",
    ],
    [
      "app name over 30 characters",
      { app: `a${"b".repeat(30)}` },
      "app: app must be a Heroku app name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or an app id",
    ],
    ["empty url", { url: "" }, "url: url must be an absolute URL such as https://example.com/hook"],
    ["url of the wrong type", { url: 8080 }, "url: url must be a string"],
    [
      "plain http url to a public host",
      { url: "http://example.com/hook" },
      "url: url must use https (plain http is accepted only for loopback addresses such as the sandbox)",
    ],
    [
      "non-http url",
      { url: "ftp://example.com/hook" },
      "url: url must use https (plain http is accepted only for loopback addresses such as the sandbox)",
    ],
    [
      "over-long url",
      { url: `https://example.com/${"a".repeat(2100)}` },
      "url: url must be at most 2048 characters",
    ],
    [
      "entities with a plural entity",
      { entities: ["builds"] },
      'entities: entities unknown entity "builds": did you mean "api:build"?',
    ],
    [
      "entities with a duplicate entity",
      { entities: ["dyno", "dyno"] },
      'entities: entities entity "dyno" is listed twice',
    ],
    [
      "empty entities",
      { entities: [] },
      "entities: entities must list at least one entity: an empty list would never deliver",
    ],
    [
      "entities preset typo",
      { entities: "deploy" },
      'entities: entities unknown entity preset "deploy": use one of all, resolvable, deploys',
    ],
    [
      "entities of the wrong type",
      { entities: 7 },
      "entities: entities must be a preset name (all, resolvable, deploys) or a list of entities",
    ],
    ["level typo", { level: "synch" }, "level: level must be notify or sync"],
    ["empty secret", { secret: "" }, "secret: secret must not be empty: omit it to let Heroku generate one"],
    ["over-long secret", { secret: "s".repeat(1025) }, "secret: secret must be at most 1024 characters"],
    [
      "over-long authorization",
      { authorization: `Bearer ${"t".repeat(1020)}` },
      "authorization: authorization must be at most 1024 characters",
    ],
    [
      "adopt without a webhook id",
      { adopt: "demo-app" },
      'adopt: adopt must be "<app>/<webhook id>" or "<app>:<webhook id>", e.g. "my-app/01234567-89ab-…"',
    ],
  ])("%s", async (_row, fields, message) => {
    expect(await webhookFailures(fields)).toEqual([message]);
  });

  test("a url that carries a key is never quoted back", async () => {
    const key = "0123456789abcdef0123456789abcdef01234567";
    const failures = await webhookFailures({ url: `http://api.squadcast.com/v1/incidents/heroku/${key}` });
    expect(failures).toHaveLength(1);
    expect(failures.join()).not.toContain(key);
  });
});

describe("AlertSource arguments: one failure naming the argument", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "malformed serviceId",
      { serviceId: "payments" },
      "serviceId: service.id must be a Squadcast service id: 24 letters and digits",
    ],
    [
      "no service at all",
      { team: "Platform" },
      "serviceId: give service.id, or service.name with service.team",
    ],
    [
      "both serviceId and serviceName",
      { ...SERVICE, serviceId: "0123456789abcdef01234567" },
      "serviceName: give service.id or service.name, not both",
    ],
    [
      "serviceName without team",
      { serviceName: "payments" },
      "team: service.team is required with service.name (a name or id)",
    ],
    ["blank serviceName", { ...SERVICE, serviceName: "  " }, "serviceName: service.name must not be empty"],
    [
      "over-long serviceName",
      { ...SERVICE, serviceName: "s".repeat(201) },
      "serviceName: service.name must be at most 200 characters",
    ],
    [
      "team of the wrong type",
      { ...SERVICE, team: 7 },
      "team: service.team must be a string: a team name or id",
    ],
    [
      "shortName that is no slug",
      { ...SERVICE, shortName: "Heroku!" },
      "shortName: shortName must be a lowercase alert source slug such as heroku",
    ],
  ])("%s", async (_row, inputs, message) => {
    expect(await alertSourceFailures(inputs)).toEqual([message]);
  });
});

describe("HerokuSquadcastFleet arguments: one error naming the mistake before anything is registered", () => {
  test.each<[string, unknown, string]>([
    [
      "an app listed twice",
      { service: { name: "shop", team: "Platform" }, apps: ["shop-web", "shop-web"] },
      'HerokuSquadcastFleet ops: app "shop-web" is listed more than once; an app has one webhook per fleet, so list it under one service only',
    ],
    [
      "one service with two teams",
      {
        routes: [
          { service: { id: "0123456789abcdef01234567", team: "Platform" }, apps: ["a-1"] },
          { service: { id: "0123456789abcdef01234567", team: "Payments" }, apps: ["a-2"] },
        ],
      },
      "HerokuSquadcastFleet ops: service 0123456789abcdef01234567 is given with team Platform and with team Payments; use one team",
    ],
    [
      "two services that would share a resource name",
      {
        routes: [
          { service: { name: "shop api", team: "Platform" }, apps: ["a-1"] },
          { service: { name: "shop-api", team: "Platform" }, apps: ["a-2"] },
        ],
      },
      'HerokuSquadcastFleet ops: services "Platform/shop api" and "Platform/shop-api" would both name the alert source ops-platform-shop-api; a fleet cannot tell them apart',
    ],
    [
      "both routes and service",
      { routes: [], service: { name: "shop", team: "Platform" }, apps: [] },
      "HerokuSquadcastFleet ops: give routes, or service with apps, not both",
    ],
    ["neither routes nor service", {}, "HerokuSquadcastFleet ops needs service with apps, or routes"],
  ])("%s", (_row, args, message) => {
    expect(thrownBy(() => planFleet("ops", args as HerokuSquadcastFleetArgs))).toBe(message);
  });

  test("a service reference with both id and name", () => {
    expect(thrownBy(() => serviceKey({ id: "0123456789abcdef01234567", name: "shop" } as never))).toBe(
      'service needs either id or name (with team), not both: got { id: "0123456789abcdef01234567", name: "shop" }',
    );
  });
});

describe("provider settings: one error naming the setting", () => {
  const none = () => undefined;

  test.each<[string, () => unknown, string]>([
    [
      "a region typo in stack config",
      () => resolveProviderSettings((key) => (key === "squadcast:region" ? "ue" : undefined), {}),
      "squadcast:region must be us or eu",
    ],
    [
      "a region typo in the environment",
      () => resolveProviderSettings(none, { SQUADCAST_REGION: "eu-west" }),
      "SQUADCAST_REGION must be us or eu",
    ],
    [
      "an API URL without a scheme",
      () => resolveProviderSettings(none, { HEROKU_API_URL: "api.heroku.com" }),
      "HEROKU_API_URL must be an http or https URL such as http://127.0.0.1:4000",
    ],
    [
      "an API URL with a password in it, which is not quoted back",
      () => resolveProviderSettings(none, { SQUADCAST_API_URL: "https://me:hunter22@api.squadcast.com" }),
      "SQUADCAST_API_URL must not contain a user name or password: give credentials in their own settings",
    ],
    [
      "a missing Heroku API key",
      () => requireHerokuApiKey(resolveProviderSettings(none, {})),
      "Heroku API key is missing: run `pulumi config set --secret heroku:apiKey <key>` or set HEROKU_API_KEY.",
    ],
    [
      "a blank Squadcast refresh token",
      () => requireSquadcastRefreshToken(resolveProviderSettings(none, { SQUADCAST_REFRESH_TOKEN: "  " })),
      "Squadcast refresh token is missing: run `pulumi config set --secret squadcast:refreshToken <token>` or set SQUADCAST_REFRESH_TOKEN.",
    ],
    [
      "an HTTP time limit that is not a number of milliseconds",
      () =>
        new ProviderContext({ HEROKU_API_KEY: "key-1234", HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: "10s" }).heroku(),
      "HEROKU_SQUADCAST_HTTP_TIMEOUT_MS must be a whole number of milliseconds such as 10000",
    ],
  ])("%s", (_row, run, message) => {
    expect(thrownBy(run)).toBe(message);
  });
});
