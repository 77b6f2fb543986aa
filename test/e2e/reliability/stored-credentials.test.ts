import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { AppWebhook } from "../../../src/heroku/app-webhook";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../../src/squadcast/alert-source";
import { useSandboxStack } from "../../support/use-sandbox-stack";
import { tryDestroy } from "../harness/reliability";

// Where credentials really live: `pulumi up` stores the whole stack config in the state, as the inputs of
// the default `pulumi-nodejs` provider (secrets encrypted), and `pulumi destroy` and `pulumi refresh`
// run on that stored copy. After a key is rotated in config, destroy says so and names the fix, and the
// fix works. The environment does not override stack config.

const APP = "rotation-app";

describe("credentials rotated in stack config, then destroy", () => {
  const { sandbox, local } = useSandboxStack((running) => ({
    projectName: "stored-credentials",
    // Endpoints from the environment, credentials from stack config only.
    env: {
      HEROKU_API_URL: running.urls.heroku,
      SQUADCAST_API_URL: running.urls.squadcast,
      SQUADCAST_AUTH_URL: running.urls.squadcastAuth,
    },
    config: {
      "heroku:apiKey": { value: SANDBOX_FIXTURE.heroku.apiKey, secret: true },
      "squadcast:refreshToken": { value: SANDBOX_FIXTURE.squadcast.refreshToken, secret: true },
    },
    program: async () => {
      const source = new AlertSource("source", { service: { name: "demo-service", team: "Default Team" } });
      new AppWebhook("webhook", { app: APP, url: source.webhookUrl, entities: ["api:build"] });
    },
  }));

  beforeAll(async () => {
    await sandbox.admin.createHerokuApp(APP);
    await local.stack.up();
  });

  test("the state holds the whole stack config as the provider's inputs, credentials encrypted", () => {
    const state = JSON.parse(local.readStateFile()) as {
      checkpoint: { latest: { resources: { urn: string; inputs?: Record<string, unknown> }[] } };
    };
    const provider = state.checkpoint.latest.resources.find((resource) =>
      resource.urn.endsWith("::pulumi:providers:pulumi-nodejs::default"),
    );
    expect(Object.keys(provider?.inputs ?? {}).sort()).toEqual(["heroku:apiKey", "squadcast:refreshToken"]);
    for (const value of Object.values(provider!.inputs!)) {
      expect(value).toEqual(expect.objectContaining({ ciphertext: expect.any(String) }));
    }
    expect(local.readStateFile()).not.toContain(SANDBOX_FIXTURE.heroku.apiKey);
  });

  test("destroy after rotating the key names the fix, the environment does not override, and the fix works", async () => {
    const rotated = await sandbox.admin.rotateHerokuApiKey();
    await local.stack.setConfig("heroku:apiKey", { value: rotated, secret: true });

    const destroy = await tryDestroy(local.stack);
    expect(destroy.ok).toBe(false);
    const message = destroy.error ?? "";
    expect(message).toContain("Heroku API DELETE /apps/");
    expect(message).toContain(
      "the heroku:apiKey used here came from the stack's state, as the last `pulumi up` stored it",
    );
    expect(message).toContain(
      "run `pulumi up` first, or `pulumi destroy --run-program` (`pulumi refresh --run-program`)",
    );
    expect(message).not.toContain(rotated);
    expect(message).not.toContain(SANDBOX_FIXTURE.heroku.apiKey);
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);

    // The new key in the environment changes nothing: stack config wins, here the stored copy.
    const envVars = (local.stack.workspace as LocalWorkspace).envVars;
    envVars.HEROKU_API_KEY = rotated;
    try {
      const withEnv = await tryDestroy(local.stack);
      expect(withEnv.ok).toBe(false);
      expect(withEnv.error).toContain("(HEROKU_API_KEY does not override stack config)");
    } finally {
      delete envVars.HEROKU_API_KEY;
    }
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);

    // The fix the message names: the program runs, so the provider gets the current config.
    await local.stack.destroy({ runProgram: true });
    expect(await sandbox.admin.herokuWebhooks(APP)).toEqual([]);
    expect(
      (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.type),
    ).not.toContain("Heroku");
  });
});
