import { recordRegistrations, type Registration } from "../../support/recording-mocks";

export { unwrapped, valueOf, type Registration } from "../../support/recording-mocks";

export const RELEASE_WEBHOOK = "pulumi-nodejs:dynamic/sentry:ReleaseWebhook";
export const SENTRY_RELEASES = "heroku-squadcast:index:SentryReleases";

/** The id the mock gives an app's release webhook. */
export function webhookIdOf(app: unknown): string {
  return `webhook-of-${String(app)}`;
}

/**
 * Records every registration (emptied before each test); release webhooks get {@link webhookIdOf} their
 * app, anything else throws.
 */
export function installReleaseWebhookMocks(): Registration[] {
  return recordRegistrations((args) => {
    if (args.type === SENTRY_RELEASES) return { id: undefined, state: {} };
    if (args.type !== RELEASE_WEBHOOK) throw new Error(`Mock resource not implemented: ${args.type}`);
    const webhookId = webhookIdOf(args.inputs.app);
    return { id: webhookId, state: { ...args.inputs, webhookId } };
  });
}
