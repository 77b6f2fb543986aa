import { AppWebhook } from "../../../src/heroku/app-webhook";
import { AlertSource } from "../../../src/squadcast/alert-source";
import { useSandboxStack } from "../../support/use-sandbox-stack";
import { failureLines, tryUp } from "../harness/reliability";

// The bad-input table through the real engine: a mistake next to resources that already exist fails
// with its message, never crashes the provider, and leaves the state and the APIs as they were.

type Mistake = () => void;

// What a crash of the provider or the program would print instead of a message.
const CRASH = /TypeError|ReferenceError|SyntaxError|Unhandled|panic:|exited with code|Cannot read properties/;

describe("bad input on the real engine", () => {
  let mistake: Mistake | undefined;
  let stateBefore: string[];
  const { sandbox, local } = useSandboxStack({
    projectName: "reliability-bad-input",
    // Custom resources only: a component whose outputs are still being registered when a failed
    // check stops the update has that registration rejected, unhandled, inside this process.
    program: async () => {
      const source = new AlertSource("good-source", {
        service: { name: "demo-service", team: "Default Team" },
      });
      new AppWebhook("good-webhook", { app: "good-app", url: source.webhookUrl });
      mistake?.();
    },
  });

  beforeAll(async () => {
    await sandbox.admin.createHerokuApp("good-app");
    await local.stack.up();
    stateBefore = await resources();
  });

  async function resources(): Promise<string[]> {
    const exported = (await local.stack.exportStack()) as {
      deployment: { resources?: { urn: string; outputs?: Record<string, unknown> }[] };
    };
    // The resources that stand for something in the APIs, with what the APIs assigned.
    return (exported.deployment.resources ?? [])
      .filter((resource) => resource.urn.includes("pulumi-nodejs:dynamic/"))
      .map(
        (resource) =>
          `${resource.urn} ${JSON.stringify(resource.outputs?.webhookId ?? resource.outputs?.alertSourceId)}`,
      )
      .sort();
  }

  /** Runs `up` with the mistake; expects one failure with the given messages and nothing changed. */
  async function expectRejected(messages: (string | RegExp)[]): Promise<void> {
    const { last } = { last: (await sandbox.admin.requests()).at(-1)?.seq ?? 0 };
    const outcome = await tryUp(local.stack);
    expect(outcome.ok).toBe(false);
    const text = outcome.error ?? "";
    for (const message of messages) {
      if (typeof message === "string") expect(text).toContain(message);
      else expect(text).toMatch(message);
    }
    expect(text).not.toMatch(CRASH);
    // Each failed resource shows one line, with no stack trace in it.
    const lines = failureLines(outcome);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/\bat .+:\d+:\d+/);
    expect(await resources()).toEqual(stateBefore);
    const writes = (await sandbox.admin.requests(last)).filter((entry) => entry.method !== "GET");
    expect(writes).toEqual([]);
    expect(await sandbox.admin.herokuWebhooks("good-app")).toHaveLength(1);
  }

  afterEach(async () => {
    // Once the mistake is gone, the stack is exactly as it was: nothing to do.
    mistake = undefined;
    const up = await local.stack.up();
    expect(up.summary.resourceChanges?.same).toBe(3);
    expect(up.summary.resourceChanges?.create).toBeUndefined();
    expect(up.summary.resourceChanges?.update).toBeUndefined();
    expect(await resources()).toEqual(stateBefore);
  });

  test("check-time mistakes are all reported at once, naming each argument", async () => {
    mistake = () =>
      new AppWebhook("bad", {
        app: "Demo_App",
        url: "http://example.com/hook",
        entities: ["builds"] as never,
        level: "synch" as never,
      });
    await expectRejected([
      "app must be a Heroku app name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or an app id",
      "url must use https (plain http is accepted only for loopback addresses such as the sandbox)",
      'entities unknown entity "builds": did you mean "api:build"?',
      "level must be notify or sync",
    ]);
  });

  test("an unknown app fails its webhook with Heroku's 404 and what to check", async () => {
    mistake = () =>
      new AppWebhook("bad", { app: "no-such-app", url: "https://example.com/hook", entities: "deploys" });
    await expectRejected([
      /Heroku API GET \/apps\/no-such-app\/webhooks failed: 404 not_found: Couldn't find that app\. .*Check the app name or id/,
    ]);
  });

  test("an unknown service fails its alert source, and the webhook waiting for it is not attempted", async () => {
    mistake = () => {
      const source = new AlertSource("bad-source", {
        service: { name: "missing-service", team: "Default Team" },
      });
      new AppWebhook("bad-webhook", { app: "good-app", url: source.webhookUrl });
    };
    await expectRejected([
      'Squadcast service "missing-service" not found in team Default Team: check service.name',
    ]);
  });

  test("a region typo in stack config names the setting", async () => {
    await local.stack.setConfig("squadcast:region", { value: "ue" });
    // Several resources of one type share one provider, which the engine configures once: none of them
    // may go ahead on settings that ignore the stack's config.
    mistake = () => {
      for (const name of ["bad-1", "bad-2", "bad-3"]) {
        new AppWebhook(name, { app: "good-app", url: `https://example.com/${name}`, entities: "deploys" });
      }
    };
    try {
      await expectRejected(["squadcast:region must be us or eu"]);
    } finally {
      await local.stack.removeConfig("squadcast:region");
    }
  });
});
