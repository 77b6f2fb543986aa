import * as pulumi from "@pulumi/pulumi";
import { AppWebhook } from "../../../src/heroku/app-webhook";
import { HerokuClient } from "../../../src/clients/heroku/client";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../../src/squadcast/alert-source";
import { useSandboxStack } from "../../support/use-sandbox-stack";
import { createApps, tryDestroy, tryUp, type RunOutcome } from "../harness/reliability";

// What a user sees and gets when a stack takes over what exists: the origin of each webhook and alert
// source in the `pulumi up` output and in state, duplicates with the stack's URL removed with a warning,
// and what `destroy` does with each origin (as README.md's "Importing what exists" says).

const URL = "https://hooks.example.com/heroku";
const OTHER_URL = "https://hooks.example.com/elsewhere";

describe("adoption is visible, and destroy does what the README says", () => {
  let up: RunOutcome;
  // Webhook ids made outside the stack before the first up.
  let duplicates: string[];
  let retained: string;
  let named: string;

  const { sandbox, local } = useSandboxStack({
    projectName: "reliability-adoption",
    program: async () => {
      const webhooks = {
        duplicated: new AppWebhook("duplicated", { app: "adopt-1", url: URL, entities: ["dyno"] }),
        retained: new AppWebhook(
          "retained",
          { app: "adopt-2", url: URL, entities: ["dyno"] },
          { retainOnDelete: true },
        ),
        named: new AppWebhook("named", {
          app: "adopt-3",
          url: URL,
          entities: ["dyno"],
          adopt: `adopt-3:${named}`,
        }),
        fresh: new AppWebhook("fresh", { app: "adopt-4", url: URL, entities: ["dyno"] }),
      };
      // Datadog is already active on the sandbox's service (another owner's); Heroku is not.
      const datadog = new AlertSource("datadog", {
        service: { name: "demo-service", team: "Default Team" },
        shortName: "datadog",
      });
      const heroku = new AlertSource("heroku", { service: { name: "demo-service", team: "Default Team" } });
      return {
        webhookOrigins: pulumi.all(Object.values(webhooks).map((webhook) => webhook.origin)),
        sourceOrigins: pulumi.all([datadog.origin, heroku.origin]),
      };
    },
  });

  beforeAll(async () => {
    await createApps(sandbox, "adopt", 4);
    // Made as a person with the Heroku CLI would, through the API.
    const heroku = new HerokuClient({ apiKey: SANDBOX_FIXTURE.heroku.apiKey, apiUrl: sandbox.urls.heroku });
    const outside = async (app: string, url: string) =>
      (await heroku.createWebhook(app, { url, include: ["dyno"], level: "notify" })).webhook.id;
    // adopt-1 has two webhooks with the stack's URL: each delivers every event, so one must go.
    duplicates = [await outside("adopt-1", URL), await outside("adopt-1", URL)];
    // adopt-2 has one, which the stack adopts and keeps on destroy (retainOnDelete).
    retained = await outside("adopt-2", URL);
    // adopt-3's is named by adopt, in Terraform's import id form.
    named = await outside("adopt-3", OTHER_URL);
    up = await tryUp(local.stack);
  });

  test("up keeps one webhook per app and URL, records each origin and tells what it adopted and removed", async () => {
    expect(up.error).toBeUndefined();
    const outputs = await local.stack.outputs();
    expect(outputs.webhookOrigins.value).toEqual([
      "adopted-by-url",
      "adopted-by-url",
      "adopted-by-id",
      "created",
    ]);
    expect(outputs.sourceOrigins.value).toEqual(["adopted-by-url", "created"]);

    const [first, second] = await sandbox.admin.herokuWebhooks("adopt-1");
    expect(second).toBeUndefined();
    expect(duplicates).toContain(first.id);
    const removed = duplicates.find((id) => id !== first.id)!;
    expect(up.output).toContain(
      `warning: heroku:AppWebhook: app adopt-1: deleted 1 other webhook(s) with the same URL (${removed}), ` +
        `which delivered every event a second time; kept ${first.id}`,
    );
    expect(up.output).toContain(`heroku:AppWebhook: app adopt-1: adopted existing webhook ${first.id}`);
    expect(up.output).toContain(`heroku:AppWebhook: app adopt-2: adopted existing webhook ${retained}`);
    expect(up.output).toContain(
      `heroku:AppWebhook: app adopt-3: adopted webhook ${named} named by adopt (origin adopted-by-id)`,
    );
    expect(up.output).not.toMatch(/app adopt-4: adopted/);
    expect(up.output).toContain(
      "squadcast:AlertSource: service demo-service: the datadog alert source was already active",
    );
    expect(up.output).not.toContain(URL);
    expect((await sandbox.admin.herokuWebhooks("adopt-3")).map((webhook) => webhook.url)).toEqual([URL]);
  });

  test("destroy deletes created and adopted webhooks, keeps the retained one and the adopted alert source", async () => {
    const destroy = await tryDestroy(local.stack);
    expect(destroy.error).toBeUndefined();
    expect(await sandbox.admin.herokuWebhooks("adopt-1")).toEqual([]);
    expect((await sandbox.admin.herokuWebhooks("adopt-2")).map((webhook) => webhook.id)).toEqual([retained]);
    expect(await sandbox.admin.herokuWebhooks("adopt-3")).toEqual([]);
    expect(await sandbox.admin.herokuWebhooks("adopt-4")).toEqual([]);
    const active = (await sandbox.admin.activeAlertSources("demo-service")).map((source) => source.shortName);
    expect(active).toEqual(["datadog"]);
  });
});
