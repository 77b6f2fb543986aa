import * as pulumi from "@pulumi/pulumi";
import { repeatWhileTransient } from "../http/repeat";
import { checkFailuresFrom } from "../resource-kit/check-failures";
import { ignoringNotFound, readUnlessDeleted } from "../resource-kit/not-found";
import { withStoredCredentials } from "../resource-kit/stored-credentials";
import { ContextProvider } from "../resource-kit/provider-base";
import { ALERT_SOURCE_TYPE } from "../resource-kit/resource-types";
import { storedProvider } from "../resource-kit/stored-provider";
import { withoutUndefined } from "../resource-kit/without-undefined";
import { containsUnknown } from "../resource-kit/unknown";
import { alertSourceInputSchema, parseServiceSourceId } from "./alert-source-inputs";
import { lookUpService, lookUpTeamId, serviceFieldsOf } from "./service-lookup";
import { activateAlertSource, deactivateAlertSource } from "./active-alert-sources";
import { findAlertSourceType } from "../clients/squadcast/catalog";
import type { SquadcastAlertSourceType, SquadcastService } from "../clients/squadcast/client";
import type { ServiceReference } from "../clients/squadcast/service-reference";
import { webhookUrlOf } from "../clients/squadcast/webhook-url";
import { appWebhooks } from "../heroku/app-lookups";
import { appsToCheckOf } from "./apps-to-check";
import { changedAny, preflightFailure, withReadAhead } from "../resource-kit/preflight";
import type { ProviderContext } from "../resource-kit/context";
import type { AlertSourceInputs, AlertSourceOrigin, AlertSourceState } from "./alert-source-state";

export type { AlertSourceOrigin } from "./alert-source-state";

// ---------------------------------------------------------------------------------------------------
// Arguments and outputs
// ---------------------------------------------------------------------------------------------------

/** The arguments of an {@link AlertSource}: the service, as `{ id }` or `{ name, team }`. */
export interface AlertSourceArgs {
  /**
   * The Squadcast service that receives the events: `{ id }` (with an optional `team` to check) or
   * `{ name, team }`. Changing the service replaces the alert source.
   */
  readonly service: ServiceReference<pulumi.Input<string>>;
  /**
   * The alert source type, by the short name used in webhook URLs, looked up in Squadcast's catalog.
   * Changing it replaces the alert source.
   *
   * @defaultValue `"heroku"` ({@link mapping.HEROKU_ALERT_SOURCE_SHORT_NAME})
   */
  readonly shortName?: pulumi.Input<string>;
}

// ---------------------------------------------------------------------------------------------------
// Provider
// ---------------------------------------------------------------------------------------------------

/**
 * The CRUD implementation behind {@link AlertSource}, run in the provider process.
 *
 * Squadcast's active alert sources are one list per service that a PUT replaces whole, shared with
 * whoever else edits the service. Every change is therefore read-merge-write under a per-service lock,
 * verified by reading back (see `active-alert-sources.ts`). Every change of an input replaces (a
 * different spelling of the same service is no change), so there is no `update`.
 *
 * @internal The provider side, not part of the public API.
 */
export class AlertSourceProvider
  extends ContextProvider
  implements pulumi.dynamic.ResourceProvider<AlertSourceInputs, AlertSourceState>
{
  /**
   * Validates the inputs, then, for an alert source about to be created or moved to another service,
   * reads what `create` will depend on (see {@link AlertSourceProvider.preflight}): the same failures in
   * `pulumi preview` as in `pulumi up`, before anything is activated.
   */
  async check(olds: AlertSourceInputs, news: AlertSourceInputs): Promise<pulumi.dynamic.CheckResult> {
    return withReadAhead(await this.checkInputs(olds, news), (inputs: AlertSourceInputs) =>
      this.preflight(olds, inputs),
    );
  }

  /** The validation of the inputs alone: pure, no credentials, no request. */
  async checkInputs(_olds: AlertSourceInputs, news: AlertSourceInputs): Promise<pulumi.dynamic.CheckResult> {
    const parsed = alertSourceInputSchema.safeParse(news);
    if (!parsed.success) return { inputs: news, failures: checkFailuresFrom(parsed.error.issues) };
    return { inputs: withoutUndefined(parsed.data) };
  }

  /**
   * Reads, when the alert source is about to be created or moved to another service, what `create`
   * depends on, with lookups `create` then reuses from this process: the refresh token is accepted, the
   * team and the service exist, the catalog has the type; and each app of `apps` exists in Heroku and
   * the key can see it (the listing the app's webhook then reuses), since the webhooks come only after
   * the alert source is activated. The first failure is reported on its argument, or on none for a
   * credential. An alert source that stays makes no request: no activation is coming, and a new app's
   * own webhook checks it. Unknown values are left to the `check` of `up`.
   */
  protected async preflight(
    olds: Partial<AlertSourceInputs>,
    inputs: AlertSourceInputs,
  ): Promise<pulumi.dynamic.CheckFailure[]> {
    const serviceFields = ["serviceId", "serviceName", "team", "shortName"] as const;
    if (!changedAny(olds, inputs, serviceFields)) return [];
    if (serviceFields.some((field) => containsUnknown(inputs[field]))) return [];
    const lookups: [string, () => Promise<unknown>][] = [];
    if (inputs.team !== undefined) lookups.push(["team", () => this.resolveTeamId(inputs.team!)]);
    lookups.push([
      inputs.serviceId !== undefined ? "serviceId" : "serviceName",
      () => this.resolveService(inputs),
    ]);
    lookups.push(["shortName", () => this.sourceType(inputs.shortName)]);
    for (const [property, lookup] of lookups) {
      try {
        await repeatWhileTransient(lookup);
      } catch (error) {
        return [preflightFailure(error, property)];
      }
    }
    // A list or a name not known yet in a preview is checked by the `check` of `up`.
    const apps = Array.isArray(inputs.apps) ? inputs.apps.filter((app) => !containsUnknown(app)) : [];
    return appFailures(this.context, apps);
  }

  async diff(
    _id: string,
    olds: AlertSourceState,
    news: AlertSourceInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (containsUnknown(news)) {
      replaces.push(
        ...Object.keys(news).filter((key) => containsUnknown(news[key as keyof AlertSourceInputs])),
      );
    } else {
      if (
        news.serviceId !== undefined
          ? news.serviceId !== olds.serviceId
          : news.serviceName !== olds.serviceName
      ) {
        replaces.push(news.serviceId !== undefined ? "serviceId" : "serviceName");
      }
      if (news.team !== undefined && news.team !== olds.team && news.team !== olds.teamId)
        replaces.push("team");
      if (news.shortName !== olds.shortName) replaces.push("shortName");
    }
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  }

  async create(inputs: AlertSourceInputs): Promise<pulumi.dynamic.CreateResult<AlertSourceState>> {
    const [service, sourceType] = await repeatWhileTransient(() =>
      Promise.all([this.resolveService(inputs), this.sourceType(inputs.shortName)]),
    );
    const id = `${service.id}/${sourceType.id}`;
    const added = await this.context.exclusive(`squadcast-service:${service.id}`, () =>
      activateAlertSource(this.context.squadcast(), service.id, sourceType.id),
    );
    if (!added) {
      this.context.tell(
        `squadcast:AlertSource: service ${service.name}: the ${sourceType.shortName} alert source was ` +
          "already active (another owner's, or made by hand): adopted (origin adopted-by-url); destroy " +
          "leaves it active",
      );
    }
    return { id, outs: this.stateOf(inputs, service, sourceType, added) };
  }

  async read(id: string, props?: AlertSourceState): Promise<pulumi.dynamic.ReadResult<AlertSourceState>> {
    if (!props) return { id: "" };
    return withStoredCredentials(this.context, () => this.readExisting(id, props));
  }

  private readExisting(
    id: string,
    props: AlertSourceState,
  ): Promise<pulumi.dynamic.ReadResult<AlertSourceState>> {
    const squadcast = this.context.squadcast();
    return readUnlessDeleted(async () => {
      const [service, activeIds] = await repeatWhileTransient(() =>
        Promise.all([
          squadcast.getService(props.serviceId),
          squadcast.getActiveAlertSourceIds(props.serviceId),
        ]),
      );
      if (!activeIds.includes(props.alertSourceId)) return { id: "" };
      const sourceType = await repeatWhileTransient(() => this.sourceType(props.shortName));
      return { id, props: this.stateOf(props, service, sourceType, props.addedByThisResource) };
    });
  }

  /**
   * What `pulumi import` reads (the provider plugin's door): the alert source named by
   * `<service id>/<short name>` (or `<service id>/<alert source type id>`, the resource's own id), which
   * must be active on the service. An imported alert source is the stack's: `destroy` removes it.
   */
  async importById(id: string): Promise<{ id: string; props: AlertSourceState; inputs: AlertSourceInputs }> {
    const [serviceId, kind] = parseServiceSourceId(id);
    const squadcast = this.context.squadcast();
    const [service, activeIds, catalog] = await repeatWhileTransient(() =>
      Promise.all([
        squadcast.getService(serviceId),
        squadcast.getActiveAlertSourceIds(serviceId),
        this.context.remember("squadcast-catalog", () => squadcast.listAlertSourceTypes()),
      ]),
    );
    const sourceType = findAlertSourceType(catalog, kind) ?? catalog.find((type) => type.id === kind);
    if (!sourceType) throw new Error(`Squadcast has no alert source type "${kind}" in its catalog`);
    if (!activeIds.includes(sourceType.id)) {
      throw new Error(`the ${sourceType.shortName} alert source is not active on service ${service.name}`);
    }
    const team = service.teamId
      ? await repeatWhileTransient(() => squadcast.getTeam(service.teamId!))
      : undefined;
    const inputs: AlertSourceInputs = withoutUndefined({
      serviceId: service.id,
      team: team?.name,
      shortName: sourceType.shortName,
    });
    const state = { ...this.stateOf(inputs, service, sourceType, true), origin: "imported" as const };
    return { id: `${service.id}/${sourceType.id}`, props: state, inputs };
  }

  async delete(_id: string, props: AlertSourceState): Promise<void> {
    if (!props.addedByThisResource) return;
    await withStoredCredentials(this.context, () =>
      this.context.exclusive(`squadcast-service:${props.serviceId}`, () =>
        ignoringNotFound(() =>
          deactivateAlertSource(this.context.squadcast(), props.serviceId, props.alertSourceId),
        ),
      ),
    );
  }

  private stateOf(
    inputs: AlertSourceInputs,
    service: SquadcastService,
    sourceType: SquadcastAlertSourceType,
    added: boolean,
  ): AlertSourceState {
    const { apps: _checkedOnly, ...kept } = inputs;
    return withoutUndefined({
      ...kept,
      serviceId: service.id,
      serviceName: service.name,
      teamId: service.teamId ?? "",
      alertSourceId: sourceType.id,
      webhookUrl: webhookUrlOf(this.context.settings.squadcast.ingestionUrl, sourceType, service),
      addedByThisResource: added,
      origin: added ? "created" : "adopted-by-url",
    });
  }

  /** Finds the service, once per process: a fleet's alert sources, overlays and reads share the lookup. */
  private resolveService(inputs: AlertSourceInputs): Promise<SquadcastService> {
    return lookUpService(this.context, inputs);
  }

  private resolveTeamId(team: string): Promise<string> {
    return lookUpTeamId(this.context, team);
  }

  /** The alert source type from the catalog, which is fetched once per process. */
  private async sourceType(shortName: string): Promise<SquadcastAlertSourceType> {
    const catalog = await this.context.remember("squadcast-catalog", () =>
      this.context.squadcast().listAlertSourceTypes(),
    );
    const found = findAlertSourceType(catalog, shortName);
    if (!found) {
      throw new Error(
        `Squadcast has no alert source type "${shortName}" in its catalog: check shortName (e.g. heroku)`,
      );
    }
    return found;
  }
}

/**
 * The first of the apps (in the order given) that does not exist or that the key cannot see, as a
 * failure on `apps`. The apps are read together, as many at a time as the Heroku client allows: the
 * engine calls `check` one resource at a time, and every webhook of the component waits for this one,
 * so reading 500 apps one after another would put 500 round trips on the critical path of `up`.
 */
async function appFailures(
  context: ProviderContext,
  apps: readonly string[],
): Promise<pulumi.dynamic.CheckFailure[]> {
  // appWebhooks repeats a transient failure itself, as an AppWebhook's own check relies on.
  const reads = await Promise.allSettled(apps.map((app) => appWebhooks(context, app)));
  const failed = reads.find((read): read is PromiseRejectedResult => read.status === "rejected");
  return failed === undefined ? [] : [preflightFailure(failed.reason, "apps")];
}

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const alertSourceProvider = storedProvider(ALERT_SOURCE_TYPE);

/**
 * An alert source made active on a Squadcast service, and the webhook URL that feeds it: the first step of
 * Squadcast's Heroku guide ("add the Heroku alert source, copy its webhook URL").
 *
 * Other alert sources of the service are never touched. Deleting it removes the alert source only if
 * this resource added it.
 *
 * @example
 * const source = new squadcast.AlertSource("payments", { service: { name: "payments", team: "Platform" } });
 * // source.webhookUrl is a secret Output<string>
 */
export class AlertSource extends pulumi.dynamic.Resource {
  /** The service's id. */
  declare readonly serviceId: pulumi.Output<string>;
  /** The service's name. */
  declare readonly serviceName: pulumi.Output<string>;
  /** The id of the team that owns the service. */
  declare readonly teamId: pulumi.Output<string>;
  /** The id of the alert source type in Squadcast's catalog. */
  declare readonly alertSourceId: pulumi.Output<string>;
  /** The URL to give Heroku (secret: it carries the service's key). */
  declare readonly webhookUrl: pulumi.Output<string>;
  /** Whether this resource made the alert source active (and so removes it on delete). */
  declare readonly addedByThisResource: pulumi.Output<boolean>;
  /**
   * `created` (this resource made it active; destroy removes it) or `adopted-by-url` (it was already
   * active on the service; destroy leaves it).
   */
  declare readonly origin: pulumi.Output<AlertSourceOrigin>;

  constructor(name: string, args: AlertSourceArgs, opts?: pulumi.CustomResourceOptions) {
    const service = serviceFieldsOf(args.service);
    super(
      alertSourceProvider,
      name,
      {
        ...service,
        shortName: args.shortName ?? "heroku",
        apps: appsToCheckOf(args),
        teamId: undefined,
        alertSourceId: undefined,
        webhookUrl: undefined,
        addedByThisResource: undefined,
        origin: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["webhookUrl"] }),
      ALERT_SOURCE_TYPE.module,
      ALERT_SOURCE_TYPE.name,
    );
  }
}
