import { createHmac, randomBytes } from "node:crypto";
import { requireHerokuApiKey, type ProviderSettings } from "../config";
import { HerokuClient } from "../clients/heroku/client";
import { createHttpClient, isApiError, isNotFoundError, redact, userAgent } from "../http";
import { attempt } from "./attempt";
import { deliveriesCheck } from "./deliveries";
import { maskUrl } from "./mask";
import type { VerifyCheck, VerifyReport } from "./types";

/** What {@link verifySentryReleases} checks: one Heroku app's release webhook to a Sentry project's hook. */
export interface SentryVerifyOptions {
  /** The Heroku app, by name or id. */
  readonly app: string;
  /** The Sentry release-hook URL the app's webhook should deliver to. A credential: never printed. */
  readonly hookUrl: string;
}

/**
 * Checks that a Heroku app's releases reach Sentry's Heroku release hook:
 *
 * 1. `webhook`: the app has a webhook delivering `api:release` to the hook URL;
 * 2. `deliveries`: its recent deliveries succeeded;
 * 3. `sentry-hook`: the hook still answers. It is posted a body whose signature is wrong on purpose, which
 *    Sentry drops without recording anything. A 404 or 410 means this Sentry no longer serves the hook
 *    (its Heroku plugin was removed: sentry.io disabled new installations on 2025-09-17 and announced
 *    removal for 2025-10-25); a 403 means the URL's signature is not the project's (the release token was
 *    regenerated) or the plugin is disabled on the project.
 *
 * A failed call fails its check with a one-line message; it never throws, and no detail holds the URL's
 * signature or a credential.
 *
 * @param options - the app and the hook URL.
 * @param settings - endpoints and credentials (the Heroku API key), e.g. from `verifySettingsFromEnv`.
 */
export async function verifySentryReleases(
  options: SentryVerifyOptions,
  settings: ProviderSettings,
): Promise<VerifyReport> {
  const secrets = [settings.heroku.apiKey, options.hookUrl, signatureOf(options.hookUrl)];
  const checks: VerifyCheck[] = [];
  const record = (check: VerifyCheck): void => {
    checks.push({ ...check, detail: redact(check.detail, secrets) });
  };
  const target = maskUrl(options.hookUrl);

  const webhook = await attempt("webhook", async () => {
    const heroku = new HerokuClient({
      apiKey: requireHerokuApiKey(settings),
      apiUrl: settings.heroku.apiUrl,
    });
    const app = await heroku.getApp(options.app).catch((error: unknown) => {
      if (isNotFoundError(error))
        throw new Error(`Heroku has no app ${options.app} that the API key's account can see`);
      throw error;
    });
    const found = (await heroku.listWebhooks(app.id)).find((hook) => hook.url === options.hookUrl);
    return { heroku, app, found };
  });
  if (!webhook.ok) {
    record(webhook.failure);
  } else {
    const { heroku, app, found } = webhook.value;
    if (found === undefined) {
      record({
        name: "webhook",
        ok: false,
        detail: `${app.name} has no webhook delivering to ${target}: run pulumi up (HerokuSentryReleases)`,
      });
    } else if (!found.include.includes("api:release")) {
      record({
        name: "webhook",
        ok: false,
        detail: `${app.name}'s webhook ${found.id} to ${target} does not deliver api:release, the only entity Sentry reads`,
      });
    } else {
      record({
        name: "webhook",
        ok: true,
        detail: `${app.name} delivers api:release to ${target} (webhook ${found.id})`,
      });
      const deliveries = await attempt("deliveries", async () =>
        deliveriesCheck(await heroku.listWebhookDeliveries(app.id), found.id),
      );
      record(deliveries.ok ? deliveries.value : deliveries.failure);
    }
  }

  record(await hookCheck(options.hookUrl, target));
  return { ok: checks.every((check) => check.ok), checks };
}

/** Posts a body signed with a throwaway key: Sentry checks the URL first, then drops the body unread. */
async function hookCheck(hookUrl: string, target: string): Promise<VerifyCheck> {
  const check = (ok: boolean, detail: string): VerifyCheck => ({ name: "sentry-hook", ok, detail });
  let parsed: URL;
  try {
    parsed = new URL(hookUrl);
  } catch {
    return check(false, "the hook URL is not a URL");
  }
  const body = JSON.stringify({ action: "verify", resource: "release", data: {} });
  const http = createHttpClient({
    api: "Sentry",
    baseUrl: parsed.origin,
    secrets: [signatureOf(hookUrl)],
    retries: 0,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": userAgent(),
      "Heroku-Webhook-Hmac-SHA256": createHmac("sha256", randomBytes(32)).update(body).digest("base64"),
    },
  });
  try {
    const response = await http.post(`${parsed.pathname}${parsed.search}`, body);
    return check(true, `Sentry's Heroku release hook at ${target} answers (${response.status})`);
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 410)) {
      return check(
        false,
        `Sentry answered ${error.status} at ${target}: this Sentry no longer serves the Heroku release hook ` +
          "(its Heroku plugin was removed; on sentry.io new installations stopped on 2025-09-17 and removal " +
          "was announced for 2025-10-25), or the project was deleted. Record releases with Sentry's " +
          "release API instead (see the README's Sentry section)",
      );
    }
    if (isApiError(error) && error.status === 403) {
      return check(
        false,
        `Sentry refused the hook URL (403) at ${target}: its signature does not match the project's release ` +
          "token (regenerated since?) or the Heroku plugin is disabled on the project; copy the URL again " +
          "from Project Settings → Legacy Integrations → Heroku",
      );
    }
    return check(false, error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
}

/** The last path segment of a hook URL, the signature that makes it a credential. */
function signatureOf(hookUrl: string): string | undefined {
  try {
    return new URL(hookUrl).pathname.split("/").filter(Boolean).at(-1);
  } catch {
    return undefined;
  }
}
