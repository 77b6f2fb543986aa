import type * as pulumi from "@pulumi/pulumi";
import { AppWebhookProvider } from "../heroku/app-webhook";
import { ReleaseWebhookProvider } from "../sentry/release-webhook";
import { AlertSourceProvider } from "../squadcast/alert-source";
import { DedupKeyOverlayProvider } from "../squadcast/dedup-key-overlay";
import { ProviderContext } from "../resource-kit/context";
import {
  ALERT_SOURCE_TYPE,
  APP_WEBHOOK_TYPE,
  DEDUP_KEY_OVERLAY_TYPE,
  RELEASE_WEBHOOK_TYPE,
} from "../resource-kit/resource-types";

/**
 * The entry point that serialized provider stubs load by package name (`pulumi-heroku-squadcast/provider`)
 * in the provider process. Adding a resource type means adding it here; renaming one would strand the
 * state of existing stacks, so type names are permanent.
 */

/** One context per provider process: resources share settings, clients, lookups and locks. */
const context = new ProviderContext();

const implementations: Record<string, pulumi.dynamic.ResourceProvider> = {
  [APP_WEBHOOK_TYPE.token]: new AppWebhookProvider(context),
  [ALERT_SOURCE_TYPE.token]: new AlertSourceProvider(context),
  [DEDUP_KEY_OVERLAY_TYPE.token]: new DedupKeyOverlayProvider(context),
  [RELEASE_WEBHOOK_TYPE.token]: new ReleaseWebhookProvider(context),
};

/** The implementation of a resource type, for the stub in `src/resource-kit/stub.ts`. */
export function implementationOf(resourceType: string): pulumi.dynamic.ResourceProvider {
  const implementation = implementations[resourceType];
  if (!implementation) {
    throw new Error(
      `pulumi-heroku-squadcast has no resource type "${resourceType}": the state was written by another ` +
        "version of the package; install that version or a newer one",
    );
  }
  return implementation;
}
