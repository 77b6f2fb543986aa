import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { openLocalStack } from "../../src/engine/local-stack";
import { startSandboxProcess, type BenchSandbox } from "./sandbox-client";
import {
  countRequests,
  ProviderMemoryWatcher,
  stateMetrics,
  type RequestCounts,
  type StateMetrics,
} from "./measure";
import * as path from "node:path";
import { repositoryRoot } from "./measure";
import { benchApps, floorProgram, libraryProgram, pluginProgram } from "./scenarios";

/** The operations measured, in the order they run. */
export const OPERATIONS = ["up", "preview", "update", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What each operation means, for the report. */
export const OPERATION_LABELS: Readonly<Record<Operation, string>> = {
  preview: "preview, no change",
  up: "up from empty",
  update: "up, every app's entities changed",
  refresh: "refresh",
  destroy: "destroy",
};

/**
 * The library's dynamic resources, the same fleet on the provider plugin, or the floor of no-op dynamic
 * resources.
 */
export type StackKind = "library" | "plugin" | "floor";

/** One measured operation. */
export interface OperationMeasure {
  /** Wall time of the Automation API call (CLI start to finish), in seconds. */
  readonly seconds: number;
  /** Requests the sandbox served; undefined for the floor, which calls no API. */
  readonly requests?: RequestCounts;
  /** Peak resident memory of the dynamic-provider process, in bytes, if one was seen. */
  readonly providerPeakBytes?: number;
  /** The machine's one-minute load average when the operation ended (other work competing for CPU). */
  readonly loadAverage: number;
}

/** One run of every operation on one stack. */
export interface StackRun {
  readonly kind: StackKind;
  readonly size: number;
  readonly operations: Readonly<Record<Operation, OperationMeasure>>;
  /** The state right after `up` from empty. */
  readonly state: StateMetrics;
}

/** Settings of a run. */
export interface RunSettings {
  /** Delay the sandbox adds to every request, in milliseconds. */
  readonly latencyMs: number;
  /** Heroku's budget in the sandbox. Default: Heroku's own (4500, 75 a minute). */
  readonly herokuRateLimit?: { readonly capacity: number; readonly refillPerMinute: number };
  /** Run the engine with `PULUMI_SKIP_CHECKPOINTS=true` (state written once, at the end). Default: false. */
  readonly skipCheckpoints?: boolean;
}

/**
 * Runs up, a no-change preview, an up that changes every app, refresh and destroy on a fresh stack
 * (and, for the library, a fresh sandbox), and measures each. Throws if an operation did not do what
 * it should, so a broken run never turns into figures.
 */
export async function runStack(kind: StackKind, size: number, settings: RunSettings): Promise<StackRun> {
  let sandbox: BenchSandbox | undefined;
  if (kind !== "floor") {
    sandbox = await startSandboxProcess({ herokuRateLimit: settings.herokuRateLimit });
    for (const app of benchApps(size)) await sandbox.admin.createHerokuApp(app);
    await sandbox.admin.setLatency(settings.latencyMs);
  }
  const program = { library: libraryProgram, plugin: pluginProgram, floor: floorProgram }[kind](size);
  const local = await openLocalStack({
    projectName: `bench-${kind}-${size}`,
    program: program.run,
    env: {
      ...sandbox?.env,
      ...(settings.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
      // The plugin's launcher at the repository's root runs the built dist/; the engine finds it on PATH,
      // and it reads its endpoints and credentials from the sandbox's environment variables.
      ...(kind === "plugin" ? { PATH: `${repositoryRoot()}${path.delimiter}${process.env.PATH ?? ""}` } : {}),
    },
  });
  const measure = measurer(sandbox);
  const expectChanges = (operation: string, actual: Record<string, number> | undefined, expected: object) => {
    if (JSON.stringify(actual ?? {}) !== JSON.stringify(expected)) {
      throw new Error(
        `${kind} ${size}: ${operation} changed ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
      );
    }
  };
  // The stack, the component, the resource the others depend on, and one per app.
  const resources = size + 3;
  try {
    const operations: Partial<Record<Operation, OperationMeasure>> = {};
    let changes: Record<string, number> | undefined;
    operations.up = await measure(async () => {
      changes = (await local.stack.up()).summary.resourceChanges;
    });
    expectChanges("up", changes, { create: resources });
    const state = stateMetrics(local.readStateFile());
    operations.preview = await measure(async () => {
      changes = (await local.stack.preview()).changeSummary;
    });
    expectChanges("preview", changes, { same: resources });
    program.changeEntities();
    operations.update = await measure(async () => {
      changes = (await local.stack.up()).summary.resourceChanges;
    });
    expectChanges("update", changes, { same: resources - size, update: size });
    operations.refresh = await measure(() => local.stack.refresh());
    operations.destroy = await measure(async () => {
      changes = (await local.stack.destroy()).summary.resourceChanges;
    });
    expectChanges("destroy", changes, { delete: resources });
    return { kind, size, operations: operations as Record<Operation, OperationMeasure>, state };
  } finally {
    await local.dispose();
    await sandbox?.stop();
  }
}

/**
 * Measures operations: wall time, the requests the sandbox served (cleared before each), and the peak
 * memory of the provider process.
 */
function measurer(
  sandbox: BenchSandbox | undefined,
): (operation: () => Promise<unknown>) => Promise<OperationMeasure> {
  const watcher = new ProviderMemoryWatcher();
  return async (operation) => {
    await sandbox?.admin.clearRequests();
    let providerPeakBytes: number | undefined;
    watcher.start();
    const startedAt = performance.now();
    try {
      await operation();
    } finally {
      // Stopped on failure too, or its timer would keep the process alive.
      providerPeakBytes = watcher.stop();
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const requests = sandbox ? countRequests(await sandbox.admin.requests()) : undefined;
    return { seconds, requests, providerPeakBytes, loadAverage: os.loadavg()[0] };
  };
}

/** The budget scenario: `up` then `destroy` of a fleet against a sandbox enforcing a small Heroku budget. */
export interface BudgetRun {
  readonly size: number;
  readonly capacity: number;
  readonly refillPerMinute: number;
  readonly latencyMs: number;
  readonly up: OperationMeasure;
  readonly destroy: OperationMeasure;
  /** Webhooks that exist after the up (should be `size`). */
  readonly webhooksMade: number;
}

/** Runs the budget scenario. */
export async function runBudget(
  size: number,
  budget: { readonly capacity: number; readonly refillPerMinute: number },
  latencyMs: number,
): Promise<BudgetRun> {
  const sandbox = await startSandboxProcess({ herokuRateLimit: budget });
  for (const app of benchApps(size)) await sandbox.admin.createHerokuApp(app);
  await sandbox.admin.setLatency(latencyMs);
  const program = libraryProgram(size);
  const local = await openLocalStack({
    projectName: `bench-budget-${size}`,
    program: program.run,
    env: sandbox.env,
  });
  const measure = measurer(sandbox);
  try {
    const up = await measure(() => local.stack.up());
    let webhooksMade = 0;
    for (const app of benchApps(size)) webhooksMade += (await sandbox.admin.herokuWebhooks(app)).length;
    const destroy = await measure(() => local.stack.destroy());
    return { size, ...budget, latencyMs, up, destroy, webhooksMade };
  } finally {
    await local.dispose();
    await sandbox.stop();
  }
}
