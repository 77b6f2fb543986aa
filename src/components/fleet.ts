import * as pulumi from "@pulumi/pulumi";
import type { AppWebhook } from "../heroku/app-webhook";
import type { AlertSource } from "../squadcast/alert-source";
import type { DedupKeyOverlay } from "../squadcast/dedup-key-overlay";
import { DYNAMIC_CHILDREN, type ChildResources } from "./children";
import { dedupKeyOverlayArgsOf } from "./deduplicate";
import { planFleet } from "./fleet-plan";
import type { FleetAppOutput, HerokuSquadcastFleetArgs } from "./fleet-args";
import { alertSourceArgsOf } from "./service-key";
import { withAppsToCheck } from "../squadcast/apps-to-check";

/**
 * Many Heroku apps wired into one or more Squadcast services: one Heroku alert source per distinct
 * service, however many apps feed it, and one app webhook per app.
 *
 * Children are named after what they stand for, never after list positions: `<name>-<service slug>`
 * (e.g. `ops-platform-payments`) and `<name>-<app>`. Reordering the apps changes nothing, and adding
 * or removing an app creates or deletes only that app's webhook.
 *
 * The fleet's `retainOnDelete` option applies to its webhooks (Pulumi would not pass it on): `destroy`
 * then leaves them in Heroku, as a program written by `heroku-squadcast discover` asks for webhooks it
 * adopted.
 *
 * @example
 * const ops = new HerokuSquadcastFleet("ops", {
 *   routes: [
 *     { service: { name: "shop", team: "Platform" }, apps: ["shop-web", "shop-api"] },
 *     {
 *       service: { name: "payments", team: "Platform" },
 *       apps: ["pay-api", { app: "pay-worker", entities: "resolvable", level: "sync" }],
 *     },
 *   ],
 *   entities: "deploys",
 * });
 * export const webhooks = ops.webhooks;
 */
export class HerokuSquadcastFleet extends pulumi.ComponentResource {
  /** The alert sources, by service key (`"<team>/<name>"`, or the id for a service named by id). */
  readonly alertSourceResources: Readonly<Record<string, AlertSource>>;
  /** The dedup-key overlays (with `deduplicate`), by service key. */
  readonly dedupKeyOverlayResources: Readonly<Record<string, DedupKeyOverlay>>;
  /** The webhooks, by app. */
  readonly webhookResources: Readonly<Record<string, AppWebhook>>;

  /** Each service's Squadcast id, by service key: what every name in the program resolved to. */
  readonly serviceIds: pulumi.Output<Record<string, string>>;
  /** Each app's webhook id in Heroku, by app. */
  readonly webhooks: pulumi.Output<Record<string, string>>;
  /**
   * What each app is wired to, by app: enough for `heroku-squadcast verify --stack` to check every app
   * of the fleet (export it from the program).
   */
  readonly apps: pulumi.Output<Record<string, FleetAppOutput>>;

  constructor(name: string, args: HerokuSquadcastFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    // Planned before registering, so a duplicate app leaves no half-made fleet behind.
    const plan = planFleet(name, args);
    super("heroku-squadcast:index:Fleet", name, {}, opts);

    const alertSources: Record<string, AlertSource> = {};
    const overlays: Record<string, DedupKeyOverlay> = {};
    for (const service of plan.services) {
      const overlayArgs = dedupKeyOverlayArgsOf(service.reference, service.deduplicate ?? args.deduplicate);
      // Made first, so another owner's overlay stops the up before the service's alert source changes.
      const overlay =
        overlayArgs &&
        this.childResources().dedupKeyOverlay(`${name}-${service.slug}-dedup`, overlayArgs, { parent: this });
      if (overlay !== undefined) overlays[service.key] = overlay;
      // Its apps are checked before it is activated: their webhooks come only after it.
      const apps = plan.webhooks
        .filter(({ serviceKey }) => serviceKey === service.key)
        .map(({ app }) => app.app);
      alertSources[service.key] = this.childResources().alertSource(
        `${name}-${service.slug}`,
        withAppsToCheck(alertSourceArgsOf(service.reference), apps),
        { parent: this, dependsOn: overlay === undefined ? [] : [overlay] },
      );
    }
    const webhooks: Record<string, AppWebhook> = {};
    for (const { app, serviceKey } of plan.webhooks) {
      webhooks[app.app] = this.childResources().appWebhook(
        `${name}-${app.app}`,
        {
          app: app.app,
          url: alertSources[serviceKey].webhookUrl,
          entities: app.entities,
          level: app.level,
          secret: app.secret,
          authorization: app.authorization,
          adopt: app.adopt,
        },
        // Pulumi does not pass a component's retainOnDelete on to its children: the fleet does, for the
        // webhooks (an adopted one may still serve whoever set it up; see discover).
        { parent: this, retainOnDelete: opts?.retainOnDelete },
      );
    }
    this.alertSourceResources = alertSources;
    this.dedupKeyOverlayResources = overlays;
    this.webhookResources = webhooks;

    this.serviceIds = pulumi.all(mapValues(alertSources, (source) => source.serviceId));
    this.webhooks = pulumi.all(mapValues(webhooks, (webhook) => webhook.webhookId));
    const serviceKeyOfApp = new Map(plan.webhooks.map(({ app, serviceKey }) => [app.app, serviceKey]));
    this.apps = pulumi.all(
      mapValues(webhooks, (webhook, app) =>
        pulumi
          .all([alertSources[serviceKeyOfApp.get(app)!].serviceId, webhook.webhookId, webhook.entities])
          .apply(([serviceId, webhookId, entities]): FleetAppOutput => ({ serviceId, webhookId, entities })),
      ),
    );
    this.registerOutputs({ serviceIds: this.serviceIds, webhooks: this.webhooks, apps: this.apps });
  }

  /**
   * How this component makes its children: the dynamic resources here, the plugin's own resources in a
   * component the provider plugin serves.
   *
   * @internal The provider side, not part of the public API.
   */
  protected childResources(): ChildResources {
    return DYNAMIC_CHILDREN;
  }
}

function mapValues<From, To>(
  record: Readonly<Record<string, From>>,
  map: (value: From, key: string) => To,
): Record<string, To> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value, key)]));
}
