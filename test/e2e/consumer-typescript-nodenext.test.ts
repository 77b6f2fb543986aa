import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../../src/cli";
import { openCliStack, type CliStack } from "../../src/engine/cli-stack";
import { useSandboxStacks } from "../support/use-sandbox-stack";
import { DEV_PULUMI, TSC, TYPES_NODE, packPackage, run } from "./consumer/harness";
import { configureForSandbox } from "./harness/example-project";

// The README's first program (one app, one service) in a project compiled with `"module": "nodenext"`,
// where the package's types come through the `types` conditions of its `exports`; installed from the
// packed tarball, type-checked without skipLibCheck, deployed by the `pulumi` CLI, verified by
// `heroku-squadcast verify --stack` from its exports alone, and destroyed.

const repositoryRoot = path.resolve(__dirname, "../..");
const fixture = path.join(__dirname, "consumer/typescript-nodenext");

/** The README's TypeScript block that declares a HerokuSquadcastIntegration. */
function readmeIntegrationProgram(): string {
  const readme = fs.readFileSync(path.join(repositoryRoot, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
  const program = blocks.find((block) => block.includes("new HerokuSquadcastIntegration("));
  if (program === undefined) throw new Error("README.md has no HerokuSquadcastIntegration program");
  return program;
}

describe("the README's integration in a nodenext TypeScript project, through the pulumi CLI", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let dir: string;
  let stack: CliStack;

  beforeAll(async () => {
    const work = temporaryDirectory();
    dir = path.join(work, "typescript-nodenext");
    fs.cpSync(fixture, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "index.ts"), readmeIntegrationProgram());
    const { tarball } = await packPackage(work);
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        tarball,
        `@pulumi/pulumi@${DEV_PULUMI}`,
        `@types/node@${TYPES_NODE}`,
      ],
      dir,
    );
    stack = disposeAfter(await openCliStack({ projectDir: dir }));
    await configureForSandbox(stack, sandbox);
  }, 300_000);

  test("tsc compiles it with nodenext module resolution and no error", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8")) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(config.compilerOptions).toMatchObject({ module: "nodenext", moduleResolution: "nodenext" });
    expect(config.compilerOptions).not.toHaveProperty("skipLibCheck");
    // Prints each error and rejects when there is one.
    await run(process.execPath, [TSC, "-p", "tsconfig.json"], dir);
    // The package's types were found through exports' `types` condition, not a fallback.
    const trace = await run(
      process.execPath,
      [TSC, "-p", "tsconfig.json", "--noEmit", "--traceResolution"],
      dir,
    );
    expect(trace).toMatch(
      /Module name 'pulumi-heroku-squadcast' was successfully resolved to '[^']*node_modules\/pulumi-heroku-squadcast\/dist\/index\.d\.ts'/,
    );
    expect(fs.existsSync(path.join(dir, "bin/index.js"))).toBe(true);
  }, 300_000);

  test("pulumi up wires the app to the service and destroy removes it", async () => {
    await sandbox.admin.createHerokuApp("billing-api");
    await sandbox.admin.createSquadcastService("Billing", "Payments");

    const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    expect(up).toMatchObject({ code: 0 });
    const [webhook] = await sandbox.admin.herokuWebhooks("billing-api");
    expect(webhook).toBeDefined();
    const outputs = JSON.parse((await stack.pulumi(["stack", "output", "--json"])).stdout) as {
      webhookId: string;
    };
    expect(outputs.webhookId).toBe(webhook.id);
    expect((await sandbox.admin.activeAlertSources("Billing")).map((source) => source.type)).toContain(
      "Heroku",
    );

    // The program exports what `verify --stack` reads: the CLI checks the wiring from the stack alone.
    let report = "";
    const verified = await runCli(["verify", "--stack", stack.stackName], {
      stdout: { write: (text: string) => (report += text), isTTY: false },
      stderr: { write: (text: string) => (report += text) },
      env: { ...sandbox.env },
      runPulumi: async (args) => (await stack.succeed(args)).stdout,
    });
    expect({ verified, report }).toEqual({ verified: 0, report: expect.stringContaining("checks passed.") });
    expect(report).toMatch(/^heroku-squadcast verify billing-api → [0-9a-z]{24}\n/);

    const destroy = await stack.pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(destroy).toMatchObject({ code: 0 });
    expect(await sandbox.admin.herokuWebhooks("billing-api")).toEqual([]);
    expect((await sandbox.admin.activeAlertSources("Billing")).map((source) => source.type)).not.toContain(
      "Heroku",
    );
  });
});
