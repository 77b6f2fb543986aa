import * as pulumi from "@pulumi/pulumi";
import { sentryReleasesProgram } from "../../../examples/sentry-releases/program";
import { sentryReleaseHookUrl } from "../../../src/sentry";
import {
  RELEASE_WEBHOOK,
  installReleaseWebhookMocks,
  unwrapped,
  valueOf,
  webhookIdOf,
  type Registration,
} from "./release-webhook-mocks";

// The example imports the package by name, as a user's program does; here it is the source under test.
jest.mock("pulumi-heroku-squadcast", () => jest.requireActual("../../../src"), { virtual: true });

const registrations: Registration[] = installReleaseWebhookMocks();
const SECRET_KEYS = ["project:sentryWebhookSecret", "project:sentryReleaseToken", "project:sentryHookUrl"];

function configure(config: Record<string, string>): void {
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([key, value]) => [`project:${key}`, value])),
    SECRET_KEYS,
  );
}

describe("examples/sentry-releases", () => {
  it("computes the hook from the sandbox's project and token, as its README runs it", async () => {
    configure({
      sentryUrl: "http://127.0.0.1:4013",
      sentryProjectId: "1",
      sentryReleaseToken: "sandbox-sentry-release-token",
      sentryWebhookSecret: "sandbox-sentry-webhook-secret",
    });

    const outputs = sentryReleasesProgram();

    expect(await valueOf(outputs.webhooks)).toEqual({ "demo-app": webhookIdOf("demo-app") });
    const [webhook] = registrations.filter(({ type }) => type === RELEASE_WEBHOOK);
    expect(webhook?.name).toBe("releases-demo-app");
    expect(unwrapped(webhook?.inputs.url)).toEqual({
      secret: true,
      value: sentryReleaseHookUrl({
        baseUrl: "http://127.0.0.1:4013",
        projectId: "1",
        releaseToken: "sandbox-sentry-release-token",
      }),
    });
    expect(unwrapped(webhook?.inputs.secret)).toEqual({
      secret: true,
      value: "sandbox-sentry-webhook-secret",
    });
  });

  it("takes the hook URL as Sentry shows it, for the apps listed in config", async () => {
    configure({
      sentryHookUrl: "https://us.sentry.io/api/hooks/release/heroku/9/abc/",
      sentryWebhookSecret: "secret",
      apps: JSON.stringify(["shop-web", "shop-worker"]),
    });

    const outputs = sentryReleasesProgram();

    expect(Object.keys(await valueOf(outputs.webhooks)).sort()).toEqual(["shop-web", "shop-worker"]);
    for (const webhook of registrations.filter(({ type }) => type === RELEASE_WEBHOOK)) {
      expect(unwrapped(webhook.inputs.url).value).toBe(
        "https://us.sentry.io/api/hooks/release/heroku/9/abc/",
      );
    }
  });

  it("says which config is missing when neither the hook URL nor its parts are set", () => {
    configure({ sentryWebhookSecret: "secret" });

    expect(() => sentryReleasesProgram()).toThrow(/sentryUrl/);
  });
});
