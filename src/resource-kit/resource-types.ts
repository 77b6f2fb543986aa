/**
 * The type of one dynamic resource: the Pulumi module and name its resources are registered under, and
 * the token (`module:name`) that the serialized stub in its state carries and the composition root
 * (`src/provider/implementations.ts`) maps to the implementation.
 *
 * The tokens are written into the state of every stack: renaming one strands that state, so they are
 * permanent. Each is spelled here and nowhere else.
 */
export interface ResourceType {
  /** The Pulumi module, the first part of the token. */
  readonly module: string;
  /** The resource's name within the module. */
  readonly name: string;
  /** `module:name`. */
  readonly token: string;
}

function resourceType(module: string, name: string): ResourceType {
  return { module, name, token: `${module}:${name}` };
}

/** `heroku.AppWebhook`. */
export const APP_WEBHOOK_TYPE = resourceType("heroku", "AppWebhook");

/** `squadcast.AlertSource`. */
export const ALERT_SOURCE_TYPE = resourceType("squadcast", "AlertSource");

/** `squadcast.DedupKeyOverlay`. */
export const DEDUP_KEY_OVERLAY_TYPE = resourceType("squadcast", "DedupKeyOverlay");

/** `sentry.ReleaseWebhook`. */
export const RELEASE_WEBHOOK_TYPE = resourceType("sentry", "ReleaseWebhook");
