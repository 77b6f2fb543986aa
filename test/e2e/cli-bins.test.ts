import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { version } from "../../package.json";

const root = path.resolve(__dirname, "../..");

/** Runs a built bin as a user's shell would, with no credential in the environment. */
function run(bin: string, args: readonly string[]) {
  const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1" };
  const result = spawnSync(process.execPath, [path.join(root, bin), ...args], { env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The bins as installed: each documented exit code, --help and --version, from the built package.
describe("heroku-squadcast", () => {
  const bin = "dist/cli/bin.js";

  test.each([["--help"], ["-h"], ["help"], ["verify", "--help"]])(
    "%s prints the usage and exits 0",
    (...args) => {
      const { code, stdout } = run(bin, args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^usage: heroku-squadcast verify/);
      expect(stdout).toContain("Exit code: 0 when every check passed, 1 when one failed, 2 when nothing");
    },
  );

  test.each([["--version"], ["-v"]])("%s prints the version and exits 0", (flag) => {
    expect(run(bin, [flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("a wrong command line exits 2", () => {
    const { code, stderr } = run(bin, ["verify", "--colour"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--colour'/);
  });

  test("a missing credential exits 2 and says to export it", () => {
    const { code, stderr } = run(bin, [
      "verify",
      "--app",
      "demo-app",
      "--service-id",
      "0123456789abcdef01234567",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /HEROKU_API_KEY and SQUADCAST_REFRESH_TOKEN are not set: export HEROKU_API_KEY=<key>/,
    );
  });

  test("a failed check exits 1", () => {
    // The credentials are set, but the endpoints answer nothing: every check fails, none is skipped.
    const env = {
      PATH: process.env.PATH ?? "",
      HEROKU_API_KEY: "k",
      SQUADCAST_REFRESH_TOKEN: "t",
      HEROKU_API_URL: "http://127.0.0.1:9",
      SQUADCAST_API_URL: "http://127.0.0.1:9",
      SQUADCAST_AUTH_URL: "http://127.0.0.1:9",
      HEROKU_SQUADCAST_HTTP_TIMEOUT_MS: "2000",
    };
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, bin),
        "verify",
        "--app",
        "demo-app",
        "--service-id",
        "0123456789abcdef01234567",
        "--json",
      ],
      { env, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).ok).toBe(false);
  });
});

describe("heroku-squadcast-sandbox", () => {
  const bin = "packages/sandbox/dist/bin.js";

  test.each([["--help"], ["-h"]])("%s prints the usage and exits 0", (flag) => {
    const { code, stdout } = run(bin, [flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: heroku-squadcast-sandbox/);
  });

  test.each([["--version"], ["-v"]])("%s prints the version and exits 0", (flag) => {
    expect(run(bin, [flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("a wrong command line exits 2", () => {
    const { code, stderr } = run(bin, ["--port"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Option '--port <value>' argument missing/);
  });
});
