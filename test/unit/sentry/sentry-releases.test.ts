import * as pulumi from "@pulumi/pulumi";
import { HerokuSentryReleases } from "../../../src/components";
import { sentryReleaseHookUrl } from "../../../src/sentry";
import {
  RELEASE_WEBHOOK,
  installReleaseWebhookMocks,
  unwrapped,
  valueOf,
  type Registration,
} from "./release-webhook-mocks";

const registrations: Registration[] = installReleaseWebhookMocks();

describe("HerokuSentryReleases", () => {
  it("adds one release webhook per app, each named after its app, with the URL and secret as secrets", async () => {
    const releases = new HerokuSentryReleases("releases", {
      apps: ["shop-web", "shop-worker"],
      hookUrl: "https://us.sentry.io/api/hooks/release/heroku/1/abc/",
      webhookSecret: "project-secret",
    });

    expect(await valueOf(releases.webhooks)).toEqual({
      "shop-web": "webhook-of-shop-web",
      "shop-worker": "webhook-of-shop-worker",
    });
    const webhooks = registrations.filter(({ type }) => type === RELEASE_WEBHOOK);
    expect(webhooks.map(({ name }) => name).sort()).toEqual(["releases-shop-web", "releases-shop-worker"]);
    for (const webhook of webhooks) {
      expect(webhook.inputs).toMatchObject({ entities: { "api:release": true }, level: "notify" });
      expect(unwrapped(webhook.inputs.url)).toEqual({
        secret: true,
        value: "https://us.sentry.io/api/hooks/release/heroku/1/abc/",
      });
      expect(unwrapped(webhook.inputs.secret)).toEqual({ secret: true, value: "project-secret" });
    }
    expect(await pulumi.isSecret(releases.hookUrl)).toBe(true);
  });

  it("computes the hook URL from the project's release token", async () => {
    const releases = new HerokuSentryReleases("releases", {
      apps: ["shop-web"],
      project: { baseUrl: "https://de.sentry.io", projectId: 12, releaseToken: pulumi.secret("token") },
      webhookSecret: "project-secret",
    });
    await valueOf(releases.webhooks);

    const [webhook] = registrations.filter(({ type }) => type === RELEASE_WEBHOOK);
    expect(unwrapped(webhook!.inputs.url)).toEqual({
      secret: true,
      value: sentryReleaseHookUrl({ baseUrl: "https://de.sentry.io", projectId: 12, releaseToken: "token" }),
    });
  });

  it.each([
    [{ apps: [], hookUrl: "u", webhookSecret: "s" }, /needs apps/],
    [{ apps: ["a-app", "a-app"], hookUrl: "u", webhookSecret: "s" }, /app a-app is listed twice/],
    [{ apps: ["a-app"], webhookSecret: "s" }, /give hookUrl .* or project/],
    [
      {
        apps: ["a-app"],
        hookUrl: "u",
        project: { baseUrl: "b", projectId: 1, releaseToken: "t" },
        webhookSecret: "s",
      },
      /not both/,
    ],
  ])("refuses %j before registering anything", (args, message) => {
    expect(() => new HerokuSentryReleases("bad", args as never)).toThrow(message);
    expect(registrations).toEqual([]);
  });
});
