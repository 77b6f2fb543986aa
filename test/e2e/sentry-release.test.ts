import * as pulumi from "@pulumi/pulumi";
import { HerokuSentryReleases } from "../../src/components/sentry-releases";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { sentryHookSignature } from "../../src/sentry";
import { useSandboxStack } from "../support/use-sandbox-stack";

const PROJECT = "sentry-release-e2e";
const RELEASE_WEBHOOK = "pulumi-nodejs:dynamic/sentry:ReleaseWebhook";
const { projectId, releaseToken, webhookSecret, member } = SANDBOX_FIXTURE.sentry;
const COMMIT = "4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a";

describe("Sentry release tracking through pulumi up", () => {
  const { sandbox, local } = useSandboxStack({
    projectName: PROJECT,
    // The Sentry credentials come in as the user would give them: secret stack config.
    config: {
      [`${PROJECT}:releaseToken`]: { value: releaseToken, secret: true },
      [`${PROJECT}:webhookSecret`]: { value: webhookSecret, secret: true },
    },
    program: async () => {
      const config = new pulumi.Config();
      const releases = new HerokuSentryReleases("releases", {
        apps: ["demo-app", "demo-worker"],
        project: {
          baseUrl: sandbox.urls.sentry,
          projectId,
          releaseToken: config.requireSecret("releaseToken"),
        },
        webhookSecret: config.requireSecret("webhookSecret"),
      });
      return { webhooks: releases.webhooks, hookUrl: releases.hookUrl };
    },
  });
  beforeAll(() => sandbox.admin.createHerokuApp("demo-worker"));

  test("up adds a release webhook to each app, with the hook URL a secret output", async () => {
    const result = await local.stack.up({ onOutput: () => undefined });

    expect(result.summary.resourceChanges).toEqual({ create: 4 });
    expect(result.outputs.hookUrl.secret).toBe(true);
    expect(Object.keys(result.outputs.webhooks.value as object).sort()).toEqual(["demo-app", "demo-worker"]);
    for (const app of ["demo-app", "demo-worker"]) {
      const webhooks = await sandbox.admin.herokuWebhooks(app);
      expect(webhooks).toEqual([
        expect.objectContaining({ include: ["api:release"], level: "notify", secret: webhookSecret }),
      ]);
    }
  });

  test("a Heroku release then becomes a Sentry release with a deploy", async () => {
    const { deliveries } = await sandbox.admin.simulateHerokuEvent("demo-app", {
      resource: "release",
      action: "update",
      data: {
        version: 7,
        status: "succeeded",
        slug: { id: "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", commit: COMMIT },
        user: { email: member },
        app: { name: "demo-app" },
      },
    });

    expect(deliveries).toEqual([expect.objectContaining({ status: "succeeded", code: 204 })]);
    expect(await sandbox.admin.sentryReleases()).toEqual([
      expect.objectContaining({ version: COMMIT, owner: member, url: "http://demo-app.herokuapp.com" }),
    ]);
    expect(await sandbox.admin.sentryDeploys()).toEqual([
      expect.objectContaining({ version: COMMIT, environment: "production" }),
    ]);
  });

  test("the state file holds neither the webhook secret, the release token nor the URL's signature in clear", async () => {
    const state = local.readStateFile();
    const resources = (JSON.parse(state) as { checkpoint: { latest: { resources: { type: string }[] } } })
      .checkpoint.latest.resources;

    // Guards against a vacuous pass: the webhooks are in this very file, their secrets encrypted.
    expect(resources.filter((resource) => resource.type === RELEASE_WEBHOOK)).toHaveLength(2);
    expect(state).toContain("ciphertext");
    for (const secret of [webhookSecret, releaseToken, sentryHookSignature(projectId, releaseToken)]) {
      expect(state).not.toContain(secret);
    }
  });

  test("a second preview changes nothing and calls no API", async () => {
    await sandbox.admin.clearRequests();

    const preview = await local.stack.preview();

    expect(preview.changeSummary).toEqual({ same: 4 });
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("destroy removes the webhooks", async () => {
    await local.stack.destroy({ onOutput: () => undefined });

    expect(await sandbox.admin.herokuWebhooks("demo-app")).toEqual([]);
    expect(await sandbox.admin.herokuWebhooks("demo-worker")).toEqual([]);
  });
});
