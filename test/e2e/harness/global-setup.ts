import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repositoryRoot = path.resolve(__dirname, "../../..");

/**
 * Puts the Pulumi CLI on PATH (built from Go modules on first use, cached after) and makes sure the
 * compiled package is current: provider processes load the implementation from `dist/` by package name,
 * so a source edited since the last build would otherwise be tested as its stale build.
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
  if (buildIsStale()) {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: repositoryRoot, stdio: "inherit" });
  }
}

/** Whether a build is missing, or older than any file of the sources it is made from. */
export function buildIsStale(root = repositoryRoot): boolean {
  const builds = ["dist/provider/implementations.js", "packages/sandbox/dist/index.js"];
  const built = builds.map((file) => path.join(root, file));
  if (!built.every((file) => fs.existsSync(file))) return true;
  const builtAt = Math.min(...built.map((file) => fs.statSync(file).mtimeMs));
  return ["src", "packages/sandbox/src"].some((directory) => newestIn(path.join(root, directory)) > builtAt);
}

function newestIn(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
