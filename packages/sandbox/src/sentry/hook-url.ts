import { createHmac } from "node:crypto";

/**
 * The signature segment of a Sentry release-hook URL. Sentry's `ProjectReleasesTokenEndpoint` signs
 * `heroku-<project id>` with HMAC-SHA256 keyed by the project's release token and writes it as lowercase
 * hex (getsentry/sentry `src/sentry/releases/endpoints/project_releases_token.py`).
 *
 * @param projectId the numeric project id.
 * @param releaseToken the project's release token.
 */
export function sentryHookSignature(projectId: string | number, releaseToken: string): string {
  return createHmac("sha256", releaseToken)
    .update(`heroku-${String(projectId)}`, "utf8")
    .digest("hex");
}

/**
 * The URL Heroku must POST release webhooks to for a Sentry project:
 * `<baseUrl>/api/hooks/release/heroku/<projectId>/<signature>/`. The URL is a bearer credential.
 *
 * @param baseUrl the Sentry host, such as `https://us.sentry.io` or the sandbox's `urls.sentry`.
 * @param projectId the numeric project id.
 * @param releaseToken the project's release token.
 */
export function sentryHookUrl(baseUrl: string, projectId: string | number, releaseToken: string): string {
  const signature = sentryHookSignature(projectId, releaseToken);
  return `${baseUrl.replace(/\/+$/, "")}/api/hooks/release/heroku/${String(projectId)}/${signature}/`;
}
