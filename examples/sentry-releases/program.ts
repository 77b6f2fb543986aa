import * as pulumi from "@pulumi/pulumi";
import { HerokuSentryReleases, type SentryHookByToken, type SentryHookByUrl } from "pulumi-heroku-squadcast";

/** What the example wires; every field falls back to stack config, then to the sandbox's fixture. */
export interface SentryReleasesProgramOptions {
  /** The Heroku apps whose releases Sentry tracks. Default: config `apps` (a list), else `["demo-app"]`. */
  readonly apps?: readonly string[];
}

/** The stack outputs of the example. */
export interface SentryReleasesProgramOutputs {
  /** Each app's release webhook id in Heroku, by app. */
  readonly webhooks: pulumi.Output<Record<string, string>>;
}

/**
 * Heroku releases of some apps sent to one Sentry project's Heroku release hook. A function, so tests
 * can run the same program inline.
 *
 * Config (`pulumi config set …`):
 * - `sentryWebhookSecret` (secret, required): the Webhook Secret of Project Settings → Legacy
 *   Integrations → Heroku.
 * - `sentryHookUrl` (secret): the hook URL shown on the same page; or, instead of it,
 * - `sentryUrl`, `sentryProjectId` and `sentryReleaseToken` (secret), from which the URL is computed
 *   (this is how the README runs it against the sandbox).
 * - `apps` (optional list): the apps; default `["demo-app"]`.
 */
export function sentryReleasesProgram(
  options: SentryReleasesProgramOptions = {},
): SentryReleasesProgramOutputs {
  const config = new pulumi.Config();
  const releases = new HerokuSentryReleases("releases", {
    apps: options.apps ?? config.getObject<string[]>("apps") ?? ["demo-app"],
    webhookSecret: config.requireSecret("sentryWebhookSecret"),
    ...sentryHook(config),
  });
  return { webhooks: releases.webhooks };
}

/** The hook URL as Sentry shows it, else what it is computed from. */
function sentryHook(config: pulumi.Config): SentryHookByUrl | SentryHookByToken {
  const hookUrl = config.getSecret("sentryHookUrl");
  if (hookUrl !== undefined) return { hookUrl };
  return {
    project: {
      baseUrl: config.require("sentryUrl"),
      projectId: config.require("sentryProjectId"),
      releaseToken: config.requireSecret("sentryReleaseToken"),
    },
  };
}
