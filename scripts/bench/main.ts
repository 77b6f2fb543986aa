import * as fs from "node:fs";
import * as path from "node:path";
import { describeEnvironment, repositoryRoot } from "./measure";
import { renderResults, renderTargets, resultKey, type BenchResults, type SizeResult } from "./report";
import { runSandboxProcess } from "./sandbox-process";
import { runBudget, runStack, type StackKind, type StackRun } from "./run-stack";

const USAGE = `usage: npm run bench -- [--sizes 1,10,100,500] [--repeat 3] [--latency-ms 50]
                          [--budget-apps 500] [--budget 300/600] [--skip-checkpoints]
                          [--no-warmup] [--no-write] [--render-only]

Measures preview (no change), up from empty, up changing every app, refresh and destroy of a fleet of
each size against the sandbox, and the same on a floor of no-op dynamic resources. Results of the sizes
run are merged into docs/benchmarks.json and the results section of docs/benchmarks.md is rewritten.
--budget-apps 0 skips the small-budget scenario (an up and destroy of that many apps against a sandbox
allowing --budget <capacity>/<refill per minute> Heroku requests). A run of 1 app on each stack,
not recorded, warms disk caches and the CLI first unless --no-warmup. --skip-checkpoints runs the engine
with PULUMI_SKIP_CHECKPOINTS=true (state saved once at the end), recorded as separate sizes. --render-only runs nothing and rewrites the results section from
docs/benchmarks.json.`;

interface Options {
  readonly sizes: number[];
  readonly repeat: number;
  readonly latencyMs: number;
  readonly budgetApps: number;
  readonly budget: { readonly capacity: number; readonly refillPerMinute: number };
  readonly write: boolean;
  readonly warmup: boolean;
  readonly skipCheckpoints: boolean;
  readonly renderOnly: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options = {
    sizes: [1, 10, 100, 500],
    repeat: 3,
    latencyMs: 50,
    budgetApps: 500,
    budget: { capacity: 300, refillPerMinute: 600 },
    write: true,
    warmup: true,
    skipCheckpoints: false,
    renderOnly: false,
  };
  const positive = (flag: string, value: string | undefined, allowZero = false): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < (allowZero ? 0 : 1))
      throw new Error(`${flag} needs a whole number\n${USAGE}`);
    return number;
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === "--sizes") {
      options.sizes = (value ?? "").split(",").map((size) => positive(flag, size));
      index++;
    } else if (flag === "--repeat") {
      options.repeat = positive(flag, value);
      index++;
    } else if (flag === "--latency-ms") {
      options.latencyMs = positive(flag, value, true);
      index++;
    } else if (flag === "--budget-apps") {
      options.budgetApps = positive(flag, value, true);
      index++;
    } else if (flag === "--budget") {
      const [capacity, refillPerMinute] = (value ?? "").split("/");
      options.budget = {
        capacity: positive(flag, capacity),
        refillPerMinute: positive(flag, refillPerMinute),
      };
      index++;
    } else if (flag === "--skip-checkpoints") {
      options.skipCheckpoints = true;
    } else if (flag === "--render-only") {
      options.renderOnly = true;
    } else if (flag === "--no-warmup") {
      options.warmup = false;
    } else if (flag === "--no-write") {
      options.write = false;
    } else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  return options;
}

const log = (message: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function summary(run: StackRun): string {
  return Object.entries(run.operations)
    .map(([operation, measure]) => {
      const requests = measure.requests ? ` ${measure.requests.total} req` : "";
      return `${operation} ${measure.seconds.toFixed(2)}s${requests}`;
    })
    .join(", ");
}

async function main(): Promise<void> {
  if (process.argv[2] === "--sandbox-process") return runSandboxProcess(process.argv[3] ?? "{}");
  const options = parseOptions(process.argv.slice(2));
  const root = repositoryRoot();
  const jsonPath = path.join(root, "docs", "benchmarks.json");
  const docPath = path.join(root, "docs", "benchmarks.md");
  const results: BenchResults = fs.existsSync(jsonPath)
    ? (JSON.parse(fs.readFileSync(jsonPath, "utf8")) as BenchResults)
    : { sizes: {} };
  const environment = describeEnvironment();
  log(
    `${environment.cpus} × ${environment.cpuModel}; Node ${environment.node}; Pulumi ${environment.pulumiCli}`,
  );

  const sizes = options.renderOnly ? [] : options.sizes;
  const budgetApps = options.renderOnly ? 0 : options.budgetApps;
  if (options.warmup && sizes.length > 0) {
    log("warm-up: 1 app on each stack, not recorded");
    for (const kind of ["library", "plugin", "floor"] as const)
      await runStack(kind, 1, { latencyMs: options.latencyMs });
  }
  for (const size of sizes) {
    const runs: Record<StackKind, StackRun[]> = { library: [], plugin: [], floor: [] };
    for (let repeat = 0; repeat < options.repeat; repeat++) {
      // Rotating which goes first spreads any drift of the machine over all three.
      const kinds: StackKind[] = ["library", "plugin", "floor"];
      const order = [...kinds.slice(repeat % 3), ...kinds.slice(0, repeat % 3)];
      for (const kind of order) {
        log(`${size} apps, ${kind}, run ${repeat + 1} of ${options.repeat}`);
        const run = await runStack(kind, size, {
          latencyMs: options.latencyMs,
          skipCheckpoints: options.skipCheckpoints,
        });
        log(`  ${summary(run)}`);
        runs[kind].push(run);
      }
      const result: SizeResult = {
        size,
        ...(options.skipCheckpoints ? { skipCheckpoints: true } : {}),
        repeat: runs.library.length,
        latencyMs: options.latencyMs,
        environment,
        library: runs.library,
        floor: runs.floor,
        plugin: runs.plugin,
      };
      results.sizes[resultKey(size, options.skipCheckpoints)] = result;
      // Saved after every repeat, merged into what is on disk then (another run may have saved other
      // sizes meanwhile), so a run stopped part-way keeps the repeats it finished.
      if (options.write) saveSize(jsonPath, docPath, resultKey(size, options.skipCheckpoints), result);
    }
  }

  if (budgetApps > 0) {
    const { capacity, refillPerMinute } = options.budget;
    log(`${budgetApps} apps under a Heroku budget of ${capacity}, ${refillPerMinute} a minute`);
    const budget = await runBudget(budgetApps, options.budget, options.latencyMs);
    log(
      `  up ${budget.up.seconds.toFixed(1)}s, ${budget.up.requests?.throttled} × 429; ` +
        `destroy ${budget.destroy.seconds.toFixed(1)}s, ${budget.destroy.requests?.throttled} × 429`,
    );
    results.budget = { ...budget, environment };
  }

  if (options.write && fs.existsSync(jsonPath)) {
    // What other runs saved meanwhile, with this run's sizes and budget over it.
    const stored = JSON.parse(fs.readFileSync(jsonPath, "utf8")) as BenchResults;
    for (const size of sizes) {
      const key = resultKey(size, options.skipCheckpoints);
      stored.sizes[key] = results.sizes[key]!;
    }
    if (budgetApps > 0) stored.budget = results.budget;
    Object.assign(results, stored);
  }
  const rendered = `${renderTargets(results)}\n\n${renderResults(results)}`;
  console.log(rendered);
  if (options.write) {
    fs.writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    writeSection(docPath, rendered);
    log(`wrote ${path.relative(root, docPath)} and ${path.relative(root, jsonPath)}`);
  }
}

/** Merges one size's result into the stored figures and rewrites the results section from them. */
function saveSize(jsonPath: string, docPath: string, key: string, result: SizeResult): void {
  const stored = fs.existsSync(jsonPath)
    ? (JSON.parse(fs.readFileSync(jsonPath, "utf8")) as BenchResults)
    : { sizes: {} };
  stored.sizes[key] = result;
  fs.writeFileSync(jsonPath, `${JSON.stringify(stored, null, 2)}\n`);
  writeSection(docPath, `${renderTargets(stored)}\n\n${renderResults(stored)}`);
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

/** Replaces the generated section of the document, keeping the prose around it. */
function writeSection(docPath: string, rendered: string): void {
  const section = `${START}\n\n<!-- Generated by \`npm run bench\`; edits here are overwritten. -->\n\n${rendered}\n\n${END}`;
  const current = fs.existsSync(docPath)
    ? fs.readFileSync(docPath, "utf8")
    : `# Benchmarks\n\n${START}\n${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start === -1 || end === -1
      ? `${current.trimEnd()}\n\n${section}\n`
      : `${current.slice(0, start)}${section}${current.slice(end + END.length)}`;
  fs.writeFileSync(docPath, next);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
