import type { ProviderSettings } from "../config";
import { DEFAULT_FLEET_NAME, planDiscovery } from "./plan";
import { renderProgram } from "./program";
import { scanEstate, type ScanOptions } from "./scan";
import type { DiscoveryPlan, StackOwnership } from "./types";

/** What to discover, and how to name the fleet. */
export interface DiscoverOptions extends ScanOptions {
  /**
   * The fleet's resource name in the written program.
   *
   * @defaultValue `heroku-squadcast`
   */
  readonly fleetName?: string;
  /**
   * What other Pulumi stacks manage, e.g. read from their outputs: those apps are left out of the
   * program.
   *
   * @defaultValue none known, and the report says discover cannot tell
   */
  readonly managedBy?: readonly StackOwnership[];
}

/** The outcome of {@link discover}: the plan and the program. Neither holds a key or a token. */
export interface Discovery {
  /** What was found and what the program does about it. */
  readonly plan: DiscoveryPlan;
  /** The TypeScript program: one `HerokuSquadcastFleet` adopting every app's existing webhook. */
  readonly program: string;
}

/**
 * Brings an estate wired by hand under code: scans the Heroku apps and their webhooks and the Squadcast
 * services, matches each webhook to a service by the key in its URL, and writes the program whose first
 * `pulumi up` adopts the webhooks instead of creating them, leaving out those other stacks manage.
 *
 * @param settings - endpoints and credentials, e.g. from `verifySettingsFromEnv`.
 * @param options - which apps, the fleet's name, what other stacks manage, progress.
 */
export async function discover(
  settings: ProviderSettings,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const scannedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const plan = planDiscovery(
    await scanEstate(settings, options),
    options.fleetName ?? DEFAULT_FLEET_NAME,
    options.managedBy,
  );
  return { plan, program: renderProgram(plan, { scannedAt }) };
}
