import * as pulumi from "@pulumi/pulumi";
import { AppWebhookProvider, AppWebhookResource, type WebhookLevel } from "../heroku/app-webhook";
import type { AppWebhookInputs, AppWebhookState } from "../heroku/app-webhook-state";
import type { EntitySet } from "../mapping";
import { onePerProperty } from "../resource-kit/check-failures";
import { RELEASE_WEBHOOK_TYPE } from "../resource-kit/resource-types";
import { storedProvider } from "../resource-kit/stored-provider";
import { containsUnknown } from "../resource-kit/unknown";
import { sentryReleaseHookUrlProblem } from "../clients/sentry/hook-url";

// ---------------------------------------------------------------------------------------------------
// Arguments and outputs
// ---------------------------------------------------------------------------------------------------

/**
 * The entities of a release webhook: Sentry reads only releases (their slug's commit); every other
 * entity would be posted to Sentry for nothing.
 */
export const SENTRY_RELEASE_ENTITIES: Readonly<EntitySet> = Object.freeze({ "api:release": true });

/**
 * The level of a release webhook. `notify` is what Sentry's own setup text uses
 * (`heroku webhooks:add -i api:release -l notify`); `sync` would buy nothing, because Sentry answers 204
 * even when it drops a delivery, and its rare 5xx (a missing signature, a malformed body) would fail
 * again on every retry.
 */
export const SENTRY_RELEASE_LEVEL: WebhookLevel = "notify";

/** The arguments of a {@link ReleaseWebhook}. */
export interface ReleaseWebhookArgs {
  /** The Heroku app, by name or id. Changing it replaces the webhook. */
  readonly app: pulumi.Input<string>;
  /**
   * The Sentry project's Heroku release hook URL, from Sentry's Project Settings → Legacy Integrations →
   * Heroku (the `heroku webhooks:add … -u <url>` command shown there), or computed with
   * `sentryReleaseHookUrl`. Must be https (plain http only to a loopback address such as the sandbox) and
   * end in `/api/hooks/release/heroku/<numeric project id>/<signature>/`. Always stored as a secret: it
   * is a bearer credential. Updated in place.
   */
  readonly url: pulumi.Input<string>;
  /**
   * The Sentry project's webhook secret: the value of the Webhook Secret field on the same Sentry page.
   * Heroku signs every delivery with it and Sentry silently drops any delivery whose signature does not
   * match, so it is required. Sentry keeps one secret per project: every app sending releases to the
   * project uses the same one. Stored as a secret. Updated in place.
   */
  readonly secret: pulumi.Input<string>;
  /**
   * Take over an existing webhook of the app, as `"<app>/<webhook id>"`, instead of creating one (for
   * example the one `heroku webhooks:add` made). Without it, a webhook of the app with the same URL is
   * adopted anyway.
   *
   * @defaultValue none
   */
  readonly adopt?: pulumi.Input<string>;
}

// ---------------------------------------------------------------------------------------------------
// Provider
// ---------------------------------------------------------------------------------------------------

const SECRET_REQUIRED =
  "secret is required: paste the Webhook Secret from Sentry's Project Settings → Legacy Integrations → Heroku " +
  "(Sentry drops every delivery that is not signed with it)";

/**
 * The CRUD implementation behind {@link ReleaseWebhook}: an {@link AppWebhookProvider} whose `check` pins
 * the entities and level Sentry expects and requires a Sentry hook URL and the project's secret. Create,
 * read, update, delete and diff are the app webhook's, so both behave the same (adoption, drift, 404s).
 *
 * @internal The provider side, not part of the public API.
 */
export class ReleaseWebhookProvider extends AppWebhookProvider {
  override async checkInputs(
    olds: AppWebhookInputs,
    news: AppWebhookInputs,
  ): Promise<pulumi.dynamic.CheckResult> {
    const secretMissing = news.secret === undefined || news.secret === null || news.secret === "";
    const pinned: AppWebhookInputs = {
      ...news,
      entities: SENTRY_RELEASE_ENTITIES,
      level: SENTRY_RELEASE_LEVEL,
      // The app webhook's own advice for an empty secret ("omit it") is wrong here.
      secret: secretMissing ? undefined : news.secret,
    };
    const result = await super.checkInputs(olds, pinned);
    const failures = [...(result.failures ?? [])];
    if (secretMissing) failures.push({ property: "secret", reason: SECRET_REQUIRED });
    if (typeof news.url === "string" && !containsUnknown(news.url)) {
      const problem = sentryReleaseHookUrlProblem(news.url);
      if (problem !== undefined) failures.push({ property: "url", reason: problem });
    }
    if (failures.length === 0) return result;
    return { inputs: result.inputs ?? pinned, failures: onePerProperty(failures) };
  }
}

/**
 * What the state of a {@link ReleaseWebhook} holds: the same as an app webhook's.
 *
 * @internal The provider side, not part of the public API.
 */
export type ReleaseWebhookState = AppWebhookState;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const releaseWebhookProvider = storedProvider(RELEASE_WEBHOOK_TYPE);

/**
 * Sentry release tracking for one Heroku app: an app webhook that sends the app's releases
 * (`api:release`, level `notify`) to a Sentry project's Heroku release hook, signed with the project's
 * webhook secret. Sentry then records a release per deployed commit, and a deploy when the deployer's
 * e-mail belongs to a Sentry user.
 *
 * Both values are on one Sentry page: Project Settings → Legacy Integrations → Heroku. The hook URL is
 * in the setup instructions (the `heroku webhooks:add … -u <url>` command); the secret is the Webhook
 * Secret field (set one there if it is empty). The plugin must be enabled and its repository set.
 *
 * Everything but the app updates in place; `url` and `secret` are secrets in state.
 *
 * @example
 * new sentry.ReleaseWebhook("api-releases", {
 *   app: "billing-api",
 *   url: config.requireSecret("sentryHookUrl"),
 *   secret: config.requireSecret("sentryWebhookSecret"),
 * });
 */
export class ReleaseWebhook extends AppWebhookResource {
  constructor(name: string, args: ReleaseWebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      releaseWebhookProvider,
      name,
      {
        app: args.app,
        url: pulumi.secret(args.url),
        entities: SENTRY_RELEASE_ENTITIES,
        level: SENTRY_RELEASE_LEVEL,
        secret: pulumi.secret(args.secret),
        adopt: args.adopt,
        webhookId: undefined,
        appId: undefined,
        appName: undefined,
        origin: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["url", "secret"] }),
      RELEASE_WEBHOOK_TYPE.module,
      RELEASE_WEBHOOK_TYPE.name,
    );
  }
}
