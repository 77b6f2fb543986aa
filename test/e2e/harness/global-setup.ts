import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repositoryRoot = path.resolve(__dirname, "../../..");

/**
 * Puts the Pulumi CLI on PATH (built from Go modules on first use, cached after) and makes sure the
 * compiled package exists: provider processes load the implementation from `dist/` by package name.
 */
export default function globalSetup(): void {
  const cliDirectory = execFileSync(
    "bash",
    [path.join(repositoryRoot, "scripts/pulumi-cli.sh"), "--print-dir"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  ).trim();
  process.env.PATH = `${cliDirectory}${path.delimiter}${process.env.PATH ?? ""}`;
  if (!fs.existsSync(path.join(repositoryRoot, "dist/provider/implementations.js"))) {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: repositoryRoot, stdio: "inherit" });
  }
}
