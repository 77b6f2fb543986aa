import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repositoryRoot = path.resolve(__dirname, "../../..");

/**
 * Puts the Pulumi CLI on PATH (built from Go modules on first use, cached after) and makes sure the
 * compiled package is current: provider processes load the implementation from `dist/` by package name,
 * so a source edited since the last build would otherwise be tested as its stale build. Likewise the API
 * reference in `docs/api/`, which `prepack` generates and the consumer suites' tarballs
 * (`npm pack --ignore-scripts`) must hold as a published one does.
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
  if (apiReferenceIsStale()) {
    // Warnings do not stop the pages here: test/e2e/api-reference.test.ts is where they fail, by name.
    execFileSync(process.execPath, [TYPEDOC, "--treatWarningsAsErrors", "false", "--logLevel", "Error"], {
      cwd: repositoryRoot,
      stdio: "inherit",
    });
  }
}

/** typedoc's command line, run with the repository's typedoc.json (which writes to `docs/api/`). */
export const TYPEDOC = path.join(repositoryRoot, "node_modules/typedoc/bin/typedoc");

/** Whether `docs/api/` is missing, or older than the sources or the options it is generated from. */
function apiReferenceIsStale(): boolean {
  const index = path.join(repositoryRoot, "docs/api/README.md");
  if (!fs.existsSync(index)) return true;
  const generatedAt = fs.statSync(index).mtimeMs;
  const inputs = [newestIn(path.join(repositoryRoot, "src"))];
  for (const file of ["typedoc.json", "package-lock.json"]) {
    inputs.push(fs.statSync(path.join(repositoryRoot, file)).mtimeMs);
  }
  return Math.max(...inputs) > generatedAt;
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
