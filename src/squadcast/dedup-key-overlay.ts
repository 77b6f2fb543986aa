import * as pulumi from "@pulumi/pulumi";
import { repeatWhileTransient } from "../http/repeat";
import type {
  SquadcastClient,
  SquadcastDedupKeyOverlay,
  SquadcastService,
} from "../clients/squadcast/client";
import { checkFailuresFrom } from "../resource-kit/check-failures";
import { ignoringNotFound, readUnlessDeleted } from "../resource-kit/not-found";
import { withStoredCredentials } from "../resource-kit/stored-credentials";
import { ContextProvider } from "../resource-kit/provider-base";
import { DEDUP_KEY_OVERLAY_TYPE } from "../resource-kit/resource-types";
import { storedProvider } from "../resource-kit/stored-provider";
import { containsUnknown } from "../resource-kit/unknown";
import { withoutUndefined } from "../resource-kit/without-undefined";
import { parseServiceSourceId } from "./alert-source-inputs";
import { dedupKeyOverlayInputSchema } from "./dedup-key-overlay-inputs";
import type { ServiceReference } from "../clients/squadcast/service-reference";
import { lookUpService, serviceFieldsOf } from "./service-lookup";

// ---------------------------------------------------------------------------------------------------
// Arguments and outputs
// ---------------------------------------------------------------------------------------------------

/** The arguments of a {@link DedupKeyOverlay}. */
export interface DedupKeyOverlayArgs {
  /** The Squadcast service whose alert source deduplicates: `{ id }` or `{ name, team }`. Changing it replaces. */
  readonly service: ServiceReference<pulumi.Input<string>>;
  /**
   * The alert source, by its catalog short name. Changing it replaces.
   *
   * @defaultValue `"heroku"` ({@link mapping.HEROKU_ALERT_SOURCE_SHORT_NAME})
   */
  readonly shortName?: pulumi.Input<string>;
  /**
   * The Go template Squadcast renders over each alert payload; triggers with the same key fold into one
   * open incident.
   *
   * @defaultValue {@link mapping.HEROKU_DEDUP_KEY_TEMPLATE}: a build streak per app, a dyno per app and
   * dyno name, every other Heroku event by its id.
   */
  readonly template?: pulumi.Input<string>;
  /**
   * How long, in minutes, an open incident takes in triggers with its key: 1 to 2880 (48 hours).
   *
   * @defaultValue 1440 ({@link mapping.DEFAULT_DEDUP_WINDOW_MINUTES})
   */
  readonly windowMinutes?: pulumi.Input<number>;
  /**
   * Replace an overlay of the alert source that another owner set with another template or window
   * (destroy puts theirs back). Without it, such an overlay stops `preview` and `up` before any change.
   *
   * @defaultValue false
   */
  readonly takeOver?: pulumi.Input<boolean>;
}

/**
 * The inputs the provider works with, after `check` applied defaults.
 *
 * @internal The provider side, not part of the public API.
 */
export interface DedupKeyOverlayInputs {
  readonly serviceId?: string;
  readonly serviceName?: string;
  readonly team?: string;
  readonly shortName: string;
  readonly template: string;
  readonly windowMinutes: number;
  readonly takeOver: boolean;
}

/**
 * How the overlay came under the stack: `created` (there was none; destroy deletes it), `adopted` (an
 * equal one was there; destroy leaves it), `taken-over` (another one was there and `takeOver` replaced
 * it; destroy puts it back) or `imported` (by `pulumi import`: the stack's; destroy deletes it).
 */
export type DedupKeyOverlayOrigin = "created" | "adopted" | "taken-over" | "imported";

/**
 * What the state holds.
 *
 * @internal The provider side, not part of the public API.
 */
export interface DedupKeyOverlayState extends DedupKeyOverlayInputs {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly origin: DedupKeyOverlayOrigin;
  /** The overlay `takeOver` replaced, restored on destroy. */
  readonly previousOverlay?: { readonly template: string; readonly windowMinutes: number };
  /** The service's `dedup_key_enabled` before this resource, restored on destroy. */
  readonly previousDedupKeyEnabled: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Provider
// ---------------------------------------------------------------------------------------------------

/**
 * The CRUD implementation behind {@link DedupKeyOverlay}, run in the provider process. The overlay and
 * the service's `dedup_key_enabled` are shared with whoever else edits the service, so every change runs
 * under a per-service lock and destroy only undoes what this resource did.
 *
 * @internal The provider side, not part of the public API.
 */
export class DedupKeyOverlayProvider
  extends ContextProvider
  implements pulumi.dynamic.ResourceProvider<DedupKeyOverlayInputs, DedupKeyOverlayState>
{
  async check(
    olds: Partial<DedupKeyOverlayInputs> | undefined,
    news: DedupKeyOverlayInputs,
  ): Promise<pulumi.dynamic.CheckResult> {
    const parsed = dedupKeyOverlayInputSchema.safeParse(news);
    if (!parsed.success) return { inputs: news, failures: checkFailuresFrom(parsed.error.issues) };
    const inputs = withoutUndefined(parsed.data) as DedupKeyOverlayInputs;
    // Only before the first create, so that a preview of an unchanged stack sends nothing: another
    // owner's overlay stops the preview (and so the up) before any resource changes.
    const firstCreate = olds === undefined || Object.keys(olds).length === 0;
    if (firstCreate && !containsUnknown(inputs)) {
      const { service, overlay } = await this.current(inputs);
      const conflict = conflictOf(inputs, service, overlay);
      if (conflict !== undefined) return { inputs, failures: [{ property: "takeOver", reason: conflict }] };
    }
    return { inputs };
  }

  async diff(
    _id: string,
    olds: DedupKeyOverlayState,
    news: DedupKeyOverlayInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaceKeys = ["serviceId", "serviceName", "team", "shortName"] as const;
    const updateKeys = ["template", "windowMinutes", "takeOver"] as const;
    const changed = (key: keyof DedupKeyOverlayInputs) =>
      containsUnknown(news[key]) || (news[key] !== undefined && news[key] !== olds[key]);
    const replaces = replaceKeys.filter(changed);
    const updates = updateKeys.filter(changed);
    return {
      changes: replaces.length + updates.length > 0,
      replaces,
      deleteBeforeReplace: true,
    };
  }

  async create(inputs: DedupKeyOverlayInputs): Promise<pulumi.dynamic.CreateResult<DedupKeyOverlayState>> {
    const squadcast = this.context.squadcast();
    const service = await repeatWhileTransient(() => lookUpService(this.context, inputs));
    const state = await this.context.exclusive(`squadcast-dedup:${service.id}`, async () => {
      const [overlay, enabled] = await repeatWhileTransient(() =>
        Promise.all([
          squadcast.getDedupKeyOverlay(service.id, inputs.shortName),
          squadcast.getDedupKeyEnabled(service.id),
        ]),
      );
      const conflict = conflictOf(inputs, service, overlay);
      if (conflict !== undefined) throw new Error(conflict);
      const origin: DedupKeyOverlayOrigin =
        overlay === undefined ? "created" : isEqual(overlay, inputs) ? "adopted" : "taken-over";
      if (origin !== "adopted") await putOverlay(squadcast, service.id, inputs);
      if (!enabled) await squadcast.setDedupKeyEnabled(service.id, true);
      if (origin !== "created") {
        this.context.tell(
          `squadcast:DedupKeyOverlay: service ${service.name}: the ${inputs.shortName} dedup-key overlay ` +
            (origin === "adopted"
              ? "was already there, equal: adopted; destroy leaves it"
              : "was another owner's: taken over; destroy puts it back"),
        );
      }
      return withoutUndefined({
        ...inputs,
        serviceId: service.id,
        serviceName: service.name,
        origin,
        previousOverlay:
          origin === "taken-over" && overlay !== undefined
            ? { template: overlay.template, windowMinutes: overlay.durationMinutes }
            : undefined,
        previousDedupKeyEnabled: enabled,
      }) as DedupKeyOverlayState;
    });
    return { id: `${service.id}/${inputs.shortName}`, outs: state };
  }

  async read(
    id: string,
    props?: DedupKeyOverlayState,
  ): Promise<pulumi.dynamic.ReadResult<DedupKeyOverlayState>> {
    if (!props) return { id: "" };
    return withStoredCredentials(this.context, () =>
      readUnlessDeleted(async () => {
        const overlay = await repeatWhileTransient(() =>
          this.context.squadcast().getDedupKeyOverlay(props.serviceId, props.shortName),
        );
        if (overlay === undefined) return { id: "" };
        return {
          id,
          props: { ...props, template: overlay.template, windowMinutes: overlay.durationMinutes },
        };
      }),
    );
  }

  /**
   * What `pulumi import` reads (the provider plugin's door): the overlay named by `<service id>/<alert
   * source short name>`, the alert source's import id (and this resource's own id). An imported overlay
   * is the stack's: destroy deletes it, and leaves the service's `dedup_key_enabled` as it was at import.
   */
  async importById(
    id: string,
  ): Promise<{ id: string; props: DedupKeyOverlayState; inputs: DedupKeyOverlayInputs }> {
    const [serviceId, shortName] = parseServiceSourceId(id);
    const squadcast = this.context.squadcast();
    const [service, overlay, enabled] = await repeatWhileTransient(() =>
      Promise.all([
        squadcast.getService(serviceId),
        squadcast.getDedupKeyOverlay(serviceId, shortName),
        squadcast.getDedupKeyEnabled(serviceId),
      ]),
    );
    if (overlay === undefined) {
      throw new Error(`Squadcast service ${service.name} has no ${shortName} dedup-key overlay to import`);
    }
    const inputs: DedupKeyOverlayInputs = {
      serviceId: service.id,
      shortName,
      template: overlay.template,
      windowMinutes: overlay.durationMinutes,
      takeOver: false,
    };
    const props: DedupKeyOverlayState = {
      ...inputs,
      serviceId: service.id,
      serviceName: service.name,
      origin: "imported",
      previousDedupKeyEnabled: enabled,
    };
    return { id: `${service.id}/${shortName}`, props, inputs };
  }

  async update(
    _id: string,
    olds: DedupKeyOverlayState,
    news: DedupKeyOverlayInputs,
  ): Promise<pulumi.dynamic.UpdateResult<DedupKeyOverlayState>> {
    const squadcast = this.context.squadcast();
    if (news.template !== olds.template || news.windowMinutes !== olds.windowMinutes) {
      await this.context.exclusive(`squadcast-dedup:${olds.serviceId}`, () =>
        putOverlay(squadcast, olds.serviceId, news),
      );
    }
    return {
      outs: { ...olds, template: news.template, windowMinutes: news.windowMinutes, takeOver: news.takeOver },
    };
  }

  async delete(_id: string, props: DedupKeyOverlayState): Promise<void> {
    await withStoredCredentials(this.context, () => this.deleteOverlay(props));
  }

  private async deleteOverlay(props: DedupKeyOverlayState): Promise<void> {
    const squadcast = this.context.squadcast();
    await this.context.exclusive(`squadcast-dedup:${props.serviceId}`, () =>
      ignoringNotFound(async () => {
        if (props.origin === "created" || props.origin === "imported")
          await squadcast.deleteDedupKeyOverlay(props.serviceId, props.shortName);
        if (props.origin === "taken-over" && props.previousOverlay !== undefined) {
          await putOverlay(squadcast, props.serviceId, {
            shortName: props.shortName,
            ...props.previousOverlay,
          });
        }
        if (!props.previousDedupKeyEnabled) await squadcast.setDedupKeyEnabled(props.serviceId, false);
      }),
    );
  }

  /** The service and its overlay for the alert source, as they are now. */
  private async current(inputs: DedupKeyOverlayInputs) {
    const service = await repeatWhileTransient(() => lookUpService(this.context, inputs));
    const overlay = await repeatWhileTransient(() =>
      this.context.squadcast().getDedupKeyOverlay(service.id, inputs.shortName),
    );
    return { service, overlay };
  }
}

function isEqual(
  overlay: SquadcastDedupKeyOverlay,
  inputs: Pick<DedupKeyOverlayInputs, "template" | "windowMinutes">,
): boolean {
  return overlay.template === inputs.template && overlay.durationMinutes === inputs.windowMinutes;
}

/** The one message that stops a create over another owner's overlay, or undefined when there is none. */
function conflictOf(
  inputs: DedupKeyOverlayInputs,
  service: SquadcastService,
  overlay: SquadcastDedupKeyOverlay | undefined,
): string | undefined {
  if (overlay === undefined || inputs.takeOver || isEqual(overlay, inputs)) return undefined;
  const what =
    overlay.template === inputs.template
      ? `a window of ${overlay.durationMinutes} minutes`
      : "another template";
  return (
    `Squadcast service ${service.name} already has a ${inputs.shortName} dedup-key overlay with ${what} ` +
    "(another owner's): set takeOver: true to replace it (destroy puts it back), or turn deduplicate off " +
    "to leave the service's deduplication to its owner"
  );
}

function putOverlay(
  squadcast: SquadcastClient,
  serviceId: string,
  overlay: { readonly shortName: string; readonly template: string; readonly windowMinutes: number },
): Promise<SquadcastDedupKeyOverlay> {
  return squadcast.putDedupKeyOverlay(serviceId, {
    alertSource: overlay.shortName,
    template: overlay.template,
    durationMinutes: overlay.windowMinutes,
  });
}

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const dedupKeyOverlayProvider = storedProvider(DEDUP_KEY_OVERLAY_TYPE);

/**
 * Key-based deduplication for one alert source of a Squadcast service: the dedup-key overlay (the key
 * template and window) and the service's opt-in (`dedup_key_enabled`). With the defaults, two failed
 * builds of one app are one incident until a build succeeds, and a crash-looping `web.1` is one incident.
 *
 * It shares the service safely: an equal overlay is adopted (and left on destroy); another owner's stops
 * `preview` and `up` with one message unless `takeOver` is set (destroy then puts it back); destroy
 * restores the service's `dedup_key_enabled` as it was before.
 *
 * @example
 * new squadcast.DedupKeyOverlay("payments-dedup", { service: { name: "payments", team: "Platform" } });
 */
export class DedupKeyOverlay extends pulumi.dynamic.Resource {
  /** The service's id. */
  declare readonly serviceId: pulumi.Output<string>;
  /** The service's name. */
  declare readonly serviceName: pulumi.Output<string>;
  /** The alert source's short name. */
  declare readonly shortName: pulumi.Output<string>;
  /** The key template in force. */
  declare readonly template: pulumi.Output<string>;
  /** The window in force, in minutes. */
  declare readonly windowMinutes: pulumi.Output<number>;
  /** {@link DedupKeyOverlayOrigin}: what destroy does. */
  declare readonly origin: pulumi.Output<DedupKeyOverlayOrigin>;
  /** The service's `dedup_key_enabled` before this resource; destroy restores it. */
  declare readonly previousDedupKeyEnabled: pulumi.Output<boolean>;

  constructor(name: string, args: DedupKeyOverlayArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dedupKeyOverlayProvider,
      name,
      {
        ...serviceFieldsOf(args.service),
        shortName: args.shortName,
        template: args.template,
        windowMinutes: args.windowMinutes,
        takeOver: args.takeOver,
        origin: undefined,
        previousDedupKeyEnabled: undefined,
      },
      opts,
      DEDUP_KEY_OVERLAY_TYPE.module,
      DEDUP_KEY_OVERLAY_TYPE.name,
    );
  }
}
