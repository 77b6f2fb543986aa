import { readFileSync } from "node:fs";
import { join } from "node:path";

const PACKAGE_NAME = "pulumi-heroku-squadcast";

let cachedVersion: string | undefined;

/**
 * The `User-Agent` this package sends, e.g. `pulumi-heroku-squadcast/0.1.0`, so API owners can tell
 * our traffic apart and a support request can name the version.
 *
 * @returns `pulumi-heroku-squadcast/<version>`; the version is `0.0.0` when package.json cannot be read.
 */
export function userAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()}`;
}

function packageVersion(): string {
  if (cachedVersion === undefined) {
    // Read at run time rather than imported: package.json sits outside the compiled rootDir, and this
    // file is two levels below the package root both as src/http/*.ts and as dist/http/*.js.
    try {
      const manifest: unknown = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
      const version = (manifest as { version?: unknown }).version;
      cachedVersion = typeof version === "string" ? version : "0.0.0";
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}
