import type { AppWebhookInputs, AppWebhookState } from "../../../src/heroku/app-webhook-state";
import { ProviderContext } from "../../../src/resource-kit/context";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { ReleaseWebhookProvider, sentryReleaseHookUrl } from "../../../src/sentry";
import { useSandbox } from "../../support/use-sandbox";
import { checkThenCreate } from "../../support/check-then-create";

const { projectId, releaseToken, webhookSecret, member } = SANDBOX_FIXTURE.sentry;
const COMMIT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";

const sandbox = useSandbox();
let hookUrl: string;

beforeAll(() => {
  hookUrl = sentryReleaseHookUrl({ baseUrl: sandbox.urls.sentry, projectId, releaseToken });
});

/** Creates the webhook the way `pulumi up` does: check, then create with the checked inputs. */
async function createReleaseWebhook(secret: string) {
  const provider = new ReleaseWebhookProvider(new ProviderContext({ ...sandbox.env }));
  const created = await checkThenCreate<AppWebhookInputs, AppWebhookState>(provider, {
    app: SANDBOX_FIXTURE.heroku.appName,
    url: hookUrl,
    secret,
  });
  return { provider, id: created.id, state: created.outs, inputs: created.inputs };
}

/** A Heroku release finishing on demo-app: what Sentry turns into a release and a deploy. */
function releaseUpdate(commit = COMMIT) {
  return sandbox.admin.simulateHerokuEvent("demo-app", {
    resource: "release",
    action: "update",
    data: {
      id: "0f9a2c1e-6d0b-4d3b-9a1f-6b1d5c1e7a10",
      version: 42,
      status: "succeeded",
      current: true,
      slug: { id: "b1f4b6a0-3c1d-4e0c-8a52-3a3f7b2f8e11", commit, commit_description: "Fix checkout" },
      user: { email: member, id: "2b6a9c1e-4f0d-4b8c-9e0a-5d7c3b1a2f44" },
      app: { id: "2f1f0b9a-0d5e-4a3b-8c7d-1e2f3a4b5c6d", name: "demo-app" },
    },
  });
}

describe("sentry.ReleaseWebhook against the sandbox", () => {
  it("subscribes demo-app's releases at level notify, signed with the project's secret", async () => {
    const { state } = await createReleaseWebhook(webhookSecret);

    const [webhook, ...others] = await sandbox.admin.herokuWebhooks("demo-app");
    expect(others).toEqual([]);
    expect(webhook).toMatchObject({
      id: state.webhookId,
      url: hookUrl,
      include: ["api:release"],
      level: "notify",
    });
    expect(webhook!.secret).toBe(webhookSecret);
    expect(state).toMatchObject({ entities: { "api:release": true }, level: "notify", appName: "demo-app" });
  });

  it("tracks a Heroku release in Sentry end to end: a release named after the commit, and a deploy", async () => {
    await createReleaseWebhook(webhookSecret);

    const { deliveries } = await releaseUpdate();

    expect(deliveries).toEqual([expect.objectContaining({ status: "succeeded", code: 204 })]);
    expect(await sandbox.admin.sentryReleases()).toEqual([
      expect.objectContaining({ version: COMMIT, owner: member, url: "http://demo-app.herokuapp.com" }),
    ]);
    expect(await sandbox.admin.sentryDeploys()).toEqual([
      expect.objectContaining({
        version: COMMIT,
        project: SANDBOX_FIXTURE.sentry.projectSlug,
        environment: "production",
      }),
    ]);
  });

  it("records nothing when the secret is wrong, although Heroku sees a 204 (Sentry drops it silently)", async () => {
    await createReleaseWebhook("not-the-project-secret");

    const { deliveries } = await releaseUpdate();

    expect(deliveries).toEqual([expect.objectContaining({ status: "succeeded", code: 204 })]);
    expect(await sandbox.admin.sentryReleases()).toEqual([]);
    expect(await sandbox.admin.sentryDeploys()).toEqual([]);
    expect(await sandbox.admin.sentryHookOutcomes()).toEqual([
      expect.objectContaining({ outcome: "rejected", reason: "body signature mismatch" }),
    ]);
  });

  it("fixes a wrong secret in place: the same webhook then delivers releases Sentry accepts", async () => {
    const { provider, id, state, inputs } = await createReleaseWebhook("not-the-project-secret");
    const news = { ...inputs, secret: webhookSecret };

    const diff = await provider.diff(id, state, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    await provider.update(id, state, news);
    await releaseUpdate();

    const webhooks = await sandbox.admin.herokuWebhooks("demo-app");
    expect(webhooks.map((webhook) => webhook.id)).toEqual([id]);
    expect(webhooks[0]!.secret).toBe(webhookSecret);
    expect(await sandbox.admin.sentryReleases()).toEqual([expect.objectContaining({ version: COMMIT })]);
  });

  it("adopts the webhook `heroku webhooks:add` made for the same URL instead of adding a second", async () => {
    const first = await createReleaseWebhook("first-secret");
    const second = await createReleaseWebhook(webhookSecret);

    expect(second.id).toBe(first.id);
    const webhooks = await sandbox.admin.herokuWebhooks("demo-app");
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]!.secret).toBe(webhookSecret);
  });

  it("reads drift back and deletes the webhook", async () => {
    const { provider, id, state } = await createReleaseWebhook(webhookSecret);

    expect((await provider.read(id, state)).props).toMatchObject({
      webhookId: id,
      entities: { "api:release": true },
    });
    await provider.delete(id, state);

    expect(await sandbox.admin.herokuWebhooks("demo-app")).toEqual([]);
    expect((await provider.read(id, state)).id).toBe("");
  });
});
