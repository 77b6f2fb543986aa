import * as fs from "node:fs";
import * as path from "node:path";

/**
 * This package's version, for `--version`. Read from package.json at run time (two levels up from both
 * `src/cli` and `dist/cli`) rather than imported, which would pull package.json into the build output.
 */
export function packageVersion(): string {
  const manifest = path.join(__dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}
