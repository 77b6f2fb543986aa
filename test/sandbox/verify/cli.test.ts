import { runCli, type CliIo } from "../../../src/cli";
import { PulumiCliError } from "../../../src/cli/io";
import { version } from "../../../package.json";
import { TEST_EVENT_MARKER, type VerifyReport } from "../../../src/verify";
import { demoServiceKey, failedBuild, wireDemoApp } from "./support";
import { useSandbox } from "../../support/use-sandbox";

const sandbox = useSandbox();

interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly pulumiCalls: (readonly string[])[];
}

/** An in-process terminal: captures both streams, with the sandbox's env unless told otherwise. */
function terminal(
  options: { isTTY?: boolean; env?: Record<string, string | undefined>; pulumi?: () => Promise<string> } = {},
): Captured {
  let out = "";
  let err = "";
  const pulumiCalls: (readonly string[])[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (err += text) },
    env: { ...sandbox.env, ...options.env },
    runPulumi: async (args) => {
      pulumiCalls.push(args);
      if (!options.pulumi) throw new Error("no pulumi in this test");
      return options.pulumi();
    },
  };
  return { io, stdout: () => out, stderr: () => err, pulumiCalls };
}

const VERIFY_DEMO = [
  "verify",
  "--app",
  "demo-app",
  "--service-name",
  "demo-service",
  "--team",
  "Default Team",
];
const ANSI = "\u001b[";

describe("heroku-squadcast verify", () => {
  it("prints one line per passed check, without colour when stdout is not a terminal, and exits 0", async () => {
    await wireDemoApp(sandbox);
    const run = terminal();

    const code = await runCli([...VERIFY_DEMO, "--entities", "api:build,dyno"], run.io);

    expect(code).toBe(0);
    const lines = run.stdout().split("\n");
    expect(lines[0]).toBe("heroku-squadcast verify demo-app → demo-service (Default Team)");
    expect(lines.filter((line) => line.startsWith("  ✓ "))).toHaveLength(6);
    expect(run.stdout()).toContain("  ✓ entities      delivers api:build, dyno\n");
    expect(run.stdout()).toMatch(/\nAll 6 checks passed\.\n$/);
    expect(run.stdout()).not.toContain(ANSI);
    expect(run.stderr()).toBe("");
  });

  it("colours the marks on a terminal, and not when NO_COLOR is set", async () => {
    await wireDemoApp(sandbox);
    const coloured = terminal({ isTTY: true });
    const plain = terminal({ isTTY: true, env: { NO_COLOR: "1" } });

    await runCli(VERIFY_DEMO, coloured.io);
    await runCli(VERIFY_DEMO, plain.io);

    expect(coloured.stdout()).toContain(`${ANSI}32m✓${ANSI}39m`);
    expect(plain.stdout()).not.toContain(ANSI);
  });

  it("prints the report as JSON for CI with --json, and exits 1 with the failure when deliveries fail", async () => {
    await wireDemoApp(sandbox);
    await sandbox.admin.addFault({ target: "ingestion", status: 500 });
    await failedBuild(sandbox);
    const run = terminal({ isTTY: true });

    const code = await runCli([...VERIFY_DEMO, "--json"], run.io);

    expect(code).toBe(1);
    const report = JSON.parse(run.stdout()) as VerifyReport;
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.name === "deliveries")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("HTTP 500"),
    });
    expect(run.stdout()).not.toContain(ANSI);
  });

  it("marks a failed check and says how many failed when the webhook is gone", async () => {
    const run = terminal();

    const code = await runCli(VERIFY_DEMO, run.io);

    expect(code).toBe(1);
    expect(run.stdout()).toMatch(
      /\n {2}✗ webhook {7}demo-app has no webhook delivering to http:\/\/127\.0\.0\.1:\d+\/v1\/incidents\/heroku\/\*\*\* /,
    );
    expect(run.stdout()).toMatch(/\n2 of 4 checks failed\.\n$/);
  });

  it("sends the test event with --send-test-event and confirms it through SANDBOX_ADMIN_URL", async () => {
    await wireDemoApp(sandbox);
    const run = terminal();

    expect(await runCli([...VERIFY_DEMO, "--send-test-event"], run.io)).toBe(0);

    expect(run.stdout()).toContain("✓ test event    Squadcast answered 202 and 202; the incident");
    expect(run.stdout()).toContain(TEST_EVENT_MARKER);
  });

  it("never prints a credential or the service key, whatever it reports", async () => {
    await wireDemoApp(sandbox);
    const run = terminal();

    await runCli([...VERIFY_DEMO, "--send-test-event", "--json"], run.io);
    await runCli([...VERIFY_DEMO, "--send-test-event"], run.io);

    const printed = run.stdout() + run.stderr();
    for (const secret of [
      await demoServiceKey(sandbox),
      sandbox.env.HEROKU_API_KEY!,
      sandbox.env.SQUADCAST_REFRESH_TOKEN!,
    ]) {
      expect(printed).not.toContain(secret);
    }
  });

  describe("--stack", () => {
    it("reads the app, service, entities and URL from the stack's outputs, secrets shown only to itself", async () => {
      const { alertSource } = await wireDemoApp(sandbox);
      const outputs = {
        app: "demo-app",
        serviceName: "demo-service",
        team: "Default Team",
        entities: { "api:build": true, dyno: true },
        webhookUrl: alertSource.state.webhookUrl,
        webhookId: "ignored",
      };
      const run = terminal({ pulumi: async () => JSON.stringify(outputs) });

      const code = await runCli(["verify", "--stack", "dev"], run.io);

      expect(run.stderr()).toBe("");
      expect(code).toBe(0);
      expect(run.pulumiCalls).toEqual([["stack", "output", "--json", "--show-secrets", "--stack", "dev"]]);
      expect(run.stdout()).toContain("✓ entities      delivers api:build, dyno\n");
      expect(run.stdout()).not.toContain(alertSource.state.webhookUrl);
    });

    it("exits 2 with a message naming what the stack does not export", async () => {
      const run = terminal({ pulumi: async () => JSON.stringify({ webhookId: "w" }) });

      expect(await runCli(["verify", "--stack", "dev"], run.io)).toBe(2);
      expect(run.stderr()).toMatch(
        /^heroku-squadcast: --app is required \(stack dev exports none; export it or pass the flag\)\n/,
      );
    });

    it("exits 2 with Pulumi's own error when the stack cannot be read", async () => {
      const run = terminal({
        pulumi: async () => {
          throw new PulumiCliError("pulumi stack output failed: error: no stack named 'nope' found");
        },
      });

      expect(await runCli(["verify", "--stack", "nope"], run.io)).toBe(2);
      expect(run.stderr()).toBe(
        "heroku-squadcast verify: pulumi stack output failed: error: no stack named 'nope' found\n",
      );
    });
  });

  describe("usage", () => {
    it.each([
      [["verify", "--app", "demo-app"], /--service-id, or --service-name with --team, is required/],
      [
        ["verify", "--app", "demo-app", "--service-name", "demo-service"],
        /--team is required with --service-name/,
      ],
      [[...VERIFY_DEMO, "--entities", "api:builds"], /unknown entity "api:builds"/],
      [[...VERIFY_DEMO, "--colour"], /Unknown option '--colour'/],
      [["frobnicate"], /unknown command frobnicate/],
      [[], /a command is required/],
    ])("exits 2 for %j, with one line and a pointer to --help", async (argv, message) => {
      const run = terminal();

      expect(await runCli(argv, run.io)).toBe(2);
      expect(run.stderr()).toMatch(message);
      expect(run.stderr()).toMatch(/\nRun `heroku-squadcast --help` for usage\.\n$/);
      expect(run.stdout()).toBe("");
    });

    it("exits 2 when an endpoint override is not a URL, naming the variable", async () => {
      const run = terminal({ env: { SQUADCAST_API_URL: "api.squadcast.com" } });

      expect(await runCli(VERIFY_DEMO, run.io)).toBe(2);
      expect(run.stderr()).toMatch(
        /^heroku-squadcast verify: SQUADCAST_API_URL must be an http or https URL/,
      );
    });

    it.each([
      ["HEROKU_API_URL", "http://heroku-api.invalid:8080"],
      ["SQUADCAST_API_URL", "http://squadcast-api.invalid"],
      ["SQUADCAST_AUTH_URL", "http://auth.squadcast.invalid/"],
    ])(
      "exits 2 before any request when %s is plain http to a host that is not loopback",
      async (name, url) => {
        await sandbox.admin.clearRequests();
        const run = terminal({ env: { [name]: url } });

        expect(await runCli(VERIFY_DEMO, run.io)).toBe(2);
        expect(run.stderr()).toBe(
          `heroku-squadcast verify: ${name} must use https: plain http is accepted only to a loopback address ` +
            "(127.0.0.0/8, ::1, localhost), because the API key or token sent to it would otherwise cross the " +
            "network in clear text\n",
        );
        expect(await sandbox.admin.requests()).toEqual([]);
      },
    );

    it.each([["HEROKU_API_KEY"], ["SQUADCAST_REFRESH_TOKEN"]])(
      "exits 2 when %s is not set, saying to export it (the CLI reads no stack config)",
      async (name) => {
        const run = terminal({ env: { [name]: undefined } });

        expect(await runCli(VERIFY_DEMO, run.io)).toBe(2);
        expect(run.stderr()).toMatch(
          new RegExp(`^heroku-squadcast verify: ${name} is not set: export ${name}=<`),
        );
        expect(run.stderr()).toContain("the CLI reads credentials from the environment only");
        expect(run.stderr()).not.toContain("pulumi config");
        expect(run.stdout()).toBe("");
      },
    );

    it.each([[["--version"]], [["-v"]], [["verify", "--version"]], [["discover", "--version"]]])(
      "%j prints the version and exits 0",
      async (argv) => {
        const run = terminal();
        expect(await runCli(argv, run.io)).toBe(0);
        expect(run.stdout()).toBe(`${version}\n`);
      },
    );

    it("exits 2 when discover has no Heroku API key, saying to export it", async () => {
      const run = terminal({ env: { HEROKU_API_KEY: undefined } });

      expect(await runCli(["discover"], run.io)).toBe(2);
      expect(run.stderr()).toMatch(
        /^heroku-squadcast: HEROKU_API_KEY is not set: export HEROKU_API_KEY=<value>/,
      );
      expect(run.stderr()).not.toContain("pulumi config");
    });

    it("prints the help on stdout and exits 0", async () => {
      for (const argv of [["--help"], ["verify", "--help"]]) {
        const run = terminal();
        expect(await runCli(argv, run.io)).toBe(0);
        expect(run.stdout()).toMatch(/^usage: heroku-squadcast verify --app <app>/);
      }
    });
  });
});
