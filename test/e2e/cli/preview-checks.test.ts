import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import type { CliResult } from "../../../src/engine/cli-stack";
import { packPackage } from "../consumer/harness";
import { configureForSandbox, installExample, type ExampleProject } from "../harness/example-project";
import { useSandboxStacks } from "../../support/use-sandbox-stack";

// A green `pulumi preview` must mean a green `pulumi up`. The basic example (one app into one service,
// each named by stack config) is previewed through the CLI, as a pull request's check runs it, with one
// thing wrong at a time: the preview must fail with the message `up` then gives, and neither may write
// anything (the sandbox's request log holds only GETs; the service's alert sources are as they were).

const FIXTURE = SANDBOX_FIXTURE;

interface Case {
  /** What is wrong. */
  readonly name: string;
  /** Makes it wrong in the stack's config. */
  readonly spoil: (project: ExampleProject) => Promise<void>;
  /** A line both preview and up must print. */
  readonly message: RegExp;
}

const CASES: readonly Case[] = [
  {
    name: "an unknown team",
    spoil: (project) => project.stack.setConfig("team", "No Such Team"),
    message: /Squadcast team "No Such Team" not found: check service.team \(a team name or id\)/,
  },
  {
    name: "an unknown service",
    spoil: (project) => project.stack.setConfig("service", "no-such-service"),
    message: /Squadcast service "no-such-service" not found in team Default Team: check service.name/,
  },
  {
    name: "an unknown app",
    spoil: (project) => project.stack.setConfig("app", "no-such-app"),
    message: /Heroku API GET \/apps\/no-such-app\/webhooks failed: 404 not_found.*Check the app name or id/,
  },
  {
    name: "a wrong Heroku API key",
    spoil: (project) =>
      project.stack.setConfig("heroku:apiKey", "wrong-heroku-key-0123456789", { secret: true }),
    message: /Heroku API GET \/apps\/demo-app\/webhooks failed: 401.*heroku:apiKey or HEROKU_API_KEY/,
  },
  {
    name: "a wrong Squadcast refresh token",
    spoil: (project) =>
      project.stack.setConfig("squadcast:refreshToken", "wrong-refresh-token-0123456789", { secret: true }),
    message: /Squadcast rejected the refresh token \(401\)/,
  },
  {
    name: "a missing Heroku API key",
    spoil: async (project) => void (await project.stack.succeed(["config", "rm", "heroku:apiKey"])),
    message:
      /Heroku API key is missing: run `pulumi config set --secret heroku:apiKey <key>` or set HEROKU_API_KEY\./,
  },
  {
    name: "a missing Squadcast refresh token",
    spoil: async (project) => void (await project.stack.succeed(["config", "rm", "squadcast:refreshToken"])),
    message:
      /Squadcast refresh token is missing: run `pulumi config set --secret squadcast:refreshToken <token>` or set SQUADCAST_REFRESH_TOKEN\./,
  },
];

describe("pulumi preview of what up would refuse", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let project: ExampleProject;
  /** The alert sources the service had before any test: others' (the fixture's Datadog). */
  let activeBefore: unknown[];

  beforeAll(async () => {
    const work = temporaryDirectory();
    const { tarball } = await packPackage(work);
    project = disposeAfter(await installExample("basic", work, tarball, sandbox));
    activeBefore = await sandbox.admin.activeAlertSources(FIXTURE.squadcast.serviceName);
  }, 600_000);

  beforeEach(async () => {
    for (const key of ["app", "service", "team"]) await project.stack.pulumi(["config", "rm", key]);
    await configureForSandbox(project.stack, sandbox);
    await sandbox.admin.clearRequests();
  });

  /** Every request that was not a read. */
  async function writes(): Promise<string[]> {
    return (await sandbox.admin.requests())
      .filter((entry) => entry.method !== "GET")
      .map((entry) => `${entry.api} ${entry.method} ${entry.path}`);
  }

  async function untouched(): Promise<void> {
    expect(await writes()).toEqual([]);
    expect(await sandbox.admin.activeAlertSources(FIXTURE.squadcast.serviceName)).toEqual(activeBefore);
    expect(await sandbox.admin.herokuWebhooks(FIXTURE.heroku.appName)).toEqual([]);
  }

  test.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    "%s: preview fails with the message up gives, and nothing is written",
    async (_name, testCase) => {
      await testCase.spoil(project);

      const preview = await project.stack.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(printed(preview)).toMatch(testCase.message);
      await untouched();

      const up = await project.stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(up.code).not.toBe(0);
      expect(printed(up)).toMatch(testCase.message);
      await untouched();
      for (const secret of [FIXTURE.heroku.apiKey, FIXTURE.squadcast.refreshToken]) {
        expect(printed(preview) + printed(up)).not.toContain(secret);
      }
    },
    180_000,
  );

  test("with everything right, preview passes having only read, and up then succeeds", async () => {
    const preview = await project.stack.pulumi(["preview"]);
    expect(preview.code).toBe(0);
    await untouched();
    expect((await sandbox.admin.requests()).length).toBeGreaterThan(0);

    await project.stack.succeed(["up", "--yes", "--skip-preview"]);
    expect(await sandbox.admin.herokuWebhooks(FIXTURE.heroku.appName)).toHaveLength(1);

    await sandbox.admin.clearRequests();
    expect((await project.stack.succeed(["preview"])).code).toBe(0);
    expect(await sandbox.admin.requests()).toEqual([]);
    await project.stack.succeed(["destroy", "--yes", "--skip-preview"]);
  }, 300_000);
});

function printed(result: CliResult): string {
  return `${result.stdout}\n${result.stderr}`;
}
