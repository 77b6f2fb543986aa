import type { ServiceReference } from "../clients/squadcast/service-reference";
import type { EntitySelection } from "../mapping";
import type { VerifyReport, VerifySettings } from "./types";
import { verifyIntegration } from "./verify-integration";

/** One app of a fleet to verify, as the fleet's `apps` output describes it. */
export interface FleetVerifyTarget {
  /** The Heroku app. */
  readonly app: string;
  /** The Squadcast service the app should deliver to (the fleet's `apps` output names it by id). */
  readonly service: ServiceReference;
  /**
   * The entities the app's webhook should deliver.
   *
   * @defaultValue not compared
   */
  readonly entities?: EntitySelection;
}

/** One app of {@link FleetVerifyReport}: the target as given, with its report. */
export interface FleetVerifyAppReport extends FleetVerifyTarget {
  /** The checks of this app, as {@link verifyIntegration} reports them. */
  readonly report: VerifyReport;
}

/** The outcome of {@link verifyFleet}: one report per app, in the order given. */
export interface FleetVerifyReport {
  /** Whether every app passed every check. */
  readonly ok: boolean;
  /** Each app's report. */
  readonly apps: readonly FleetVerifyAppReport[];
}

// Each app costs a handful of requests; a few at once keeps a large fleet quick without a burst.
const APPS_AT_ONCE = 4;

/**
 * Verifies every app of a fleet (or of several integrations) with {@link verifyIntegration}: the service
 * and its Heroku alert source, the app's one webhook to it, its entities and recent deliveries.
 *
 * @param targets - the apps, e.g. from the fleet's `apps` stack output.
 * @param settings - endpoints and credentials, e.g. from `verifySettingsFromEnv`.
 * @param sendTestEvent - also post a labelled test event per app (opens and resolves a real incident).
 * Default: false.
 */
export async function verifyFleet(
  targets: readonly FleetVerifyTarget[],
  settings: VerifySettings,
  sendTestEvent = false,
): Promise<FleetVerifyReport> {
  const reports: VerifyReport[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      reports[index] = await verifyIntegration({ ...target, sendTestEvent }, settings);
    }
  };
  await Promise.all(Array.from({ length: Math.min(APPS_AT_ONCE, targets.length) }, worker));
  const apps = targets.map((target, index) => ({ ...target, report: reports[index]! }));
  return { ok: apps.every((app) => app.report.ok), apps };
}
