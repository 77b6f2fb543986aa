import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import {
  DEFAULT_ENTITIES,
  ENTITY_PRESETS,
  entityListOf,
  entityInfo,
  resolveEntitySet,
  type HerokuEntity,
} from "../mapping";
import { APP_WEBHOOK_TYPE, webhookTarget } from "./targets";
import type { HerokuSquadcastResourcePolicy } from "./types";

/**
 * Every Heroku app webhook that delivers to Squadcast includes at least one entity whose incidents
 * resolve themselves (`api:build`, `dyno`). Squadcast opens an incident for every delivery; only these
 * entities also close one, so a webhook without them leaves every incident open until someone resolves
 * it by hand.
 *
 * Advisory by default. Webhooks that deliver elsewhere (Sentry, a chat bridge) are left alone; a
 * webhook whose URL is not known during a preview is checked by `pulumi up`.
 */
export const resolvableEntityPolicy: HerokuSquadcastResourcePolicy = {
  name: "squadcast-webhook-resolvable-entity",
  displayName: "Squadcast webhooks include a self-resolving entity",
  description:
    "Every Heroku app webhook that delivers to Squadcast includes at least one entity whose incidents " +
    `resolve themselves (${ENTITY_PRESETS.resolvable.join(", ")}).`,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add "api:build" or "dyno" to the webhook\'s entities, or use the preset "resolvable" or "all".',
  validateResource: validateResolvableEntity,
};

function validateResolvableEntity(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (args.type !== APP_WEBHOOK_TYPE) return;
  const target = webhookTarget({ urn: args.urn, readUrl: () => args.props.url });
  if (target === "elsewhere") return;
  if (target === "not known") {
    // Reading the URL again throws @pulumi/policy's "can't be known during preview", which it reports
    // as an advisory note; `pulumi up` runs the policy again once the alert source exists.
    return void args.props.url;
  }
  // The set the resource registers (a preset or list from a program that bypassed the constructor).
  const resolution = resolveEntitySet(args.props.entities ?? DEFAULT_ENTITIES);
  // A selection that does not resolve is the resource's own check failure, reported with the details.
  if (!resolution.ok) return;
  const entities = entityListOf(resolution.entities);
  if (entities.some(resolves)) return;
  reportViolation(
    `webhook "${args.name}" sends Squadcast only entities that never resolve an incident ` +
      `(${entities.join(", ")}), so every incident it opens stays open until resolved by hand: ` +
      `add ${ENTITY_PRESETS.resolvable.join(" or ")}, or use the preset "resolvable" or "all"`,
  );
}

function resolves(entity: HerokuEntity): boolean {
  return entityInfo(entity).effect === "trigger-and-resolve";
}
