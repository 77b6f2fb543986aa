import type * as pulumi from "@pulumi/pulumi";
import { AppWebhook, type AppWebhookArgs } from "../heroku/app-webhook";
import { ReleaseWebhook, type ReleaseWebhookArgs } from "../sentry/release-webhook";
import { AlertSource, type AlertSourceArgs } from "../squadcast/alert-source";
import { DedupKeyOverlay, type DedupKeyOverlayArgs } from "../squadcast/dedup-key-overlay";

/**
 * How a component makes its custom-resource children. In a TypeScript program they are the dynamic
 * resources; inside the provider plugin (a component served by `construct`) they are the package's own
 * resources served by the plugin, never dynamic ones, which a program in another language could not
 * load (pulumi/pulumi#5455).
 *
 * @internal The provider side, not part of the public API.
 */
export interface ChildResources {
  alertSource(name: string, args: AlertSourceArgs, opts: pulumi.CustomResourceOptions): AlertSource;
  appWebhook(name: string, args: AppWebhookArgs, opts: pulumi.CustomResourceOptions): AppWebhook;
  dedupKeyOverlay(
    name: string,
    args: DedupKeyOverlayArgs,
    opts: pulumi.CustomResourceOptions,
  ): DedupKeyOverlay;
  releaseWebhook(name: string, args: ReleaseWebhookArgs, opts: pulumi.CustomResourceOptions): ReleaseWebhook;
}

/**
 * The dynamic resources, a TypeScript program's children.
 *
 * @internal The provider side, not part of the public API.
 */
export const DYNAMIC_CHILDREN: ChildResources = {
  alertSource: (name, args, opts) => new AlertSource(name, args, opts),
  appWebhook: (name, args, opts) => new AppWebhook(name, args, opts),
  dedupKeyOverlay: (name, args, opts) => new DedupKeyOverlay(name, args, opts),
  releaseWebhook: (name, args, opts) => new ReleaseWebhook(name, args, opts),
};
