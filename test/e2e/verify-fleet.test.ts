import { FLEET_APPS, fleetProgram } from "../../examples/fleet/program";
import { createFleetEstate } from "./harness/fleet-example";
import { runCli, type CliIo } from "../../src/cli";
import { HerokuClient } from "../../src/clients/heroku/client";
import type { FleetVerifyReport } from "../../src/verify";
import { useSandboxStack } from "../support/use-sandbox-stack";
import { pulumiCliIn } from "./harness/projects";

// `heroku-squadcast verify --stack` on the fleet example, reading the outputs with the real Pulumi CLI.

describe("verify --stack on the fleet example", () => {
  const { sandbox, local } = useSandboxStack({
    projectName: "verify-fleet-e2e",
    program: async () => fleetProgram(),
  });
  beforeAll(async () => {
    await createFleetEstate(sandbox);
    await local.stack.up();
  });

  /** Runs the CLI in process; `pulumi stack output` runs for real in the stack's project directory. */
  async function verify(...flags: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = "";
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => process.stderr.write(text) },
      env: { ...sandbox.env },
      runPulumi: pulumiCliIn(local),
    };
    const code = await runCli(["verify", "--stack", "dev", ...flags], io);
    return { code, stdout };
  }

  test("one line per app, every app verified, exit 0", async () => {
    const { code, stdout } = await verify();
    expect(code).toBe(0);
    for (const app of FLEET_APPS)
      expect(stdout).toMatch(new RegExp(`^ {2}✓ ${app} +\\d+ checks passed$`, "m"));
    expect(stdout.split("\n").filter((line) => /^ {2}[✓✗] /.test(line))).toHaveLength(12);
    expect(stdout).toContain("All 12 apps verified.");
  });

  test("after one app's webhook is deleted by hand: that app fails, the exit code is 1, --json says which", async () => {
    const heroku = new HerokuClient({
      apiKey: sandbox.env.HEROKU_API_KEY!,
      apiUrl: sandbox.env.HEROKU_API_URL!,
    });
    const [webhook] = await heroku.listWebhooks("pay-ledger");
    await heroku.deleteWebhook("pay-ledger", webhook!.id);

    const { code, stdout } = await verify();
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}✗ pay-ledger +webhook: pay-ledger has no webhook delivering to /m);
    // The state still holds the webhook: only a refresh makes up recreate it.
    expect(stdout).toContain("run pulumi up --refresh");
    expect(stdout).toContain("1 of 12 apps failed.");

    const json = await verify("--json");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as FleetVerifyReport;
    expect(report.apps.filter((app) => !app.report.ok).map((app) => app.app)).toEqual(["pay-ledger"]);
  });
});
