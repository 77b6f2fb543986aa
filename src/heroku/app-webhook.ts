import * as pulumi from "@pulumi/pulumi";
import { repeatWhileTransient } from "../http/repeat";
import {
  DEFAULT_ENTITIES,
  entityListOf,
  resolveEntitySet,
  sameEntities,
  type EntitySelection,
  type EntitySet,
} from "../mapping";
import { checkFailuresFrom } from "../resource-kit/check-failures";
import { warnAbout } from "../resource-kit/warn";
import { ignoringNotFound, readUnlessDeleted } from "../resource-kit/not-found";
import { withStoredCredentials } from "../resource-kit/stored-credentials";
import { ContextProvider } from "../resource-kit/provider-base";
import { APP_WEBHOOK_TYPE } from "../resource-kit/resource-types";
import { storedProvider } from "../resource-kit/stored-provider";
import { withoutUndefined } from "../resource-kit/without-undefined";
import { containsUnknown } from "../resource-kit/unknown";
import type { CreatedHerokuWebhook, HerokuWebhook, HerokuWebhookChanges } from "../clients/heroku/client";
import { ADOPT_ID, appWebhookInputSchema } from "./app-webhook-inputs";
import {
  changesBetween,
  desiredSettings,
  differs,
  stateOf,
  UPDATABLE_FIELDS,
  withOrigin,
  type AppWebhookInputs,
  type AppWebhookState,
} from "./app-webhook-state";
import { ensureOneWebhook, removeCopies } from "./one-webhook-per-url";
import { adoptableWebhook, appWebhooks, takeAppWebhooks } from "./app-lookups";
import { changedAny, preflightFailure, withReadAhead } from "../resource-kit/preflight";
import type { WebhookOrigin } from "../clients/heroku/types";
import { DEFAULT_LEVEL, type AdoptableWebhookSettings, type WebhookLevel } from "./webhook-settings";

export type { WebhookOrigin } from "../clients/heroku/types";
export type { WebhookLevel } from "./webhook-settings";

// ---------------------------------------------------------------------------------------------------
// Arguments and outputs
// ---------------------------------------------------------------------------------------------------

/** The arguments of an {@link AppWebhook}. */
export interface AppWebhookArgs extends AdoptableWebhookSettings {
  /** The Heroku app, by name or id. Changing it replaces the webhook (a webhook cannot move between apps). */
  readonly app: pulumi.Input<string>;
  /**
   * Where Heroku sends deliveries: https, or http to a loopback address (the sandbox). Always stored as a
   * secret, because a Squadcast URL carries the service's key.
   */
  readonly url: pulumi.Input<string>;
}

// ---------------------------------------------------------------------------------------------------
// Provider
// ---------------------------------------------------------------------------------------------------

/**
 * The CRUD implementation behind {@link AppWebhook}, run in the provider process.
 *
 * `check` and `diff` are pure (no API call), so a preview with no change costs no request. `create`
 * costs two requests (list the app's webhooks, create), adopts a webhook with the same URL instead of
 * duplicating it, and settles a creation that failed without a clear answer within the same run (see
 * `ensureOneWebhook`). Whatever happened, one webhook per app and URL is left, and adoptions and
 * removed duplicates are told to the person running pulumi.
 *
 * @internal The provider side, not part of the public API.
 */
export class AppWebhookProvider
  extends ContextProvider
  implements pulumi.dynamic.ResourceProvider<AppWebhookInputs, AppWebhookState>
{
  /**
   * Validates the inputs, then, for a webhook about to be created or moved to another app, reads what
   * `create` will depend on (see {@link AppWebhookProvider.preflight}): the same failures in
   * `pulumi preview` as in `pulumi up`, before anything is made.
   */
  async check(olds: AppWebhookInputs, news: AppWebhookInputs): Promise<pulumi.dynamic.CheckResult> {
    return withReadAhead(await this.checkInputs(olds, news), (inputs: AppWebhookInputs) =>
      this.preflight(olds, inputs),
    );
  }

  /** The validation of the inputs alone: pure, no credentials, no request. */
  async checkInputs(_olds: AppWebhookInputs, news: AppWebhookInputs): Promise<pulumi.dynamic.CheckResult> {
    const parsed = appWebhookInputSchema.safeParse(news);
    const failures = parsed.success ? [] : checkFailuresFrom(parsed.error.issues);
    // The constructor hands over a set it resolved; a caller that bypasses it (plain JavaScript, a
    // provider plugin) hands over what the user wrote, so check resolves that here, at the boundary.
    let entities: unknown = (news as { entities?: unknown }).entities ?? DEFAULT_ENTITIES;
    if (!containsUnknown(entities)) {
      const resolution = resolveEntitySet(entities);
      if (resolution.ok) entities = resolution.entities;
      else failures.push({ property: "entities", reason: `entities ${resolution.errors.join("; ")}` });
    }
    if (failures.length > 0 || !parsed.success) return { inputs: news, failures };
    return { inputs: withoutUndefined({ ...parsed.data, entities }) };
  }

  /**
   * Reads, when the webhook is about to be created or moved to another app, what `create` depends on: the
   * API key is accepted, the app exists and the key can see it (its webhooks are listed, which `create`
   * needs anyway and reuses), and a webhook named by `adopt` exists on that app. Says which webhook
   * `up` will adopt, so a preview shows it. Unknown values (a preview of an app named by another
   * resource's output) are left to the `check` of `up`. An unchanged webhook makes no request.
   */
  protected async preflight(
    olds: Partial<AppWebhookInputs>,
    inputs: AppWebhookInputs,
  ): Promise<pulumi.dynamic.CheckFailure[]> {
    if (!changedAny(olds, inputs, ["app"]) || containsUnknown(inputs.app)) return [];
    const where = `heroku:AppWebhook: app ${inputs.app}`;
    if (inputs.adopt !== undefined && !containsUnknown(inputs.adopt)) {
      const [, adoptApp, webhookId] = ADOPT_ID.exec(inputs.adopt) as unknown as [string, string, string];
      try {
        await adoptableWebhook(this.context, inputs.app, adoptApp, webhookId);
      } catch (error) {
        return [preflightFailure(error, "adopt")];
      }
      this.context.tell(
        `${where}: will adopt webhook ${webhookId} named by adopt (origin adopted-by-id) instead of creating ` +
          "one; from then on destroy deletes it unless the resource has retainOnDelete",
      );
      return [];
    }
    let listed: HerokuWebhook[];
    try {
      listed = await appWebhooks(this.context, inputs.app);
    } catch (error) {
      return [preflightFailure(error, "app")];
    }
    const existing = containsUnknown(inputs.url) ? undefined : listed.find(({ url }) => url === inputs.url);
    if (existing !== undefined) {
      this.context.tell(
        `${where}: will adopt existing webhook ${existing.id}, which already has this URL (origin ` +
          "adopted-by-url); from then on destroy deletes it unless the resource has retainOnDelete",
      );
    }
    return [];
  }

  async diff(_id: string, olds: AppWebhookState, news: AppWebhookInputs): Promise<pulumi.dynamic.DiffResult> {
    // The same app written by id instead of name (or the reverse) is no move.
    const sameApp = news.app === olds.appId || news.app === olds.appName;
    const replaces = differs("app", olds, news) && !sameApp ? ["app"] : [];
    const changed = UPDATABLE_FIELDS.filter((field) => differs(field, olds, news));
    return { changes: replaces.length > 0 || changed.length > 0, replaces, deleteBeforeReplace: false };
  }

  async create(inputs: AppWebhookInputs): Promise<pulumi.dynamic.CreateResult<AppWebhookState>> {
    const { webhook, origin, generatedSecret } = inputs.adopt
      ? await this.adopt(inputs, inputs.adopt)
      : await this.findOrCreate(inputs);
    return { id: webhook.id, outs: { ...stateOf(inputs, webhook, generatedSecret), origin } };
  }

  async read(id: string, props?: AppWebhookState): Promise<pulumi.dynamic.ReadResult<AppWebhookState>> {
    if (!props) return { id: "" };
    return withStoredCredentials(this.context, () =>
      readUnlessDeleted(async () => {
        const webhook = await repeatWhileTransient(() => this.context.heroku().getWebhook(props.appId, id));
        return { id, props: withOrigin(stateOf(props, webhook, props.signingSecret), props.origin) };
      }),
    );
  }

  async update(
    id: string,
    olds: AppWebhookState,
    news: AppWebhookInputs,
  ): Promise<pulumi.dynamic.UpdateResult<AppWebhookState>> {
    const changes = changesBetween(olds, news);
    if (Object.keys(changes).length === 0) return { outs: { ...olds, ...news } };
    const { webhook, generatedSecret } = await repeatWhileTransient(() =>
      this.context.heroku().updateWebhookReadingSecret(olds.appId, id, changes),
    );
    // Heroku keeps the secret it generated until a secret is given; a given one is never replaced.
    const signingSecret = news.secret === undefined ? (generatedSecret ?? olds.signingSecret) : undefined;
    return { outs: withOrigin(stateOf(news, webhook, signingSecret), olds.origin) };
  }

  /**
   * What `pulumi import` reads (the provider plugin's door; dynamic resources cannot be imported): the
   * webhook named by `<app>/<webhook id>` or Terraform's `<app>:<webhook id>`, and the inputs that
   * describe it. Heroku never shows a webhook's `secret` or `authorization`, so the inputs hold neither
   * and none is invented: a program that gives them sends them on its next `up`.
   */
  async importById(id: string): Promise<{ id: string; props: AppWebhookState; inputs: AppWebhookInputs }> {
    const match = ADOPT_ID.exec(id);
    if (!match) {
      throw new Error(
        `import id ${JSON.stringify(id)} is not "<app>/<webhook id>" or "<app>:<webhook id>" ` +
          '(e.g. "billing-api/01234567-89ab-cdef-0123-456789abcdef"); `heroku webhooks -a <app>` lists the ids',
      );
    }
    const [, app, webhookId] = match as unknown as [string, string, string];
    const webhook = await repeatWhileTransient(() => this.context.heroku().getWebhook(app, webhookId));
    const state = stateOf({ app, url: webhook.url, entities: {}, level: webhook.level }, webhook);
    const inputs: AppWebhookInputs = { app, url: state.url, entities: state.entities, level: state.level };
    return { id: webhook.id, props: withOrigin(state, "adopted-by-id"), inputs };
  }

  /** Deletes the webhook, adopted or not: `retainOnDelete` is how a stack leaves an adopted one in place. */
  async delete(id: string, props: AppWebhookState): Promise<void> {
    await withStoredCredentials(this.context, () =>
      repeatWhileTransient(() =>
        ignoringNotFound(() => this.context.heroku().deleteWebhook(props.appId, id)),
      ),
    );
  }

  /**
   * Creates the webhook unless the app already has one with this URL, which is adopted instead; settles
   * unclear creations and removes duplicates (see `ensureOneWebhook`).
   */
  private async findOrCreate(inputs: AppWebhookInputs): Promise<Adopted> {
    const heroku = this.context.heroku();
    const ensured = await ensureOneWebhook(heroku, inputs.app, desiredSettings(inputs), {
      settleMs: this.context.creationSettleMs(),
      listed: await takeAppWebhooks(this.context, inputs.app),
    });
    const { webhook, origin } = ensured;
    const where = `heroku:AppWebhook: app ${webhook.app.name}`;
    if (ensured.unclearCreations > 0) {
      this.context.tell(
        `${where}: ${ensured.unclearCreations} creation(s) of webhook ${webhook.id} got no clear answer; ` +
          `settled in this run by listing the app's webhooks (origin ${origin})`,
      );
    }
    if (origin === "adopted-by-url") {
      this.context.tell(
        `${where}: adopted existing webhook ${webhook.id}, which already had this URL, instead of ` +
          "creating one (origin adopted-by-url); destroy deletes it unless the resource has retainOnDelete",
      );
    }
    this.tellRemoved(where, webhook.id, ensured.removedDuplicates);
    const desired = await this.bringToDesired(inputs, webhook);
    // The secret Heroku generated comes with the creation's answer, or with a PATCH that made a new one.
    const generatedSecret = desired.generatedSecret ?? ensured.generatedSecret;
    return generatedSecret === undefined
      ? { webhook: desired.webhook, origin }
      : { webhook: desired.webhook, origin, generatedSecret };
  }

  private tellRemoved(where: string, kept: string, removed: readonly string[]): void {
    if (removed.length === 0) return;
    this.context.tell(
      `warning: ${where}: deleted ${removed.length} other webhook(s) with the same URL (${removed.join(", ")}), ` +
        `which delivered every event a second time; kept ${kept}`,
    );
  }

  private async adopt(inputs: AppWebhookInputs, adopt: string): Promise<Adopted> {
    const [, app, webhookId] = ADOPT_ID.exec(adopt) as unknown as [string, string, string];
    const heroku = this.context.heroku();
    const webhook = await adoptableWebhook(this.context, inputs.app, app, webhookId, true);
    const adopted = await this.bringToDesired(inputs, webhook);
    const where = `heroku:AppWebhook: app ${webhook.app.name}`;
    this.context.tell(
      `${where}: adopted webhook ${webhook.id} named by adopt (origin adopted-by-id); destroy deletes it ` +
        "unless the resource has retainOnDelete",
    );
    this.tellRemoved(where, webhook.id, await removeCopies(heroku, webhook.app.id, inputs.url, webhook.id));
    return { ...adopted, origin: "adopted-by-id" };
  }

  /**
   * Patches an adopted webhook to the declared settings; the write-only secrets are always sent. Without
   * a `secret`, the webhook keeps the one it had, which Heroku never shows: no `signingSecret` then.
   */
  private async bringToDesired(
    inputs: AppWebhookInputs,
    webhook: HerokuWebhook,
  ): Promise<CreatedHerokuWebhook> {
    const changes: HerokuWebhookChanges = {};
    if (webhook.url !== inputs.url) changes.url = inputs.url;
    const entities = entityListOf(inputs.entities);
    if (!sameEntities(webhook.include, entities)) changes.include = entities;
    if (webhook.level !== inputs.level) changes.level = inputs.level;
    if (inputs.secret !== undefined) changes.secret = inputs.secret;
    if (inputs.authorization !== undefined) changes.authorization = inputs.authorization;
    if (Object.keys(changes).length === 0) return { webhook };
    return repeatWhileTransient(() =>
      this.context.heroku().updateWebhookReadingSecret(webhook.app.id, webhook.id, changes),
    );
  }
}

/** A webhook this resource now manages, and how it came to. */
interface Adopted extends CreatedHerokuWebhook {
  readonly origin: WebhookOrigin;
}

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const appWebhookProvider = storedProvider(APP_WEBHOOK_TYPE);

/**
 * The outputs every Heroku app webhook resource has: {@link AppWebhook}, and `sentry.ReleaseWebhook`, which
 * is an app webhook with entities and level pinned for Sentry.
 */
export abstract class AppWebhookResource extends pulumi.dynamic.Resource {
  /** The webhook's id in Heroku. */
  declare readonly webhookId: pulumi.Output<string>;
  /** The app's id. */
  declare readonly appId: pulumi.Output<string>;
  /** The app's name. */
  declare readonly appName: pulumi.Output<string>;
  /** The entities Heroku delivers, as a set: `{ "api:build": true, "dyno": true }` (`mapping.entityListOf` lists them). */
  declare readonly entities: pulumi.Output<EntitySet>;
  /** The delivery level. */
  declare readonly level: pulumi.Output<WebhookLevel>;
  /** The delivery URL (secret). */
  declare readonly url: pulumi.Output<string>;
  /**
   * How the webhook came under this resource: `created`, `adopted-by-url` (the app already had a webhook
   * with this URL) or `adopted-by-id` (named by `adopt`). `destroy` deletes it whatever the origin.
   */
  declare readonly origin: pulumi.Output<WebhookOrigin>;
}

/**
 * A Heroku app webhook: Heroku POSTs the chosen entities' events to `url`.
 *
 * Everything but the app updates in place. `url`, `secret`, `authorization` and `signingSecret` are secrets
 * in state.
 * Refresh sees changes made outside Pulumi to the URL, entities and level, and drops a webhook deleted
 * outside Pulumi so the next `up` recreates it.
 *
 * @example
 * new heroku.AppWebhook("billing-alerts", {
 *   app: "billing-api",
 *   url: alertSource.webhookUrl,
 *   entities: ["api:build", "dyno"],
 * });
 */
export class AppWebhook extends AppWebhookResource {
  /**
   * The secret Heroku signs deliveries with (`Heroku-Webhook-Hmac-SHA256`) when it generated it, because
   * `secret` was not given (secret); undefined when `secret` is given, and for an adopted webhook whose
   * secret Heroku never showed.
   */
  declare readonly signingSecret: pulumi.Output<string | undefined>;

  constructor(name: string, args: AppWebhookArgs, opts?: pulumi.CustomResourceOptions) {
    const resource = { type: APP_WEBHOOK_TYPE.token, name };
    super(
      appWebhookProvider,
      name,
      {
        app: args.app,
        url: pulumi.secret(args.url),
        entities: resolvedEntities(resource, args.entities ?? DEFAULT_ENTITIES),
        level: args.level ?? DEFAULT_LEVEL,
        // Left out when not given rather than passed as undefined: the SDK makes four promises, each with
        // a stack trace, for every property a resource registers, which at 500 apps is program time.
        ...withoutUndefined({
          secret: args.secret === undefined ? undefined : pulumi.secret(args.secret),
          authorization: args.authorization === undefined ? undefined : pulumi.secret(args.authorization),
          adopt: args.adopt,
        }),
        webhookId: undefined,
        appId: undefined,
        appName: undefined,
        signingSecret: undefined,
        origin: undefined,
      },
      pulumi.mergeOptions(opts, {
        additionalSecretOutputs: ["url", "secret", "authorization", "signingSecret"],
      }),
      APP_WEBHOOK_TYPE.module,
      APP_WEBHOOK_TYPE.name,
    );
  }
}

/**
 * The one resolution of a webhook's entities: the set the state keeps, with the warnings (a retired
 * entity left out) shown in the program. A selection that does not resolve is passed on as it is, so
 * `check` reports what is wrong with it.
 */
function resolvedEntities(
  resource: { readonly type: string; readonly name: string },
  selection: pulumi.Input<EntitySelection>,
): pulumi.Input<unknown> {
  const resolve = (value: EntitySelection): unknown => {
    const resolution = resolveEntitySet(value);
    if (!resolution.ok) return value;
    resolution.warnings.forEach((warning) => warnAbout(resource, warning));
    return resolution.entities;
  };
  // A selection written out (a preset or a list of names, as a fleet passes each app's) resolves here:
  // an Output and its apply per webhook are program time in every preview of a big fleet.
  const written =
    typeof selection === "string" ||
    (Array.isArray(selection) && selection.every((entity) => typeof entity === "string"));
  return written ? resolve(selection as EntitySelection) : pulumi.output(selection).apply(resolve);
}
