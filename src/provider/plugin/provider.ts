import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { PLUGIN_CONFIG_KEY_NAMES, pluginConfigReader } from "../../config";
import { AppWebhookProvider } from "../../heroku/app-webhook";
import { ProviderContext } from "../../resource-kit/context";
import { ReleaseWebhookProvider } from "../../sentry/release-webhook";
import { AlertSourceProvider } from "../../squadcast/alert-source";
import { DedupKeyOverlayProvider } from "../../squadcast/dedup-key-overlay";
import { SERVICE_REFERENCE_SHAPE } from "./service-shape";
import { constructComponent } from "./components";
import { CustomResourceDoor } from "./door";
import { PACKAGE_NAME, schemaText } from "./schema";

type Properties = Record<string, unknown>;

/**
 * The provider plugin's composition root, beside the dynamic stubs' registry (`../implementations.ts`):
 * the same implementations, each behind a {@link CustomResourceDoor}, and the components served by
 * `construct`. One {@link ProviderContext} per plugin process, configured by the engine's Configure call.
 */
export class HerokuSquadcastPlugin implements provider.Provider {
  readonly version: string;
  private readonly doors: ReadonlyMap<string, CustomResourceDoor>;

  constructor(
    version: string,
    private readonly context: ProviderContext = new ProviderContext(),
  ) {
    this.version = version;
    const doors = [
      new CustomResourceDoor(`${PACKAGE_NAME}:heroku:AppWebhook`, new AppWebhookProvider(context)),
      new CustomResourceDoor(
        `${PACKAGE_NAME}:squadcast:AlertSource`,
        new AlertSourceProvider(context),
        SERVICE_REFERENCE_SHAPE,
      ),
      new CustomResourceDoor(
        `${PACKAGE_NAME}:squadcast:DedupKeyOverlay`,
        new DedupKeyOverlayProvider(context),
        SERVICE_REFERENCE_SHAPE,
      ),
      new CustomResourceDoor(`${PACKAGE_NAME}:sentry:ReleaseWebhook`, new ReleaseWebhookProvider(context)),
    ];
    this.doors = new Map(doors.map((door) => [door.token, door]));
  }

  /** Takes the provider's configuration, as the Configure call carries it (see `server.ts`). */
  configure(variables: Record<string, string | undefined>): void {
    this.context.configure(pluginConfigReader(variables), PLUGIN_CONFIG_KEY_NAMES);
  }

  async getSchema(): Promise<string> {
    return schemaText();
  }

  check(urn: pulumi.URN, olds: Properties, news: Properties): Promise<provider.CheckResult> {
    return this.door(urn).check(olds, news);
  }

  diff(id: pulumi.ID, urn: pulumi.URN, olds: Properties, news: Properties): Promise<provider.DiffResult> {
    return this.door(urn).diff(id, olds, news);
  }

  create(urn: pulumi.URN, inputs: Properties): Promise<provider.CreateResult> {
    return this.door(urn).create(inputs);
  }

  read(id: pulumi.ID, urn: pulumi.URN, props?: Properties): Promise<provider.ReadResult> {
    return this.door(urn).read(id, props ?? {});
  }

  update(id: pulumi.ID, urn: pulumi.URN, olds: Properties, news: Properties): Promise<provider.UpdateResult> {
    return this.door(urn).update(id, olds, news);
  }

  delete(id: pulumi.ID, urn: pulumi.URN, props: Properties): Promise<void> {
    return this.door(urn).delete(id, props);
  }

  construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    return constructComponent(name, type, inputs, options);
  }

  private door(urn: string): CustomResourceDoor {
    const type = typeOf(urn);
    const door = this.doors.get(type);
    if (!door) throw new Error(`the ${PACKAGE_NAME} provider has no resource type ${type}`);
    return door;
  }
}

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent types$>type::<name>`). */
function typeOf(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop()!;
}
