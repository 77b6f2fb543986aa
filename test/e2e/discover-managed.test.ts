import * as fs from "node:fs";
import * as path from "node:path";
import { FLEET_APPS, fleetProgram } from "../../examples/fleet/program";
import { runCli, type CliIo } from "../../src/cli";
import type { DiscoveryPlan } from "../../src/discover";
import { openCliStack } from "../../src/engine/cli-stack";
import type { LocalStack } from "../../src/engine/local-stack";
import { seedEstate, type Estate } from "../support/estate";
import { useSandboxStacks } from "../support/use-sandbox-stack";
import { createFleetEstate } from "./harness/fleet-example";
import { freshProject, pulumiCliIn } from "./harness/projects";

// Issue 26: discover used to adopt the webhooks a `fleet` stack already managed, and destroying the
// discovered stack deleted them while the fleet stack still previewed unchanged. Here a fleet stack
// manages five apps' webhooks, other apps were wired by hand; discover is told the fleet stack, and
// the program it writes is brought up and destroyed as a user would, with the real Pulumi CLI.

/** The apps the fleet stack manages; the example's other apps have no webhook. */
const FLEET_OWNED = ["shop-web", "shop-api", "shop-worker", "pay-web", "pay-ledger"];

describe("discover --managed-by-stack, then up and destroy of the discovered stack", () => {
  const { sandbox, openStack, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let fleet: LocalStack;
  let fleetWebhooks: Record<string, string>;
  let byHand: Estate;
  let project: string;
  let plan: DiscoveryPlan;
  let stderr = "";

  /** The CLI in process; `pulumi stack output` of the fleet stack runs for real in its project. */
  function cli(): { io: CliIo; stdout: () => string } {
    let stdout = "";
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text) },
      env: { ...sandbox.env },
      runPulumi: pulumiCliIn(fleet),
    };
    return { io, stdout: () => stdout };
  }

  beforeAll(async () => {
    await createFleetEstate(sandbox);
    fleet = await openStack({
      projectName: "fleet-owner",
      stackName: "fleet",
      program: async () => fleetProgram({ apps: FLEET_OWNED }),
    });
    const up = await fleet.stack.up();
    fleetWebhooks = up.outputs.webhooks!.value as Record<string, string>;
    byHand = await seedEstate(sandbox, { apps: 4, wired: 3, prefix: "by-hand" });

    project = freshProject(temporaryDirectory("discover-managed-"));
    const run = cli();
    // Every app the key sees, the fleet's included, as `discover` scans by default.
    const code = await runCli(
      ["discover", "--managed-by-stack", "fleet", "--output", path.join(project, "index.ts"), "--json"],
      run.io,
    );
    expect(code).toBe(0);
    plan = JSON.parse(run.stdout()) as DiscoveryPlan;
  });

  test("the program adopts only the webhooks made by hand; the fleet's apps are listed under their stack by webhook id", () => {
    expect(Object.keys(fleetWebhooks).sort()).toEqual([...FLEET_OWNED].sort());
    expect(plan.routes.flatMap((route) => route.apps.map((app) => app.app)).sort()).toEqual(
      [...byHand.wired.keys()].sort(),
    );
    expect(plan.managedByStack).toEqual({
      fleet: [...FLEET_OWNED].sort().map((app) => ({
        app,
        webhookIds: [fleetWebhooks[app]],
        matchedBy: "webhook id",
      })),
    });
    const program = fs.readFileSync(path.join(project, "index.ts"), "utf8");
    for (const app of FLEET_OWNED) expect(program).not.toContain(`adopt: "${app}/`);
    for (const app of byHand.wired.keys()) expect(program).toContain(`adopt: "${app}/`);
    expect(stderr).toContain("managed by stack fleet: left out of the program (5):\n");
    expect(stderr).toContain(
      `    pay-ledger: webhook ${fleetWebhooks["pay-ledger"]} (the stack names the webhook)\n`,
    );
    // The fleet example's apps the stack does not manage have no webhook: nothing to adopt, nothing to skip.
    const unmanaged = FLEET_APPS.filter((app) => !FLEET_OWNED.includes(app));
    expect(plan.unmonitored).toEqual(expect.arrayContaining(unmanaged));
  });

  test("after pulumi up and pulumi destroy of the discovered stack, every fleet app keeps its webhook and verify --stack fleet exits 0", async () => {
    // The program keeps what it adopted on destroy (retainOnDelete), which alone would hide a wrong
    // adoption: removed here, as its comment tells a user to once the program is the only owner, so
    // destroy deletes every webhook the program holds.
    const file = path.join(project, "index.ts");
    const written = fs.readFileSync(file, "utf8");
    const program = written.replace("}, { retainOnDelete: true });", "});");
    expect(program).not.toBe(written);
    fs.writeFileSync(file, program);
    const discovered = disposeAfter(await openCliStack({ projectDir: project, env: sandbox.env }));

    await discovered.succeed(["up", "--yes"]);
    for (const app of byHand.wired.keys()) expect(await sandbox.admin.herokuWebhooks(app)).toHaveLength(1);
    await discovered.succeed(["destroy", "--yes"]);

    // The destroy did delete what the program held: the hand-made webhooks are gone.
    for (const app of byHand.wired.keys())
      expect([app, await sandbox.admin.herokuWebhooks(app)]).toEqual([app, []]);
    for (const app of FLEET_OWNED) {
      const ids = (await sandbox.admin.herokuWebhooks(app)).map((webhook) => webhook.id);
      expect([app, ids]).toEqual([app, [fleetWebhooks[app]]]);
    }
    const run = cli();
    expect(await runCli(["verify", "--stack", "fleet"], run.io)).toBe(0);
    expect(run.stdout()).toContain(`All ${FLEET_OWNED.length} apps verified.`);
  });
});
