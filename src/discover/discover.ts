import type { ProviderSettings } from "../config";
import { DEFAULT_FLEET_NAME, planDiscovery } from "./plan";
import { renderProgram } from "./program";
import { scanEstate, type ScanOptions } from "./scan";
import type { DiscoveryPlan } from "./types";

/** What to discover, and how to name the fleet. */
export interface DiscoverOptions extends ScanOptions {
  /**
   * The fleet's resource name in the written program.
   *
   * @defaultValue `heroku-squadcast`
   */
  readonly fleetName?: string;
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
 * `pulumi up` adopts the webhooks instead of creating them.
 *
 * @param settings - endpoints and credentials, e.g. from `verifySettingsFromEnv`.
 * @param options - which apps, the fleet's name, progress.
 */
export async function discover(
  settings: ProviderSettings,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const scannedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const plan = planDiscovery(await scanEstate(settings, options), options.fleetName ?? DEFAULT_FLEET_NAME);
  return { plan, program: renderProgram(plan, { scannedAt }) };
}
