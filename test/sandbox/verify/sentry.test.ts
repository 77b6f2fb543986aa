import { runCli, type CliIo } from "../../../src/cli";
import { HerokuClient } from "../../../src/clients/heroku/client";
import { sentryReleaseHookUrl } from "../../../src/sentry";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { useSandbox } from "../../support/use-sandbox";

// `heroku-squadcast verify --app <app> --sentry`: the app's release webhook to Sentry, and whether Sentry
// still serves the hook. A removed hook (404, 410) and a wrong URL signature (403) are told apart.

const sandbox = useSandbox();
const { projectId, releaseToken } = SANDBOX_FIXTURE.sentry;

function hookUrl(token: string = releaseToken): string {
  return sentryReleaseHookUrl({ baseUrl: sandbox.urls.sentry, projectId, releaseToken: token });
}

async function verifySentry(env: Record<string, string | undefined>, ...flags: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...sandbox.env, ...env },
  };
  const code = await runCli(["verify", "--app", "demo-app", "--sentry", ...flags], io);
  return { code, stdout, stderr };
}

/** The line of one check in the text report. */
function line(stdout: string, label: string): string {
  return stdout.split("\n").find((text) => text.includes(` ${label} `)) ?? "";
}

beforeEach(async () => {
  const heroku = new HerokuClient({
    apiKey: sandbox.env.HEROKU_API_KEY!,
    apiUrl: sandbox.env.HEROKU_API_URL!,
  });
  await heroku.createWebhook("demo-app", { url: hookUrl(), include: ["api:release"], level: "notify" });
});

describe("heroku-squadcast verify --sentry", () => {
  test("a served hook and a webhook delivering api:release pass, and nothing is recorded in Sentry", async () => {
    const { code, stdout } = await verifySentry({ SENTRY_HOOK_URL: hookUrl() });
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("heroku-squadcast verify demo-app → Sentry release hook");
    expect(line(stdout, "webhook")).toMatch(
      /✓ webhook +demo-app delivers api:release to http:\/\/127\.0\.0\.1:\d+\/api\/hooks\/release\/heroku\/1\/\*\*\*\/ \(webhook /,
    );
    expect(line(stdout, "sentry hook")).toMatch(
      /✓ sentry hook +Sentry's Heroku release hook at .* answers \(204\)$/,
    );
    expect(stdout).toContain("All 3 checks passed.");
    expect(stdout).not.toContain(hookUrl());
    expect(await sandbox.admin.sentryReleases()).toEqual([]);
  });

  test.each([404, 410] as const)(
    "a hook Sentry no longer serves (%i) fails as removed, exit 1",
    async (status) => {
      await sandbox.admin.removeSentryHook(status);
      const { code, stdout } = await verifySentry({ SENTRY_HOOK_URL: hookUrl() });
      expect(code).toBe(1);
      expect(line(stdout, "sentry hook")).toContain(`✗ sentry hook   Sentry answered ${status} at http://`);
      expect(line(stdout, "sentry hook")).toContain(
        "this Sentry no longer serves the Heroku release hook (its Heroku plugin was removed;",
      );
      expect(line(stdout, "sentry hook")).not.toContain("signature");
      expect(stdout).toContain("1 of 3 checks failed.");
      expect(stdout).not.toContain(hookUrl());
    },
  );

  test("a URL signed with another release token fails as a wrong signature, not as a removed hook", async () => {
    const wrong = hookUrl("another-release-token");
    const { code, stdout } = await verifySentry({ SENTRY_HOOK_URL: wrong }, "--json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { checks: { name: string; ok: boolean; detail: string }[] };
    const hook = report.checks.find((check) => check.name === "sentry-hook");
    expect(hook).toMatchObject({ ok: false });
    expect(hook?.detail).toMatch(/^Sentry refused the hook URL \(403\) at .*: its signature does not match/);
    expect(hook?.detail).not.toContain("no longer serves");
    expect(stdout).not.toContain(new URL(wrong).pathname.split("/").at(-2));
  });

  test("exits 2 without SENTRY_HOOK_URL, or with a plain http one to a host that is not loopback", async () => {
    const missing = await verifySentry({ SENTRY_HOOK_URL: undefined });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^heroku-squadcast verify: SENTRY_HOOK_URL is not set: export SENTRY_HOOK_URL=/,
    );
    await sandbox.admin.clearRequests();
    const cleartext = await verifySentry({
      SENTRY_HOOK_URL: "http://sentry.example.invalid/api/hooks/release/heroku/1/abc/",
    });
    expect(cleartext.code).toBe(2);
    expect(cleartext.stderr).toMatch(/^heroku-squadcast verify: SENTRY_HOOK_URL must use https: /);
    expect(await sandbox.admin.requests()).toEqual([]);
  });
});
