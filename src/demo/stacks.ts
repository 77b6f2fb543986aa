import * as path from "node:path";
import { hasNodejsLanguageHost, openCliStack } from "../engine/cli-stack";
import { openLocalStack } from "../engine/local-stack";
import type { EntitySelection } from "../mapping";
import type { Sandbox } from "heroku-squadcast-sandbox";
import { demoProgram } from "./program";

/** What an engine run of the demo stack reports. */
interface DemoRun {
  /** The resource changes, such as `{"create":4}` or the CLI's summary line. */
  readonly changes: string;
}

/** The demo stack, whichever way the engine runs it. */
export interface DemoStack {
  /** How it runs, for the report. */
  readonly description: string;
  /** `pulumi up`; resolves with the changes and the outputs (secrets as `[secret]`). */
  up(): Promise<DemoRun & { readonly outputs: Readonly<Record<string, string>> }>;
  /** `pulumi preview --diff` with the webhook's entities changed. */
  previewEntities(entities: EntitySelection): Promise<{ readonly text: string; readonly oneUpdate: boolean }>;
  /** `pulumi destroy`. */
  destroy(): Promise<DemoRun>;
  /** Removes the stack and its temporary state. */
  dispose(): Promise<void>;
}

/**
 * The demo stack as a user runs it: the root Pulumi.yaml (`main: dist/demo/pulumi-main.js`) through the
 * `pulumi` CLI and its Node.js language host, with the sandbox's endpoints and credentials in stack config.
 * Without a language host (a CLI built from Go modules, outside `scripts/pulumi-cli.sh`), the same program
 * runs as an Automation API inline program.
 */
export async function openDemoStack(sandbox: Sandbox): Promise<DemoStack> {
  return hasNodejsLanguageHost() ? openCliDemoStack(sandbox) : openInlineDemoStack(sandbox);
}

async function openCliDemoStack(sandbox: Sandbox): Promise<DemoStack> {
  const stack = await openCliStack({
    projectDir: path.resolve(__dirname, "../.."),
    stackName: `demo-${process.pid}`,
  });
  const { env } = sandbox;
  await stack.setConfig("herokuSquadcast:herokuApiUrl", env.HEROKU_API_URL);
  await stack.setConfig("herokuSquadcast:squadcastApiUrl", env.SQUADCAST_API_URL);
  await stack.setConfig("herokuSquadcast:squadcastAuthUrl", env.SQUADCAST_AUTH_URL);
  await stack.setConfig("heroku:apiKey", env.HEROKU_API_KEY, { secret: true });
  await stack.setConfig("squadcast:refreshToken", env.SQUADCAST_REFRESH_TOKEN, { secret: true });
  return {
    description: "the pulumi CLI runs the root Pulumi.yaml on its Node.js language host",
    async up() {
      const up = await stack.succeed(["up", "--yes", "--skip-preview"]);
      const outputs = JSON.parse((await stack.succeed(["stack", "output", "--json"])).stdout) as Record<
        string,
        unknown
      >;
      return {
        changes: summary(up.stdout),
        outputs: Object.fromEntries(
          Object.entries(outputs).map(([name, value]) => [
            name,
            JSON.stringify(value).replace('"[secret]"', "[secret]"),
          ]),
        ),
      };
    },
    async previewEntities(entities) {
      await stack.setConfig("demo:entities", JSON.stringify(entities));
      const preview = await stack.succeed(["preview", "--diff"]);
      return {
        text: preview.stdout,
        oneUpdate: /Resources:\s+~ 1 to update\s+\d+ unchanged\s*$/m.test(preview.stdout),
      };
    },
    async destroy() {
      return { changes: summary((await stack.succeed(["destroy", "--yes", "--skip-preview"])).stdout) };
    },
    dispose: () => stack.dispose(),
  };
}

/** The CLI's "Resources:" lines, on one line. */
function summary(stdout: string): string {
  const block = /Resources:\n((?:\s{4}.+\n)+)/.exec(stdout)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(", ");
}

async function openInlineDemoStack(sandbox: Sandbox): Promise<DemoStack> {
  let entities: EntitySelection = "all";
  const local = await openLocalStack({
    projectName: "heroku-squadcast-demo",
    env: sandbox.env,
    program: async () => demoProgram({ entities }),
  });
  return {
    description: "an Automation API inline program (no Node.js language host beside the CLI)",
    async up() {
      const up = await local.stack.up();
      return {
        changes: JSON.stringify(up.summary.resourceChanges),
        outputs: Object.fromEntries(
          Object.entries(up.outputs).map(([name, output]) => [
            name,
            output.secret ? "[secret]" : JSON.stringify(output.value),
          ]),
        ),
      };
    },
    async previewEntities(selection) {
      entities = selection;
      const preview = await local.stack.preview({ diff: true });
      const changes = preview.changeSummary;
      return { text: preview.stdout, oneUpdate: changes.update === 1 && !changes.replace && !changes.create };
    },
    async destroy() {
      return { changes: JSON.stringify((await local.stack.destroy()).summary.resourceChanges) };
    },
    dispose: () => local.dispose(),
  };
}
