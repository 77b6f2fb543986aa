import * as fs from "node:fs";
import * as path from "node:path";
import { openCliStack, type CliStack } from "../../../src/engine/cli-stack";
import type { Sandbox } from "heroku-squadcast-sandbox";
import { DEV_PULUMI, POLICY_SDK, run } from "../consumer/harness";

const repositoryRoot = path.resolve(__dirname, "../../..");

/** The example projects under examples/. */
export type ExampleName = "basic" | "fleet" | "sentry-releases";

/** An example copied out of the repository and installed from the packed tarball, as a user has it. */
export interface ExampleProject {
  /** The project directory. */
  readonly dir: string;
  /** Its stack, run through the `pulumi` CLI. */
  readonly stack: CliStack;
  /** Removes the stack and every temporary directory. */
  dispose(): Promise<void>;
}

/**
 * Copies `examples/<name>` into `work`, installs it with the package from `tarball` in place of the
 * `^0.1.0` its package.json asks the registry for (and `@pulumi/pulumi` at the version this repository
 * develops with, `@pulumi/policy` for `--policy-pack`), then logs into a file backend and creates a stack
 * whose config points at the sandbox, with the credentials as secrets.
 */
export async function installExample(
  name: ExampleName,
  work: string,
  tarball: string,
  sandbox: Sandbox,
): Promise<ExampleProject> {
  const dir = path.join(work, name);
  const source = path.join(repositoryRoot, "examples", name);
  fs.cpSync(source, dir, {
    recursive: true,
    filter: (file) => !/^(node_modules|bin|Pulumi\..+\.yaml)$/.test(path.basename(file)),
  });
  const manifestPath = path.join(dir, "package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  if (manifest.dependencies["pulumi-heroku-squadcast"] !== "^0.1.0") {
    throw new Error(`examples/${name}/package.json must ask for pulumi-heroku-squadcast ^0.1.0`);
  }
  manifest.dependencies["pulumi-heroku-squadcast"] = `file:${tarball}`;
  manifest.dependencies["@pulumi/pulumi"] = DEV_PULUMI;
  manifest.devDependencies["@pulumi/policy"] = POLICY_SDK;
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], dir);

  const stack = await openCliStack({ projectDir: dir });
  await configureForSandbox(stack, sandbox);
  return {
    dir,
    stack,
    async dispose() {
      await stack.dispose();
    },
  };
}

/** Endpoints at the sandbox and its credentials as secrets, as a user's CI would set real ones. */
export async function configureForSandbox(stack: CliStack, sandbox: Sandbox): Promise<void> {
  const env = sandbox.env;
  await stack.setConfig("herokuSquadcast:herokuApiUrl", env.HEROKU_API_URL);
  await stack.setConfig("herokuSquadcast:squadcastApiUrl", env.SQUADCAST_API_URL);
  await stack.setConfig("herokuSquadcast:squadcastAuthUrl", env.SQUADCAST_AUTH_URL);
  await stack.setConfig("heroku:apiKey", env.HEROKU_API_KEY, { secret: true });
  await stack.setConfig("squadcast:refreshToken", env.SQUADCAST_REFRESH_TOKEN, { secret: true });
}

/** A policy pack config that lets the sandbox's loopback http URLs pass the https policy. */
export function writeSandboxPolicyConfig(work: string): string {
  const file = path.join(work, "policy-config.json");
  fs.writeFileSync(file, JSON.stringify({ "heroku-webhook-url-https-secret": { allowLoopbackHttp: true } }));
  return file;
}
