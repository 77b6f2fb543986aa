import * as pulumi from "@pulumi/pulumi";
import { deprecatedConfigWarnings } from "../config";

/** The runs (one engine connection each; an Automation API process may run many) already warned. */
const warnedRuns = new WeakSet<object>();
const NO_ENGINE = {};

/**
 * Warns once per program run about each deprecated config key the stack still sets. It runs in the program,
 * not in the provider: a dynamic provider process has no channel to the engine's diagnostics, while a
 * program's `pulumi.log.warn` shows in `pulumi preview` and `pulumi up` like any other warning.
 */
export function warnAboutDeprecatedConfig(): void {
  const run = pulumi.runtime.getMonitor() ?? NO_ENGINE;
  if (warnedRuns.has(run)) return;
  warnedRuns.add(run);
  for (const warning of deprecatedConfigWarnings((key) => pulumi.runtime.getConfig(key))) {
    pulumi.log.warn(warning);
  }
}
