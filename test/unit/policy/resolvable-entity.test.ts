import { resolvableEntityPolicy } from "../../../src/policy";
import { APP_WEBHOOK_TYPE, FLEET_TYPE, INTEGRATION_TYPE } from "../../../src/policy/targets";
import { previewProps, resourceArgs, violations, type ResourceSpec } from "./policy-args";

const SQUADCAST_URL = "https://api.squadcast.com/v2/incidents/heroku/0123456789abcdef-service-key";
const SANDBOX_URL = "http://127.0.0.1:40123/v1/incidents/heroku/sandbox-service-key";
const SENTRY_URL = "https://sentry.io/api/hooks/release/heroku/1/0123456789abcdef/";

function check(spec: ResourceSpec): string[] {
  const { report, messages } = violations();
  resolvableEntityPolicy.validateResource(resourceArgs(spec), report);
  return messages;
}

function webhook(props: Record<string, unknown>, parent?: ResourceSpec): ResourceSpec {
  return { type: APP_WEBHOOK_TYPE, name: "billing-webhook", props, parent };
}

describe("policy squadcast-webhook-resolvable-entity", () => {
  test.each([
    ["the resolvable preset", "resolvable"],
    ["the all preset", "all"],
    ["the deploys preset (it holds api:build)", "deploys"],
    ["a list with dyno", ["api:release", "dyno"]],
    ["a set with dyno (what the resource registers)", { "api:release": true, dyno: true }],
    ["no entities at all (Heroku's default is all)", undefined],
  ])("passes a Squadcast webhook with %s", (_label, entities) => {
    expect(check(webhook({ url: SQUADCAST_URL, entities }))).toEqual([]);
  });

  test("reports a Squadcast webhook whose entities never resolve, without repeating its URL", () => {
    const messages = check(webhook({ url: SQUADCAST_URL, entities: ["api:release", "api:formation"] }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('webhook "billing-webhook"');
    expect(messages[0]).toContain("(api:formation, api:release)");
    expect(messages[0]).toContain("add api:build or dyno");
    expect(messages[0]).not.toContain("service-key");
  });

  test("recognizes the sandbox's Squadcast URLs by their path", () => {
    expect(check(webhook({ url: SANDBOX_URL, entities: ["api:release"] }))).toHaveLength(1);
  });

  test("leaves webhooks that deliver elsewhere alone", () => {
    expect(check(webhook({ url: SENTRY_URL, entities: ["api:release"] }))).toEqual([]);
    // Even inside an integration: the known URL decides.
    const integration = { type: INTEGRATION_TYPE, name: "billing" };
    expect(check(webhook({ url: SENTRY_URL, entities: ["api:release"] }, integration))).toEqual([]);
  });

  test("leaves a selection the resource itself rejects to the resource's check", () => {
    expect(check(webhook({ url: SQUADCAST_URL, entities: ["api:nothing"] }))).toEqual([]);
  });

  test("ignores other resource types", () => {
    const other = { type: "pulumi-nodejs:dynamic/sentry:ReleaseWebhook", name: "releases" };
    expect(check({ ...other, props: { url: SQUADCAST_URL, entities: ["api:release"] } })).toEqual([]);
  });

  describe("during a preview, before the alert source exists", () => {
    test.each([
      ["an integration", INTEGRATION_TYPE],
      ["a fleet", FLEET_TYPE],
    ])("a webhook of %s counts as delivering to Squadcast", (_label, parentType) => {
      const parent = { type: parentType, name: "billing" };
      const props = previewProps({ entities: ["api:release"] }, ["url"]);
      expect(check(webhook(props, parent))).toHaveLength(1);
    });

    test("a webhook of no component is left to @pulumi/policy's 'can't be known during preview'", () => {
      const props = previewProps({ entities: ["api:release"] }, ["url"]);
      expect(() => check(webhook(props))).toThrow("can't be known during preview");
    });
  });
});
