import * as pulumi from "@pulumi/pulumi";
import { sentryReleaseHookUrl } from "../clients/sentry/hook-url";
import type { ReleaseWebhook } from "../sentry/release-webhook";
import { DYNAMIC_CHILDREN, type ChildResources } from "./children";

/**
 * Sentry release tracking for several Heroku apps that deploy to one Sentry project: one
 * {@link ReleaseWebhook} per app, all posting to the project's Heroku release hook and signed with the
 * project's one webhook secret (Sentry keeps a single secret per project).
 *
 * A separate component rather than an option of `HerokuSquadcastIntegration`: a Squadcast integration
 * is one app to one service, while a Sentry project is shared by every app that deploys its code, with
 * one URL and one secret for all of them. Children are named `<name>-<app>`, so adding or removing an
 * app creates or deletes only that app's webhook.
 *
 * Where the values are: Sentry's Project Settings → Legacy Integrations → Heroku shows the hook URL (in
 * the `heroku webhooks:add` command) and has the Webhook Secret field.
 *
 * @example
 * const config = new pulumi.Config();
 * const releases = new HerokuSentryReleases("releases", {
 *   apps: ["shop-web", "shop-worker"],
 *   hookUrl: config.requireSecret("sentryHookUrl"),
 *   webhookSecret: config.requireSecret("sentryWebhookSecret"),
 * });
 * export const webhooks = releases.webhooks;
 */
export class HerokuSentryReleases extends pulumi.ComponentResource {
  /** The release webhooks, by app. */
  readonly webhookResources: Readonly<Record<string, ReleaseWebhook>>;
  /** Each app's webhook id in Heroku, by app. */
  readonly webhooks: pulumi.Output<Record<string, string>>;
  /** The Sentry hook URL every webhook posts to (secret). */
  readonly hookUrl: pulumi.Output<string>;

  constructor(name: string, args: HerokuSentryReleasesArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before registering, so a mistake leaves no half-made component behind.
    const apps = checkedApps(name, args.apps);
    const hook = hookOf(name, args);
    super("heroku-squadcast:index:SentryReleases", name, {}, opts);

    const hookUrl = pulumi.secret(
      hook.project === undefined
        ? pulumi.output(hook.hookUrl)
        : pulumi
            .all([hook.project.baseUrl, hook.project.projectId, hook.project.releaseToken])
            .apply(([baseUrl, projectId, releaseToken]) =>
              sentryReleaseHookUrl({ baseUrl, projectId, releaseToken }),
            ),
    );
    const webhooks: Record<string, ReleaseWebhook> = {};
    for (const app of apps) {
      webhooks[app] = this.childResources().releaseWebhook(
        `${name}-${app}`,
        { app, url: hookUrl, secret: args.webhookSecret },
        { parent: this },
      );
    }
    this.webhookResources = webhooks;
    this.hookUrl = hookUrl;
    this.webhooks = pulumi.all(
      Object.fromEntries(Object.entries(webhooks).map(([app, webhook]) => [app, webhook.webhookId])),
    );
    this.registerOutputs({ webhooks: this.webhooks, hookUrl: this.hookUrl });
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

function checkedApps(name: string, apps: readonly string[] | undefined): readonly string[] {
  if (!Array.isArray(apps) || apps.length === 0) {
    throw new Error(`HerokuSentryReleases ${name} needs apps: at least one Heroku app name`);
  }
  const seen = new Set<string>();
  for (const app of apps) {
    if (typeof app !== "string" || app === "") {
      throw new Error(
        `HerokuSentryReleases ${name}: apps must be plain, non-empty strings (they name the webhooks)`,
      );
    }
    if (seen.has(app)) throw new Error(`HerokuSentryReleases ${name}: app ${app} is listed twice`);
    seen.add(app);
  }
  return apps;
}

/** The hook to use; checked at run time too, because a JavaScript caller may give both or neither. */
function hookOf(name: string, args: HerokuSentryReleasesArgs): SentryHookByUrl | SentryHookByToken {
  const byUrl = args.hookUrl !== undefined;
  const byToken = args.project !== undefined;
  if (byUrl === byToken) {
    throw new Error(
      `HerokuSentryReleases ${name}: give hookUrl (as Sentry shows it), or project (baseUrl, projectId and ` +
        "releaseToken), not both",
    );
  }
  return byUrl ? { hookUrl: args.hookUrl! } : { project: args.project! };
}

/** The Sentry project's hook, by the URL Sentry shows. */
export interface SentryHookByUrl {
  /**
   * The project's Heroku release hook URL, from Project Settings → Legacy Integrations → Heroku (in the
   * `heroku webhooks:add … -u <url>` command). Stored as a secret.
   */
  readonly hookUrl: pulumi.Input<string>;
  /** Not with `hookUrl`. */
  readonly project?: undefined;
}

/** The Sentry project's hook, computed from the project's release token (see `sentryReleaseHookUrl`). */
export interface SentryHookByToken {
  /** Where the hook is computed from. */
  readonly project: SentryProjectHook;
  /** Not with `project`. */
  readonly hookUrl?: undefined;
}

/** What a Sentry release hook URL is computed from. */
export interface SentryProjectHook {
  /** The Sentry host, such as `https://us.sentry.io`, or the sandbox's Sentry URL. */
  readonly baseUrl: pulumi.Input<string>;
  /** The numeric project id. */
  readonly projectId: pulumi.Input<string | number>;
  /** The project's release token (a credential; pass a secret). */
  readonly releaseToken: pulumi.Input<string>;
}

/** What every {@link HerokuSentryReleases} needs besides the hook. */
export interface SentryReleasesCommonArgs {
  /** The Heroku apps, by name or id; each names its webhook, so plain strings, each once. */
  readonly apps: readonly string[];
  /**
   * The Sentry project's webhook secret: the Webhook Secret field of Project Settings → Legacy
   * Integrations → Heroku. Every app's deliveries are signed with it. Stored as a secret.
   */
  readonly webhookSecret: pulumi.Input<string>;
}

/** The arguments of a {@link HerokuSentryReleases}: the apps, the secret, and `hookUrl` or `project`. */
export type HerokuSentryReleasesArgs = SentryReleasesCommonArgs & (SentryHookByUrl | SentryHookByToken);
