import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import type { ChildResources } from "../../components/children";
import { HerokuSquadcastFleet } from "../../components/fleet";
import { HerokuSquadcastIntegration } from "../../components/integration";
import { HerokuSentryReleases } from "../../components/sentry-releases";
import type { AppWebhook } from "../../heroku/app-webhook";
import type { ReleaseWebhook } from "../../sentry/release-webhook";
import type { AlertSource } from "../../squadcast/alert-source";
import { appsToCheckOf } from "../../squadcast/apps-to-check";
import type { DedupKeyOverlay } from "../../squadcast/dedup-key-overlay";
import { PACKAGE_NAME, packageSchema } from "./schema";

/**
 * A custom resource of this package as a component served by the plugin registers it: by its type
 * token, served by this same plugin. Its outputs are the schema's, so the component reads them as it
 * reads a dynamic resource's.
 */
class PackageResource extends pulumi.CustomResource {
  constructor(token: string, name: string, args: object, opts: pulumi.CustomResourceOptions) {
    const outputs = Object.keys(packageSchema().resources[token].properties);
    super(token, name, { ...Object.fromEntries(outputs.map((key) => [key, undefined])), ...args }, opts);
  }
}

// A component's input that names one of the package's resources (the Integration's `alertSource`, made
// elsewhere in the program, in any language) arrives as a resource reference; the SDK turns it into a
// resource object through the module registered for its type, here a PackageResource that reads its
// outputs from the state by URN. Without it the reference would arrive as a bare id.
for (const module of new Set(
  Object.entries(packageSchema().resources)
    .filter(([, resource]) => !resource.isComponent)
    .map(([token]) => token.split(":")[1]),
)) {
  pulumi.runtime.registerResourceModule(PACKAGE_NAME, module, {
    construct: (name, type, urn) => new PackageResource(type, name, {}, { urn }),
  });
}

/** The children of a plugin-hosted component: the plugin's own resources, never dynamic ones (#5455). */
const PLUGIN_CHILDREN: ChildResources = {
  // The component's apps, which the dynamic door carries under a symbol, travel as the `apps` input: the
  // alert source's check finds a missing app in `preview`, before anything is activated (#26). Not in the
  // schema: only a component sets it.
  alertSource: (name, args, opts) =>
    new PackageResource(
      `${PACKAGE_NAME}:squadcast:AlertSource`,
      name,
      { ...args, apps: appsToCheckOf(args) },
      opts,
    ) as unknown as AlertSource,
  appWebhook: (name, args, opts) =>
    new PackageResource(`${PACKAGE_NAME}:heroku:AppWebhook`, name, args, opts) as unknown as AppWebhook,
  dedupKeyOverlay: (name, args, opts) =>
    new PackageResource(
      `${PACKAGE_NAME}:squadcast:DedupKeyOverlay`,
      name,
      args,
      opts,
    ) as unknown as DedupKeyOverlay,
  releaseWebhook: (name, args, opts) =>
    new PackageResource(
      `${PACKAGE_NAME}:sentry:ReleaseWebhook`,
      name,
      args,
      opts,
    ) as unknown as ReleaseWebhook,
};

class PluginIntegration extends HerokuSquadcastIntegration {
  protected override childResources(): ChildResources {
    return PLUGIN_CHILDREN;
  }
}

class PluginFleet extends HerokuSquadcastFleet {
  protected override childResources(): ChildResources {
    return PLUGIN_CHILDREN;
  }
}

class PluginSentryReleases extends HerokuSentryReleases {
  protected override childResources(): ChildResources {
    return PLUGIN_CHILDREN;
  }
}

/**
 * Builds a component for `construct`, with the same class a TypeScript program uses, and hands back its
 * outputs as the schema names them.
 */
export async function constructComponent(
  name: string,
  type: string,
  inputs: pulumi.Inputs,
  options: pulumi.ComponentResourceOptions,
): Promise<provider.ConstructResult> {
  /* eslint-disable @typescript-eslint/no-explicit-any -- the schema has checked the inputs' shape */
  const args = inputs as any;
  switch (type) {
    case `${PACKAGE_NAME}:index:Integration`: {
      const component = new PluginIntegration(name, args, options);
      return {
        urn: component.urn,
        state: {
          app: component.app,
          serviceId: component.serviceId,
          webhookId: component.webhookId,
          alertSourceId: component.alertSourceId,
          entities: component.entities,
          webhookUrl: component.webhookUrl,
        },
      };
    }
    case `${PACKAGE_NAME}:index:Fleet`: {
      const component = new PluginFleet(name, args, options);
      return {
        urn: component.urn,
        state: { serviceIds: component.serviceIds, webhooks: component.webhooks, apps: component.apps },
      };
    }
    case `${PACKAGE_NAME}:index:SentryReleases`: {
      const component = new PluginSentryReleases(name, args, options);
      return { urn: component.urn, state: { webhooks: component.webhooks, hookUrl: component.hookUrl } };
    }
    default:
      throw new Error(`the ${PACKAGE_NAME} provider has no component ${type}`);
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}
