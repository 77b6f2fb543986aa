import { webhookUrlPolicy, type WebhookUrlPolicyConfig } from "../../../src/policy";
import { ALERT_SOURCE_TYPE, APP_WEBHOOK_TYPE, RELEASE_WEBHOOK_TYPE } from "../../../src/policy/targets";
import { previewProps, resourceArgs, violations, type ResourceSpec } from "./policy-args";

const KEY = "0123456789abcdef-service-key";

function check(spec: ResourceSpec, config: WebhookUrlPolicyConfig = {}): string[] {
  const { report, messages } = violations();
  webhookUrlPolicy.validateResource(resourceArgs(spec, config), report);
  return messages;
}

function webhook(url: unknown, additionalSecretOutputs = ["url", "secret", "authorization"]): ResourceSpec {
  return { type: APP_WEBHOOK_TYPE, name: "billing-webhook", props: { url }, additionalSecretOutputs };
}

describe("policy heroku-webhook-url-https-secret", () => {
  test("passes an https webhook whose URL is a secret output", () => {
    expect(check(webhook(`https://api.squadcast.com/v2/incidents/heroku/${KEY}`))).toEqual([]);
  });

  test("reports plain http, naming the scheme but never the URL", () => {
    const messages = check(webhook(`http://hooks.example.com/v2/incidents/heroku/${KEY}`));
    expect(messages).toEqual([
      'webhook "billing-webhook": url uses http, not https: deliveries would cross the network unencrypted',
    ]);
  });

  test("reports http to a loopback address unless the config allows the sandbox", () => {
    const sandbox = webhook(`http://127.0.0.1:40123/v1/incidents/heroku/${KEY}`);
    expect(check(sandbox)).toEqual([expect.stringContaining("set allowLoopbackHttp")]);
    expect(check(sandbox, { allowLoopbackHttp: true })).toEqual([]);
    expect(check(webhook(`http://localhost:4010/hook`), { allowLoopbackHttp: true })).toEqual([]);
    // The allowance is for loopback only.
    expect(check(webhook(`http://10.0.0.8/hook`), { allowLoopbackHttp: true })).toHaveLength(1);
  });

  test("reports a URL that is not absolute", () => {
    expect(check(webhook("/relative/hook"))).toEqual([
      'webhook "billing-webhook": url is not an absolute URL',
    ]);
  });

  test("reports a webhook that does not keep its URL secret", () => {
    const messages = check(webhook(`https://api.squadcast.com/v2/incidents/heroku/${KEY}`, ["secret"]));
    expect(messages).toEqual([expect.stringContaining("does not list url in additionalSecretOutputs")]);
  });

  test("checks Sentry release webhooks the same way", () => {
    const release: ResourceSpec = {
      type: RELEASE_WEBHOOK_TYPE,
      name: "releases-shop-web",
      props: { url: "http://sentry.example.com/api/hooks/release/heroku/1/token/" },
      additionalSecretOutputs: [],
    };
    expect(check(release)).toEqual([
      expect.stringContaining("does not list url in additionalSecretOutputs"),
      expect.stringContaining("url uses http, not https"),
    ]);
  });

  test("requires an alert source to keep its webhook URL secret", () => {
    const source = { type: ALERT_SOURCE_TYPE, name: "payments", props: {} };
    expect(check({ ...source, additionalSecretOutputs: ["webhookUrl"] })).toEqual([]);
    expect(check({ ...source, additionalSecretOutputs: [] })).toEqual([
      expect.stringContaining('alert source "payments" does not list webhookUrl'),
    ]);
  });

  test("ignores other resource types", () => {
    expect(
      check({ type: "aws:s3/bucket:Bucket", name: "logs", props: { url: "http://example.com" } }),
    ).toEqual([]);
  });

  test("during a preview, reports the secret check and leaves the unknown URL to @pulumi/policy", () => {
    const { report, messages } = violations();
    const spec = { ...webhook(undefined, []), props: previewProps({}, ["url"]) };
    expect(() => webhookUrlPolicy.validateResource(resourceArgs(spec), report)).toThrow(
      "can't be known during preview",
    );
    expect(messages).toEqual([expect.stringContaining("does not list url in additionalSecretOutputs")]);
  });
});
