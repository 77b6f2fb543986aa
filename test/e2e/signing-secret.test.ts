import { createHmac } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AppWebhook } from "../../src/heroku/app-webhook";
import { useSandboxStack } from "../support/use-sandbox-stack";

// When Heroku generates a webhook's signing secret, the stack keeps it (encrypted), so a receiver can
// check the Heroku-Webhook-Hmac-SHA256 signature of every delivery.

const APP = SANDBOX_FIXTURE.heroku.appName;
const WEBHOOK_TYPE = "pulumi-nodejs:dynamic/heroku:AppWebhook";

interface Received {
  readonly body: string;
  readonly signature: string | undefined;
}

describe("AppWebhook's signingSecret on the real engine", () => {
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let secret: string | undefined = "given-signing-secret";

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const signature = request.headers["heroku-webhook-hmac-sha256"];
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: typeof signature === "string" ? signature : undefined,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });
  const { sandbox, local } = useSandboxStack({
    projectName: "signing-secret-e2e",
    program: async () => {
      const webhook = new AppWebhook("webhook", {
        app: APP,
        url: receiverUrl,
        entities: ["api:build"],
        secret,
      });
      return { signingSecret: webhook.signingSecret };
    },
  });

  test("with a given secret there is no generated one", async () => {
    const up = await local.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs.signingSecret?.value).toBeUndefined();
  });

  test("removing the secret keeps the one Heroku generates, as a secret, and deliveries verify with it", async () => {
    secret = undefined;
    const up = await local.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });

    const [webhook] = await sandbox.admin.herokuWebhooks(APP);
    expect(webhook.secret).not.toBe("given-signing-secret");
    expect(up.outputs.signingSecret).toEqual({ value: webhook.secret, secret: true });

    // Encrypted in the state file: the value never appears, the output is a ciphertext.
    const stateText = local.readStateFile();
    expect(stateText).not.toContain(webhook.secret);
    const state = JSON.parse(stateText) as {
      checkpoint: { latest: { resources: { type: string; outputs?: Record<string, unknown> }[] } };
    };
    const resource = state.checkpoint.latest.resources.find((candidate) => candidate.type === WEBHOOK_TYPE);
    expect(resource?.outputs?.signingSecret).toEqual(
      expect.objectContaining({ ciphertext: expect.any(String) }),
    );

    const result = await sandbox.admin.simulateHerokuEvent(APP, {
      resource: "build",
      action: "update",
      data: { id: "3f2e1d0c-9b8a-4765-8432-10fedcba9876", status: "failed", app: { name: APP } },
    });
    expect(result.deliveries).toEqual([expect.objectContaining({ status: "succeeded", code: 204 })]);
    expect(received).toHaveLength(1);
    const signingSecret = up.outputs.signingSecret!.value as string;
    const expected = createHmac("sha256", signingSecret).update(received[0]!.body).digest("base64");
    expect(received[0]!.signature).toBe(expected);
  });

  test("destroy removes the webhook", async () => {
    await local.stack.destroy();
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
  });
});
