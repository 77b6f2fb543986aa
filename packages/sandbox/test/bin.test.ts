import { EventEmitter } from "node:events";
import { parseArguments, runSandboxBin, runSandboxCli } from "../src/bin";
import { version } from "../package.json";
import { heroku } from "../src/testing";

describe("heroku-squadcast-sandbox", () => {
  it("prints one JSON line of URLs first, then export lines, and stops on SIGTERM", async () => {
    let printed = "";
    const signals = new EventEmitter();
    const run = await runSandboxCli(
      ["--port", "0", "--latency-ms", "1"],
      { write: (text) => (printed += text) },
      signals,
    );
    const [first, ...rest] = printed.trimEnd().split("\n");
    const urls = JSON.parse(first);
    expect(Object.keys(urls).sort()).toEqual(["admin", "heroku", "sentry", "squadcast", "squadcastAuth"]);
    expect(urls).toEqual(run.sandbox.urls);
    expect(rest).toContain(`export HEROKU_API_URL=${urls.heroku}`);
    expect(rest).toContain("export HEROKU_API_KEY=sandbox-heroku-key");
    expect(rest).toContain("export SQUADCAST_REFRESH_TOKEN=sandbox-refresh-token");
    expect(rest.every((line) => /^export [A-Z_]+=\S+$/.test(line))).toBe(true);
    expect((await heroku(run.sandbox, "GET", "/apps/demo-app")).status).toBe(200);

    signals.emit("SIGTERM");
    await run.stopped;
    await expect(fetch(`${urls.heroku}/apps/demo-app`)).rejects.toThrow();
    expect(signals.listenerCount("SIGTERM") + signals.listenerCount("SIGINT")).toBe(0);
  });

  it("reads its flags and refuses unknown or malformed ones", () => {
    expect(parseArguments(["--port", "4010", "--host", "127.0.0.1", "--latency-ms", "5", "--log"])).toEqual({
      port: 4010,
      host: "127.0.0.1",
      latencyMs: 5,
      log: true,
    });
    expect(() => parseArguments(["--port", "abc"])).toThrow(/--port must be an integer/);
    expect(() => parseArguments(["--bogus", "1"])).toThrow(/Unknown option '--bogus'/);
    expect(() => parseArguments(["--port"])).toThrow(/Option '--port <value>' argument missing/);
    expect(parseArguments(["--help"])).toBe("help");
    expect(parseArguments(["-v"])).toBe("version");
  });

  describe("as a process runs it", () => {
    function captured() {
      let stdout = "";
      let stderr = "";
      const io = {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
      };
      return { io, stdout: () => stdout, stderr: () => stderr };
    }

    it.each([["--help"], ["-h"]])("%s prints the usage on stdout and exits 0", async (flag) => {
      const run = captured();
      expect(await runSandboxBin([flag], run.io)).toBe(0);
      expect(run.stdout()).toMatch(/^usage: heroku-squadcast-sandbox \[--port 4010\]/);
      expect(run.stdout()).toContain("Exit code: 0 once started");
      expect(run.stderr()).toBe("");
    });

    it.each([["--version"], ["-v"]])("%s prints the package version and exits 0", async (flag) => {
      const run = captured();
      expect(await runSandboxBin([flag], run.io)).toBe(0);
      expect(run.stdout()).toBe(`${version}\n`);
    });

    it.each([
      [["--bogus"], /Unknown option '--bogus'/],
      [["--port"], /Option '--port <value>' argument missing/],
      [["--latency-ms", "1.5"], /--latency-ms must be an integer/],
    ])("%j exits 2 with the message and the usage on stderr", async (argv, message) => {
      const run = captured();
      expect(await runSandboxBin(argv, run.io)).toBe(2);
      expect(run.stderr()).toMatch(message);
      expect(run.stderr()).toContain("usage: heroku-squadcast-sandbox");
      expect(run.stdout()).toBe("");
    });

    it("exits 0 once started, and 2 when the port is taken", async () => {
      const first = captured();
      const signals = new EventEmitter();
      expect(await runSandboxBin(["--port", "0"], first.io, signals)).toBe(0);
      const port = new URL(JSON.parse(first.stdout().split("\n")[0]!).heroku).port;
      const second = captured();
      expect(await runSandboxBin(["--port", port], second.io, new EventEmitter())).toBe(2);
      expect(second.stderr()).toMatch(/^heroku-squadcast-sandbox: .*EADDRINUSE/);
      signals.emit("SIGTERM");
    });
  });
});
