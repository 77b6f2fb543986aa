import { createHmac } from "node:crypto";

/**
 * The signature segment of a Sentry release-hook URL: lowercase hex of HMAC-SHA256 keyed with the
 * project's release token over `heroku-<projectId>`, as Sentry's `ProjectReleasesTokenEndpoint` computes it.
 */
export function sentryHookSignature(projectId: string | number, releaseToken: string): string {
  return createHmac("sha256", releaseToken).update(`heroku-${projectId}`).digest("hex");
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
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/api/hooks/release/heroku/${projectId}/${sentryHookSignature(projectId, releaseToken)}/`;
}
