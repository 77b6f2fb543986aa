import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { LocalStack } from "../../../src/engine/local-stack";

const repositoryRoot = path.resolve(__dirname, "../../..");

/**
 * Makes `directory` a Pulumi project with the package installed, as `npm install` leaves it: where
 * `discover` writes its program.
 */
export function freshProject(directory: string): string {
  fs.writeFileSync(path.join(directory, "Pulumi.yaml"), "name: estate\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(directory, "package.json"),
    JSON.stringify({ name: "estate", main: "index.ts" }),
  );
  fs.writeFileSync(
    path.join(directory, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        skipLibCheck: true,
      },
      files: ["index.ts"],
    }),
  );
  const modules = path.join(directory, "node_modules");
  fs.mkdirSync(modules);
  fs.symlinkSync(path.join(repositoryRoot, "node_modules/@pulumi"), path.join(modules, "@pulumi"), "dir");
  fs.symlinkSync(repositoryRoot, path.join(modules, "pulumi-heroku-squadcast"), "dir");
  // The Node.js language host compiles a TypeScript program with the project's typescript.
  fs.symlinkSync(
    path.join(repositoryRoot, "node_modules/typescript"),
    path.join(modules, "typescript"),
    "dir",
  );
  return directory;
}

/**
 * Runs the real `pulumi` CLI in a stack's project directory with its backend and passphrase, as a user's
 * shell there would: what the CLI's `runPulumi` does for `verify --stack` or `discover --managed-by-stack`.
 */
export function pulumiCliIn(local: LocalStack): (args: readonly string[]) => Promise<string> {
  const env = { ...process.env, ...(local.stack.workspace as LocalWorkspace).envVars };
  return (args) =>
    new Promise((resolve, reject) =>
      execFile("pulumi", [...args], { cwd: local.workDir, env }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
}
