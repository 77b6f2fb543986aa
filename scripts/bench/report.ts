import type { Environment } from "./measure";
import { median } from "./measure";
import { OPERATION_LABELS, OPERATIONS, type BudgetRun, type Operation, type StackRun } from "./run-stack";

/** Heroku requests the library runs at once (the provider's limiter), for the critical path. */
const HEROKU_CONCURRENCY = 8;

/** Every run of one fleet size. */
export interface SizeResult {
  readonly size: number;
  /** Whether the engine skipped intermediate checkpoints (`--skip-checkpoints`). */
  readonly skipCheckpoints?: boolean;
  readonly repeat: number;
  readonly latencyMs: number;
  readonly environment: Environment;
  readonly library: readonly StackRun[];
  readonly floor: readonly StackRun[];
  /** The same fleet on the provider plugin; absent in results measured before it existed. */
  readonly plugin?: readonly StackRun[];
}

/** Everything the benchmark has measured so far, as kept in docs/benchmarks.json. */
export interface BenchResults {
  readonly sizes: Record<string, SizeResult>;
  budget?: BudgetRun & { readonly environment: Environment };
}

/**
 * The least time the API requests of an operation take at `latencyMs` each, for one service: the
 * longest chain of requests that wait for each other, with Heroku's requests 8 at a time.
 */
export function requestCriticalPathSeconds(operation: Operation, size: number, latencyMs: number): number {
  const rounds = Math.ceil(size / HEROKU_CONCURRENCY);
  const requests: Record<Operation, number> = {
    // token → team → service → GET, PUT, GET active sources (the catalog alongside); then per webhook
    // a list and a create.
    up: 6 + 2 * rounds,
    preview: 0,
    update: rounds,
    // token → service and active sources together → catalog, alongside one GET per webhook.
    refresh: Math.max(3, rounds),
    // The webhooks first (they depend on the alert source), then token → GET, PUT, GET.
    destroy: rounds + 4,
  };
  return (requests[operation] * latencyMs) / 1000;
}

/** The key of a size's results in docs/benchmarks.json, and its label in tables. */
export function resultKey(size: number, skipCheckpoints: boolean | undefined): string {
  return skipCheckpoints ? `${size} (no checkpoints)` : String(size);
}

const labelOf = (result: SizeResult) => resultKey(result.size, result.skipCheckpoints);

const seconds = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "n/a");
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const mib = (bytes: number | undefined) => (bytes === undefined ? "n/a" : (bytes / 2 ** 20).toFixed(0));

function medianOf(runs: readonly StackRun[], pick: (run: StackRun) => number | undefined): number {
  return median(runs.map(pick).filter((value): value is number => value !== undefined));
}

/** A count that should be the same in every repeat: one number, or `min–max` when it was not. */
function countOf(runs: readonly StackRun[], pick: (run: StackRun) => number): string {
  const values = runs.map(pick);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
}

/** The median load average over every operation of a size, library and floor. */
function loadOf(result: SizeResult): number {
  return median(
    [...result.library, ...result.floor].flatMap((run) =>
      OPERATIONS.map((operation) => run.operations[operation].loadAverage),
    ),
  );
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function describeEnvironment(environment: Environment): string {
  return (
    `${environment.cpus} × ${environment.cpuModel}, ${environment.memoryGiB} GiB memory, ${environment.os}; ` +
    `Node ${environment.node}; Pulumi CLI ${environment.pulumiCli}; @pulumi/pulumi ${environment.pulumiSdk}`
  );
}

/** Renders the results as the Markdown of docs/benchmarks.md's results section. */
export function renderResults(results: BenchResults): string {
  const sizes = Object.values(results.sizes).sort(
    (a, b) => a.size - b.size || Number(a.skipCheckpoints ?? false) - Number(b.skipCheckpoints ?? false),
  );
  const out: string[] = [];

  const environments = new Map<string, string[]>();
  for (const result of sizes) {
    const key = `${describeEnvironment(result.environment)}; run ${result.environment.date}`;
    environments.set(key, [...(environments.get(key) ?? []), labelOf(result)]);
  }
  out.push("**Where and how.**");
  out.push("");
  for (const [description, ofSizes] of environments)
    out.push(`- Sizes ${ofSizes.join(", ")}: ${description}.`);
  out.push(
    ...sizes.map(
      (result) =>
        `- ${labelOf(result)}${result.skipCheckpoints ? "" : ` app${result.size === 1 ? "" : "s"}`}: ${result.repeat} repeat${result.repeat === 1 ? "" : "s"} ` +
        `(${result.repeat === 1 ? "a single run" : "median shown"}), ${result.latencyMs} ms added to every request; ` +
        `one-minute load average ${loadOf(result).toFixed(1)} on ${result.environment.cpus} CPUs (median at the end of the operations).`,
    ),
  );
  out.push("");

  out.push("**Wall time (seconds), library against the floor.** The request critical path is the least time");
  out.push("the operation's API requests take at the set latency (defined under Method); the target for");
  out.push("`up` is library ≤ 1.5 × floor + critical path.");
  out.push("");
  const timeRows: string[][] = [];
  for (const result of sizes) {
    for (const operation of OPERATIONS) {
      const library = medianOf(result.library, (run) => run.operations[operation].seconds);
      const floor = medianOf(result.floor, (run) => run.operations[operation].seconds);
      const path = requestCriticalPathSeconds(operation, result.size, result.latencyMs);
      timeRows.push([
        labelOf(result),
        OPERATION_LABELS[operation],
        seconds(library),
        seconds(floor),
        `${(library / floor).toFixed(2)}×`,
        seconds(path),
        `${((library - path) / floor).toFixed(2)}×`,
      ]);
    }
  }
  out.push(
    table(
      ["Apps", "Operation", "Library", "Floor", "Ratio", "Request critical path", "(Library − path) / floor"],
      timeRows,
    ),
  );
  out.push("");

  out.push("**API requests per operation** (library; the floor makes none), from the sandbox's request log.");
  out.push("");
  const requestRows: string[][] = [];
  for (const result of sizes) {
    for (const operation of OPERATIONS) {
      const count = (api: string) =>
        countOf(result.library, (run) => run.operations[operation].requests?.byApi[api] ?? 0);
      requestRows.push([
        labelOf(result),
        OPERATION_LABELS[operation],
        count("heroku"),
        count("squadcast"),
        count("squadcastAuth"),
        countOf(result.library, (run) => run.operations[operation].requests?.throttled ?? 0),
        countOf(result.library, (run) => run.operations[operation].requests?.failed ?? 0),
      ]);
    }
  }
  out.push(
    table(["Apps", "Operation", "Heroku", "Squadcast", "Squadcast auth", "429", "Failed"], requestRows),
  );
  out.push("");

  out.push("**State and serialized provider.** State bytes are the whole checkpoint file after `up` from");
  out.push("empty, divided by the number of apps (fixed overhead included, so small fleets look large).");
  out.push("The serialized provider is one `__provider` string; the state holds it twice per resource");
  out.push("(inputs and outputs).");
  out.push("");
  const stateRows = sizes.map((result) => {
    const provider = (runs: readonly StackRun[], type: string) =>
      countOf(runs, (run) => run.state.providerBytesByType[type] ?? 0);
    return [
      labelOf(result),
      kib(medianOf(result.library, (run) => run.state.stateBytes / result.size)),
      kib(medianOf(result.floor, (run) => run.state.stateBytes / result.size)),
      provider(result.library, "pulumi-nodejs:dynamic/heroku:AppWebhook"),
      provider(result.library, "pulumi-nodejs:dynamic/squadcast:AlertSource"),
      provider(result.floor, "pulumi-nodejs:dynamic/bench:NoOp"),
    ];
  });
  out.push(
    table(
      [
        "Apps",
        "State KiB/app, library",
        "State KiB/app, floor",
        "`__provider` bytes, AppWebhook",
        "AlertSource",
        "floor NoOp",
      ],
      stateRows,
    ),
  );
  const checkpointed = sizes.filter((result) => !result.skipCheckpoints);
  if (checkpointed.length >= 2) {
    const [small, large] = [checkpointed[0], checkpointed[checkpointed.length - 1]];
    const marginal = (runs: (result: SizeResult) => readonly StackRun[]) =>
      (medianOf(runs(large), (run) => run.state.stateBytes) -
        medianOf(runs(small), (run) => run.state.stateBytes)) /
      (large.size - small.size);
    out.push("");
    out.push(
      `Marginal state per app (from ${small.size} to ${large.size} apps): library ` +
        `${kib(marginal((result) => result.library))} KiB, floor ${kib(marginal((result) => result.floor))} KiB.`,
    );
  }
  out.push("");

  const withPlugin = sizes.filter((result) => (result.plugin ?? []).length > 0);
  if (withPlugin.length > 0) {
    out.push(
      "**The provider plugin's path** (the same fleet as a remote component served by the plugin, its",
    );
    out.push(
      "children the plugin's own resources, no `__provider` in state): wall time in seconds and state.",
    );
    out.push("");
    const pluginRows = withPlugin.flatMap((result) =>
      OPERATIONS.map((operation) => {
        const time = (runs: readonly StackRun[]) =>
          medianOf(runs, (run) => run.operations[operation].seconds);
        const plugin = time(result.plugin!);
        return [
          labelOf(result),
          OPERATION_LABELS[operation],
          seconds(plugin),
          seconds(time(result.library)),
          seconds(time(result.floor)),
          `${(plugin / time(result.floor)).toFixed(2)}×`,
          countOf(result.plugin!, (run) => run.operations[operation].requests?.total ?? 0),
        ];
      }),
    );
    out.push(
      table(
        ["Apps", "Operation", "Plugin", "Library", "Floor", "Plugin / floor", "Plugin requests"],
        pluginRows,
      ),
    );
    out.push("");
    out.push(
      table(
        ["Apps", "State KiB/app, plugin", "library", "floor"],
        withPlugin.map((result) => [
          labelOf(result),
          kib(medianOf(result.plugin!, (run) => run.state.stateBytes / result.size)),
          kib(medianOf(result.library, (run) => run.state.stateBytes / result.size)),
          kib(medianOf(result.floor, (run) => run.state.stateBytes / result.size)),
        ]),
      ),
    );
    out.push("");
  }

  out.push("**Peak resident memory of the dynamic-provider process (MiB)**, library / floor.");
  out.push("");
  const memoryRows = sizes.map((result) => [
    labelOf(result),
    ...OPERATIONS.map(
      (operation) =>
        `${mib(medianOf(result.library, (run) => run.operations[operation].providerPeakBytes))} / ` +
        mib(medianOf(result.floor, (run) => run.operations[operation].providerPeakBytes)),
    ),
  ]);
  out.push(table(["Apps", ...OPERATIONS.map((operation) => OPERATION_LABELS[operation])], memoryRows));
  out.push("");

  const budget = results.budget;
  if (budget) {
    out.push(
      `**Under a small Heroku budget.** ${budget.size} apps against a sandbox that allows ${budget.capacity} ` +
        `requests and refills ${budget.refillPerMinute} a minute (${budget.latencyMs} ms per request; ` +
        `${describeEnvironment(budget.environment)}; run ${budget.environment.date}).`,
    );
    out.push("");
    const budgetRow = (name: string, measure: BudgetRun["up"]) => [
      name,
      seconds(measure.seconds),
      String(measure.requests?.byApi.heroku ?? 0),
      String(measure.requests?.throttled ?? 0),
      String(measure.requests?.failed ?? 0),
    ];
    out.push(
      table(
        ["Operation", "Seconds", "Heroku requests", "429", "Failed"],
        [budgetRow("up from empty", budget.up), budgetRow("destroy", budget.destroy)],
      ),
    );
    out.push("");
    const spendable = (requests: number) =>
      Math.max(0, (requests - budget.capacity) / budget.refillPerMinute) * 60;
    out.push(
      `Webhooks made: ${budget.webhooksMade} of ${budget.size}. The budget alone makes the up last at least ` +
        `${spendable(budget.up.requests?.byApi.heroku ?? 0).toFixed(0)} s ` +
        `((requests − ${budget.capacity}) / ${budget.refillPerMinute} a minute).`,
    );
    out.push("");
  }
  return out.join("\n");
}

/** The figures the targets are judged on, for one size (100 apps when measured). */
export function renderTargets(results: BenchResults): string {
  const result =
    results.sizes["100"] ??
    Object.values(results.sizes)
      .filter((candidate) => !candidate.skipCheckpoints)
      .sort((a, b) => b.size - a.size)[0];
  if (!result) return "No results yet.";
  const n = result.size;
  const time = (runs: readonly StackRun[], operation: Operation) =>
    medianOf(runs, (run) => run.operations[operation].seconds);
  const count = (operation: Operation, api: string) =>
    countOf(result.library, (run) => run.operations[operation].requests?.byApi[api] ?? 0);
  const previewRequests = countOf(result.library, (run) => run.operations.preview.requests?.total ?? 0);
  const previewRatio = time(result.library, "preview") / time(result.floor, "preview");
  const upLibrary = time(result.library, "up");
  const upFloor = time(result.floor, "up");
  const upPath = requestCriticalPathSeconds("up", n, result.latencyMs);
  const stateKiB = medianOf(result.library, (run) => run.state.stateBytes / n) / 1024;
  const providerBytes = Math.max(
    ...result.library.flatMap((run) => Object.values(run.state.providerBytesByType)),
  );
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const rows: string[][] = [
    [
      `No-change preview of ${n} apps: 0 requests, ≤ 1.2 × floor`,
      `${previewRequests} requests; ${seconds(time(result.library, "preview"))} s vs ${seconds(time(result.floor, "preview"))} s = ${previewRatio.toFixed(2)}×`,
      verdict(previewRequests === "0" && previewRatio <= 1.2),
    ],
    [
      `Up of ${n} apps: ≤ 2 Heroku requests per app`,
      `${count("up", "heroku")} Heroku requests for ${n} apps`,
      verdict(Number(count("up", "heroku")) <= 2 * n),
    ],
    [
      "Up: ≤ 4 Squadcast requests per service, one token exchange",
      `${count("up", "squadcast")} Squadcast requests for 1 service (4 per service + catalog + team lookup, once per process); ${count("up", "squadcastAuth")} token exchange`,
      verdict(Number(count("up", "squadcast")) <= 4 + 2 && count("up", "squadcastAuth") === "1"),
    ],
    [
      `Up of ${n} apps: ≤ 1.5 × floor + critical path`,
      `${seconds(upLibrary)} s vs 1.5 × ${seconds(upFloor)} + ${seconds(upPath)} = ${seconds(1.5 * upFloor + upPath)} s`,
      verdict(upLibrary <= 1.5 * upFloor + upPath),
    ],
    [
      `State < 12 KB per app`,
      `${stateKiB.toFixed(1)} KiB per app at ${n} apps`,
      verdict(stateKiB * 1024 < 12_000),
    ],
    ...platformTargets(results, verdict),
    [
      "Serialized provider < 4 KB per resource",
      `${providerBytes} bytes (largest \`__provider\`)`,
      verdict(providerBytes < 4_000),
    ],
  ];
  const large = results.sizes["500"];
  if (large) {
    const failed = countOf(large.library, (run) => run.operations.up.requests?.failed ?? 0);
    rows.push([
      "500-app up against Heroku's own budget (4500, +75/min): no failed request",
      `${countOf(large.library, (run) => run.operations.up.requests?.byApi.heroku ?? 0)} Heroku requests, ${failed} failed`,
      verdict(failed === "0"),
    ]);
  }
  const budget = results.budget;
  if (budget) {
    const failed = (budget.up.requests?.failed ?? 0) + (budget.destroy.requests?.failed ?? 0);
    rows.push([
      `${budget.size}-app up under a Heroku budget of ${budget.capacity} (+${budget.refillPerMinute}/min): no failed request`,
      `${budget.up.requests?.throttled ?? 0} × 429, ${failed} failed, ${budget.webhooksMade}/${budget.size} webhooks`,
      verdict(failed === 0 && budget.webhooksMade === budget.size),
    ]);
  }
  return table(["Target", "Measured", "Verdict"], rows);
}

/**
 * The targets of issue 28 (big fleets on today's platform): a no-change preview within 1.2 × the floor with
 * no request at every size; state ≤ 6 KiB per app at the largest fleet; at 500 apps, up, update and destroy
 * within 1.3 × the floor once the request critical path is taken off the library's time.
 */
function platformTargets(results: BenchResults, verdict: (ok: boolean) => string): string[][] {
  const sizes = Object.values(results.sizes)
    .filter((candidate) => !candidate.skipCheckpoints)
    .sort((a, b) => a.size - b.size);
  const time = (runs: readonly StackRun[], operation: Operation) =>
    medianOf(runs, (run) => run.operations[operation].seconds);
  const rows: string[][] = [];
  for (const result of sizes) {
    const requests = countOf(result.library, (run) => run.operations.preview.requests?.total ?? 0);
    const ratio = time(result.library, "preview") / time(result.floor, "preview");
    rows.push([
      `No-change preview of ${result.size} app${result.size === 1 ? "" : "s"}: 0 requests, ≤ 1.2 × floor`,
      `${requests} requests; ${seconds(time(result.library, "preview"))} s vs ${seconds(time(result.floor, "preview"))} s = ${ratio.toFixed(2)}×`,
      verdict(requests === "0" && ratio <= 1.2),
    ]);
  }
  const largest = sizes[sizes.length - 1];
  if (largest) {
    const kib = medianOf(largest.library, (run) => run.state.stateBytes / largest.size) / 1024;
    rows.push([
      `State ≤ 6 KiB per app (at ${largest.size} apps)`,
      `${kib.toFixed(1)} KiB per app (floor ${(medianOf(largest.floor, (run) => run.state.stateBytes / largest.size) / 1024).toFixed(1)})`,
      verdict(kib <= 6),
    ]);
  }
  const large = results.sizes["500"];
  if (large) {
    for (const operation of ["up", "update", "destroy"] as const) {
      const library = time(large.library, operation);
      const floor = time(large.floor, operation);
      const criticalPath = requestCriticalPathSeconds(operation, large.size, large.latencyMs);
      const ratio = (library - criticalPath) / floor;
      rows.push([
        `500 apps, ${OPERATION_LABELS[operation]}: (library − request path) / floor ≤ 1.3`,
        `(${seconds(library)} − ${seconds(criticalPath)}) / ${seconds(floor)} = ${ratio.toFixed(2)}×`,
        verdict(ratio <= 1.3),
      ]);
    }
  }
  return rows;
}
