import { sentryHookSignature, sentryReleaseHookUrl } from "../../sentry/hook-url";

// The computation lives in the library, so library code never depends on the sandbox.
export { sentryHookSignature };

/**
 * The URL Heroku must POST release webhooks to for a Sentry project:
 * `<baseUrl>/api/hooks/release/heroku/<projectId>/<signature>/`. The URL is a bearer credential.
 * Same as the library's `sentryReleaseHookUrl`, with positional arguments.
 *
 * @param baseUrl the Sentry host, such as `https://us.sentry.io` or the sandbox's `urls.sentry`.
 * @param projectId the numeric project id.
 * @param releaseToken the project's release token.
 */
export function sentryHookUrl(baseUrl: string, projectId: string | number, releaseToken: string): string {
  return sentryReleaseHookUrl({ baseUrl, projectId, releaseToken });
}
