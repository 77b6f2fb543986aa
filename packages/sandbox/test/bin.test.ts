import { EventEmitter } from "node:events";
import { parseArguments, runSandboxCli } from "../src/bin";
import { heroku } from "./support";

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
    expect(() => parseArguments(["--bogus", "1"])).toThrow(/unknown argument --bogus/);
    expect(() => parseArguments(["--port"])).toThrow(/needs a value/);
  });
});
