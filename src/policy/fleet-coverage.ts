import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { ALERT_SOURCE_TYPE, APP_WEBHOOK_TYPE, FLEET_TYPE, known, webhookTarget } from "./targets";
import type { HerokuSquadcastStackPolicy } from "./types";

/** The configuration of {@link fleetCoveragePolicy}. */
export interface FleetCoveragePolicyConfig {
  /**
   * Heroku apps, by name or id, that must each have a webhook delivering to Squadcast somewhere in the
   * stack (in a fleet, an integration or on its own).
   *
   * @defaultValue none
   */
  readonly requiredApps?: readonly string[];
}

/**
 * Every app in a fleet has an integration: each app webhook of a `HerokuSquadcastFleet` delivers to
 * one of that fleet's alert sources, and each of the fleet's alert sources receives at least one app.
 * With `requiredApps` configured, each listed app must also have a webhook delivering to Squadcast.
 *
 * A stack policy, because only the whole stack shows which alert source a webhook's URL comes from
 * (the URL's property dependencies). Mandatory by default.
 */
export const fleetCoveragePolicy: HerokuSquadcastStackPolicy = {
  name: "heroku-squadcast-fleet-coverage",
  displayName: "Every app in a fleet has an integration",
  description:
    "Every app of a HerokuSquadcastFleet delivers to one of the fleet's Squadcast alert sources, every " +
    "alert source of a fleet receives at least one app, and every app in requiredApps delivers to Squadcast.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      requiredApps: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Heroku apps (names or ids) that must have a webhook delivering to Squadcast.",
      },
    },
  },
  remediationSteps: "Add the app to a HerokuSquadcastFleet or a HerokuSquadcastIntegration.",
  validateStack: validateFleetCoverage,
};

function validateFleetCoverage(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const webhooks = args.resources.filter((resource) => resource.type === APP_WEBHOOK_TYPE);
  const alertSources = args.resources.filter((resource) => resource.type === ALERT_SOURCE_TYPE);

  for (const fleet of args.resources.filter((resource) => resource.type === FLEET_TYPE)) {
    const fleetSources = new Set(alertSources.filter((source) => parentOf(source) === fleet.urn).map(urnOf));
    const fleetWebhooks = webhooks.filter((webhook) => parentOf(webhook) === fleet.urn);
    if (fleetWebhooks.length === 0) {
      reportViolation(`fleet "${fleet.name}" wires no app: give it at least one app`, fleet.urn);
    }
    const fed = new Set<string>();
    for (const webhook of fleetWebhooks) {
      const deliveredTo = urlSourcesOf(webhook).filter((urn) => fleetSources.has(urn));
      deliveredTo.forEach((urn) => fed.add(urn));
      if (deliveredTo.length === 0) {
        reportViolation(
          `app ${describeApp(webhook)} of fleet "${fleet.name}" has a webhook that delivers to none of the ` +
            "fleet's alert sources, so its events page nobody through this fleet",
          webhook.urn,
        );
      }
    }
    for (const source of alertSources.filter((candidate) => fleetSources.has(candidate.urn))) {
      if (!fed.has(source.urn)) {
        reportViolation(
          `alert source "${source.name}" of fleet "${fleet.name}" receives no app's events`,
          source.urn,
        );
      }
    }
  }

  const { requiredApps = [] } = args.getConfig<FleetCoveragePolicyConfig>();
  if (requiredApps.length === 0) return;
  const alertSourceUrns = new Set(alertSources.map(urnOf));
  const covered = new Set<string>();
  for (const webhook of webhooks) {
    const target = webhookTarget({
      urn: webhook.urn,
      readUrl: () => webhook.props.url,
      urlFromAlertSource: urlSourcesOf(webhook).some((urn) => alertSourceUrns.has(urn)),
    });
    if (target !== "squadcast") continue;
    for (const app of [known(() => webhook.props.app), known(() => webhook.props.appName)]) {
      if (typeof app === "string") covered.add(app);
    }
  }
  for (const app of requiredApps) {
    if (!covered.has(app)) {
      reportViolation(
        `app "${app}" is in requiredApps, but no webhook in this stack delivers its events to Squadcast`,
      );
    }
  }
}

function urnOf(resource: PolicyResource): string {
  return resource.urn;
}

function parentOf(resource: PolicyResource): string | undefined {
  return resource.parent?.urn ?? resource.opts.parent;
}

/** The URNs of the resources a webhook's `url` was computed from. */
function urlSourcesOf(webhook: PolicyResource): string[] {
  return (webhook.propertyDependencies?.url ?? []).map(urnOf);
}

function describeApp(webhook: PolicyResource): string {
  const app = known(() => webhook.props.app);
  return typeof app === "string" ? `"${app}"` : `of webhook "${webhook.name}"`;
}
