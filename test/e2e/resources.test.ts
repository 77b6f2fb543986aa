import * as pulumi from "@pulumi/pulumi";
import { openLocalStack, type LocalStack } from "../../src/engine/local-stack";
import { AppWebhook } from "../../src/heroku/app-webhook";
import type { EntitySelection } from "../../src/mapping";
import { startSandbox, type Sandbox } from "../../src/sandbox";
import { AlertSource } from "../../src/squadcast/alert-source";

describe("AlertSource and AppWebhook on the real engine", () => {
  let sandbox: Sandbox;
  let local: LocalStack;
  let entities: EntitySelection = ["api:build", "dyno"];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    local = await openLocalStack({
      projectName: "resources-e2e",
      env: sandbox.env,
      program: async () => {
        const source = new AlertSource("source", { serviceName: "demo-service", team: "Default Team" });
        const webhook = new AppWebhook("webhook", { app: "demo-app", url: source.webhookUrl, include: entities });
        return { webhookId: webhook.webhookId, include: webhook.include, url: source.webhookUrl };
      },
    });
  });
  afterAll(async () => {
    await local?.dispose();
    await sandbox?.stop();
  });

  test("up creates both", async () => {
    const result = await local.stack.up({ onOutput: () => undefined });
    expect(result.summary.resourceChanges).toEqual({ create: 3 });
    expect(result.outputs.url.secret).toBe(true);
    const webhooks = await sandbox.admin.herokuWebhooks("demo-app");
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0].include.sort()).toEqual(["api:build", "dyno"]);
  });

  test("no-change preview", async () => {
    await sandbox.admin.clearRequests();
    const preview = await local.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(await sandbox.admin.requests()).toEqual([]);
  });

  test("destroy", async () => {
    await local.stack.destroy();
    expect(await sandbox.admin.herokuWebhooks("demo-app")).toHaveLength(0);
  });
});
