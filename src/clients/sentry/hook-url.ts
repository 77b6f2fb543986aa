import { createHmac } from "node:crypto";

/** What {@link sentryReleaseHookUrl} needs: where Sentry runs, which project, and that project's release token. */
export interface SentryReleaseHookUrlParts {
  /**
   * The Sentry host that serves the hook, such as `https://us.sentry.io` or `https://de.sentry.io` on
   * sentry.io, your own host when self-hosted, or the sandbox's `urls.sentry`. A trailing slash is ignored.
   */
  readonly baseUrl: string;
  /** The numeric project id (Project Settings → General Settings → Project ID), not the slug. */
  readonly projectId: string | number;
  /**
   * The project's release token, the key of the URL's signature. Regenerating it in Sentry invalidates
   * every hook URL of the project. A credential.
   */
  readonly releaseToken: string;
}

/**
 * The signature segment of a Sentry release-hook URL: lowercase hex of HMAC-SHA256 keyed with the
 * project's release token over `heroku-<projectId>`, as Sentry's `ProjectReleasesTokenEndpoint` computes it.
 *
 * @param projectId - the numeric project id.
 * @param releaseToken - the project's release token.
 */
export function sentryHookSignature(projectId: string | number, releaseToken: string): string {
  return createHmac("sha256", releaseToken).update(`heroku-${projectId}`).digest("hex");
}

/**
 * The URL Heroku must POST release webhooks to for a Sentry project,
 * `<baseUrl>/api/hooks/release/heroku/<projectId>/<signature>/`: the same URL Sentry shows under Project
 * Settings → Legacy Integrations → Heroku. Use it when you hold the release token rather than the URL.
 *
 * The URL is a bearer credential (anyone with it can post releases): wrap it in `pulumi.secret`.
 *
 * @example
 * const hookUrl = config.requireSecret("sentryReleaseToken").apply((releaseToken) =>
 *   sentryReleaseHookUrl({ baseUrl: "https://us.sentry.io", projectId: 4506001, releaseToken }),
 * );
 */
export function sentryReleaseHookUrl(parts: SentryReleaseHookUrlParts): string {
  const base = parts.baseUrl.replace(/\/+$/, "");
  const signature = sentryHookSignature(parts.projectId, parts.releaseToken);
  return `${base}/api/hooks/release/heroku/${parts.projectId}/${signature}/`;
}

// A path prefix is allowed: a self-hosted Sentry may be served below one.
const HOOK_PATH = /^(?:\/[^/]+)*\/api\/hooks\/release\/heroku\/([^/]+)\/([^/]+)(\/?)$/;

/**
 * What is wrong with a Sentry release-hook URL, as one sentence, or undefined when it has the shape
 * Sentry serves: `/api/hooks/release/heroku/<numeric project id>/<64 hex characters>/`, no query.
 *
 * The message never repeats the URL or any part of it: the URL is a credential. The scheme is not
 * checked here (the webhook's own check does it).
 *
 * @param url - the URL to check.
 */
export function sentryReleaseHookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // Not a URL at all: the generic URL check reports it.
  }
  const match = HOOK_PATH.exec(parsed.pathname);
  if (!match) {
    return (
      "url must be a Sentry Heroku release hook, ending in /api/hooks/release/heroku/<project id>/<signature>/: " +
      "copy it from Sentry's Project Settings → Legacy Integrations → Heroku"
    );
  }
  const [, projectId, signature, slash] = match as unknown as [string, string, string, string];
  if (!/^\d+$/.test(projectId)) {
    return "url must carry the numeric project id after /heroku/ (the project's slug does not work)";
  }
  if (!/^[0-9a-f]{64}$/.test(signature)) {
    return "url's signature segment must be 64 lowercase hex characters: it looks truncated or mistyped";
  }
  if (slash === "") {
    return "url must end with a slash, as Sentry shows it (older Sentry versions answer 404 without it)";
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    return "url must have no query string or fragment";
  }
  return undefined;
}
