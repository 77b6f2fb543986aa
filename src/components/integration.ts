import * as pulumi from "@pulumi/pulumi";
import type { AppWebhook } from "../heroku/app-webhook";
import type { WebhookSettings } from "../heroku/webhook-settings";
import type { EntitySet } from "../mapping";
import type { AlertSource, AlertSourceArgs } from "../squadcast/alert-source";
import type { DedupKeyOverlay } from "../squadcast/dedup-key-overlay";
import { DYNAMIC_CHILDREN, type ChildResources } from "./children";
import { dedupKeyOverlayArgsOf, type Deduplicate } from "./deduplicate";
import { alertSourceArgsOf, type ServiceReference } from "./service-key";
import { withAppsToCheck } from "../squadcast/apps-to-check";

/**
 * One Heroku app wired into one Squadcast service: the Heroku alert source is made active on the
 * service, and an app webhook sends the chosen entities' events to the alert source's URL. This is the
 * whole of Squadcast's Heroku guide as one resource.
 *
 * Children: `<name>-alert-source` (unless `alertSource` is given) and `<name>-webhook`.
 *
 * @example
 * const billing = new HerokuSquadcastIntegration("billing", {
 *   app: "billing-api",
 *   service: { name: "billing", team: "Platform" },
 *   entities: "resolvable",
 * });
 * export const webhookId = billing.webhookId;
 */
export class HerokuSquadcastIntegration extends pulumi.ComponentResource {
  /** The alert source the webhook delivers to: the one made here, or the one given as `alertSource`. */
  readonly alertSource: AlertSource;
  /** The Heroku app webhook. */
  readonly webhook: AppWebhook;
  /** The service's Heroku dedup-key overlay, made when `deduplicate` is on. */
  readonly dedupKeyOverlay: DedupKeyOverlay | undefined;

  /** The webhook's id in Heroku. */
  readonly webhookId: pulumi.Output<string>;
  /** The id of the alert source type in Squadcast's catalog (the Heroku alert source). */
  readonly alertSourceId: pulumi.Output<string>;
  /** The entities Heroku delivers, as a set (a preset resolved): `{ "api:build": true, "dyno": true }`. */
  readonly entities: pulumi.Output<EntitySet>;
  /** The URL Heroku delivers to (secret: it carries the service's key). */
  readonly webhookUrl: pulumi.Output<string>;
  /** The Heroku app's name (export it as `app` for `heroku-squadcast verify --stack`). */
  readonly app: pulumi.Output<string>;
  /** The Squadcast service's id (export it as `serviceId` for `heroku-squadcast verify --stack`). */
  readonly serviceId: pulumi.Output<string>;

  constructor(name: string, args: HerokuSquadcastIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before registering, so a mistake leaves no half-made component behind.
    const destination = destinationOf(name, args);
    super("heroku-squadcast:index:Integration", name, {}, opts);
    // Not `instanceof`: the alert source may come from another copy of this package.
    const given = pulumi.CustomResource.isInstance(destination) ? destination : undefined;
    const overlayArgs = dedupKeyOverlayArgsOf(
      given === undefined ? (args.service as ServiceReference) : { id: given.serviceId },
      args.deduplicate,
    );
    // Made first, so another owner's overlay stops the up before the alert source or webhook changes.
    this.dedupKeyOverlay =
      overlayArgs && this.childResources().dedupKeyOverlay(`${name}-dedup`, overlayArgs, { parent: this });
    this.alertSource =
      given ??
      // The app is checked before the alert source is activated: the webhook comes only after it.
      this.childResources().alertSource(
        `${name}-alert-source`,
        withAppsToCheck(destination as AlertSourceArgs, [args.app]),
        {
          parent: this,
          dependsOn: this.dedupKeyOverlay === undefined ? [] : [this.dedupKeyOverlay],
        },
      );
    this.webhook = this.childResources().appWebhook(
      `${name}-webhook`,
      {
        app: args.app,
        url: this.alertSource.webhookUrl,
        entities: args.entities,
        level: args.level,
        secret: args.secret,
        authorization: args.authorization,
      },
      { parent: this },
    );

    this.webhookId = this.webhook.webhookId;
    this.alertSourceId = this.alertSource.alertSourceId;
    this.entities = this.webhook.entities;
    // A given alert source may come from a program that did not mark the URL secret.
    this.webhookUrl = pulumi.secret(this.alertSource.webhookUrl);
    this.app = this.webhook.appName;
    this.serviceId = this.alertSource.serviceId;
    this.registerOutputs({
      app: this.app,
      serviceId: this.serviceId,
      webhookId: this.webhookId,
      alertSourceId: this.alertSourceId,
      entities: this.entities,
      webhookUrl: this.webhookUrl,
    });
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

/**
 * The alert source to reuse, or the arguments of the one to make. Checked at run time too, because a
 * JavaScript caller may give both `service` and `alertSource`, or neither.
 */
function destinationOf(name: string, args: HerokuSquadcastIntegrationArgs): AlertSource | AlertSourceArgs {
  if (args.alertSource !== undefined && args.service !== undefined) {
    throw new Error(
      `HerokuSquadcastIntegration ${name}: give service or alertSource, not both (an alert source names its service)`,
    );
  }
  if (args.alertSource !== undefined) return args.alertSource;
  if (args.service === undefined) {
    throw new Error(`HerokuSquadcastIntegration ${name} needs service, or an existing alertSource to reuse`);
  }
  return alertSourceArgsOf(args.service);
}

/** The app and its webhook's settings, shared by both ways of naming the destination. */
export interface IntegrationAppArgs extends WebhookSettings {
  /** The Heroku app, by name or id. Changing it replaces the webhook. */
  readonly app: pulumi.Input<string>;
  /**
   * One incident per failing streak: Squadcast key-based deduplication on the service's Heroku alert
   * source (a failed build and the next failed build of the app are one incident, a crash-looping `web.1`
   * is one incident). `true` or {@link DeduplicateSettings}. Adds the child `<name>-dedup`.
   *
   * @defaultValue false ({@link DEFAULT_DEDUPLICATE}): turning it on deactivates the service's
   * Deduplication Rules, so only the service's owners should.
   */
  readonly deduplicate?: Deduplicate;
}

/** Deliver to a service: the integration makes its Heroku alert source. */
export interface IntegrationToServiceArgs extends IntegrationAppArgs {
  /**
   * The Squadcast service that receives the app's events. Changing it replaces the alert source and
   * updates the webhook's URL in place.
   */
  readonly service: ServiceReference<pulumi.Input<string>>;
  /** Not with `service`. */
  readonly alertSource?: undefined;
}

/** Deliver to an alert source made elsewhere in the program, e.g. shared by several integrations. */
export interface IntegrationToAlertSourceArgs extends IntegrationAppArgs {
  /** The alert source to deliver to; the integration makes none and never deletes this one. */
  readonly alertSource: AlertSource;
  /** Not with `alertSource`: the alert source already names its service. */
  readonly service?: undefined;
}

/** The arguments of a {@link HerokuSquadcastIntegration}: the app, and either `service` or `alertSource`. */
export type HerokuSquadcastIntegrationArgs = IntegrationToServiceArgs | IntegrationToAlertSourceArgs;
