import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRoot } from "./measure";

type Library = typeof import("../../src");

let installed: Library | undefined;

/**
 * The built package as a user's program loads it: a copy of package.json and dist/ in
 * `<temporary directory>/node_modules/pulumi-heroku-squadcast`, its dependencies resolved from the
 * repository's node_modules. Loaded from there, the provider stub of each resource is stored in state as
 * users' stacks store it (one require of the stub module, see src/resource-kit/stored-provider.ts), which
 * the library loaded from the source tree or through a link would not be.
 */
export function installedLibrary(): Library {
  if (installed) return installed;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "heroku-squadcast-bench-"));
  process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
  const packageDirectory = path.join(root, "node_modules", "pulumi-heroku-squadcast");
  fs.mkdirSync(packageDirectory, { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot(), "package.json"), path.join(packageDirectory, "package.json"));
  fs.cpSync(path.join(repositoryRoot(), "dist"), path.join(packageDirectory, "dist"), { recursive: true });
  fs.symlinkSync(
    path.join(repositoryRoot(), "node_modules"),
    path.join(packageDirectory, "node_modules"),
    "dir",
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  installed = require(packageDirectory) as Library;
  return installed;
}
