import { performance } from "node:perf_hooks";
import { discover } from "../../src/discover";
import { verifySettingsFromEnv } from "../../src/verify";
import { seedEstate } from "../../test/support/estate";
import { startSandboxProcess } from "./sandbox-client";

const USAGE = "usage: npm run bench:discover -- [--sizes 100,500] [--latency-ms 50]";

/**
 * The cost of `heroku-squadcast discover`: for each estate size, the requests the scan makes at each API
 * and its wall time with the sandbox answering every API request after `--latency-ms`. Each estate is
 * 80% wired by hand (with a few duplicates, stale and foreign webhooks), the rest bare. Prints a
 * Markdown table for docs/benchmarks.md; asserts nothing.
 */
async function main(argv: readonly string[]): Promise<void> {
  let sizes = [100, 500];
  let latencyMs = 50;
  for (let index = 0; index < argv.length; index += 2) {
    const value = argv[index + 1] ?? "";
    if (argv[index] === "--sizes") sizes = value.split(",").map(Number);
    else if (argv[index] === "--latency-ms") latencyMs = Number(value);
    else throw new Error(USAGE);
  }
  const rows: string[] = [];
  for (const size of sizes) {
    const sandbox = await startSandboxProcess({});
    try {
      const wired = Math.round(size * 0.8);
      const few = Math.max(1, Math.round(size / 50));
      await seedEstate(sandbox, { apps: size, wired, duplicated: few, stale: few, otherReceivers: few });
      await sandbox.admin.setLatency(latencyMs);
      await sandbox.admin.clearRequests();
      const started = performance.now();
      const { plan } = await discover(verifySettingsFromEnv(sandbox.env));
      const seconds = (performance.now() - started) / 1000;
      const requests = await sandbox.admin.requests();
      const heroku = requests.filter((request) => request.api === "heroku").length;
      const squadcast = requests.length - heroku;
      // The sandbox's own demo-app is scanned too.
      const apps = plan.counts.apps;
      rows.push(
        `| ${apps} | ${heroku} | ${(heroku / apps).toFixed(3)} | ${squadcast} | ${seconds.toFixed(2)} s | ` +
          `${plan.counts.adopted} | ${plan.unmonitored.length} | ${plan.stale.length} | ${plan.duplicates.length} |`,
      );
      process.stderr.write(`discover of ${apps} apps: ${seconds.toFixed(2)} s\n`);
    } finally {
      await sandbox.stop();
    }
  }
  process.stdout.write(
    [
      `Latency ${latencyMs} ms per API request.`,
      "",
      "| apps | Heroku requests | per app | Squadcast requests | wall time | adopted | unmonitored | stale | duplicated |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...rows,
      "",
    ].join("\n"),
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
