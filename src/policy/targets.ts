/**
 * How the policies recognize this library's resources and where a webhook delivers. Policies see a
 * resource as its type token, its URN and plain property values (secrets arrive decrypted), never as the
 * classes of this package.
 */

/** The type token of `heroku.AppWebhook` as the engine records it. */
export const APP_WEBHOOK_TYPE = "pulumi-nodejs:dynamic/heroku:AppWebhook";
/** The type token of `sentry.ReleaseWebhook` (a Heroku app webhook posting to Sentry) as the engine records it. */
export const RELEASE_WEBHOOK_TYPE = "pulumi-nodejs:dynamic/sentry:ReleaseWebhook";
/** The type token of `squadcast.AlertSource` as the engine records it. */
export const ALERT_SOURCE_TYPE = "pulumi-nodejs:dynamic/squadcast:AlertSource";
/** The type token of `HerokuSquadcastIntegration`. */
export const INTEGRATION_TYPE = "heroku-squadcast:index:Integration";
/** The type token of `HerokuSquadcastFleet`. */
export const FLEET_TYPE = "heroku-squadcast:index:Fleet";

/** The components whose webhooks always deliver to a Squadcast alert source. */
const SQUADCAST_COMPONENT_TYPES: readonly string[] = [INTEGRATION_TYPE, FLEET_TYPE];

/**
 * The types of a resource and of its ancestors, outermost first, read from its URN
 * (`urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`).
 */
function typeChainOf(urn: string): string[] {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts[2].split("$") : [];
}

/**
 * Whether a URL is a Squadcast alert-source webhook: a host under `squadcast.com`, or Squadcast's
 * ingestion path `/v<N>/incidents/<alert source>/<key>` on any host (the sandbox serves the same paths).
 */
function isSquadcastWebhookUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    /(^|\.)squadcast\.com$/i.test(parsed.hostname) ||
    /^\/v\d+\/incidents\/[^/]+\/[^/]+\/?$/.test(parsed.pathname)
  );
}

/** Whether a host is a loopback address, where plain http never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Reads a property that may be unknown during a preview. `@pulumi/policy` throws an error carrying
 * `unknownTypeSentinel` when a policy touches such a value; this returns {@link NOT_KNOWN} instead.
 */
export function known<T>(read: () => T): T | typeof NOT_KNOWN {
  try {
    return read();
  } catch (error) {
    if (isUnknownValueError(error)) return NOT_KNOWN;
    throw error;
  }
}

/** What {@link known} returns for a value that is not known yet. */
export const NOT_KNOWN: unique symbol = Symbol("not known until the resources it depends on exist");

function isUnknownValueError(error: unknown): boolean {
  return error instanceof Error && "unknownTypeSentinel" in error;
}

/** Where an app webhook delivers, as far as a policy can tell. */
export type WebhookTarget = "squadcast" | "elsewhere" | "not known";

/** What a policy knows about an app webhook. */
export interface WebhookFacts {
  /** The webhook's URN. */
  readonly urn: string;
  /** Reads its `url`; throws during a preview when the URL is not known yet. */
  readonly readUrl: () => unknown;
  /** Whether its `url` is an output of a Squadcast alert source (known to stack policies only). */
  readonly urlFromAlertSource?: boolean;
}

/**
 * Decides whether an app webhook delivers to Squadcast. The URL decides when it is known (policies
 * receive secret values decrypted). During a preview the URL of a new alert source is not known yet;
 * then a webhook whose URL comes from an alert source, or that `HerokuSquadcastIntegration` or
 * `HerokuSquadcastFleet` made (read from the URN's type chain), counts as delivering to Squadcast, and
 * any other is "not known".
 */
export function webhookTarget(webhook: WebhookFacts): WebhookTarget {
  const url = known(webhook.readUrl);
  if (typeof url === "string") return isSquadcastWebhookUrl(url) ? "squadcast" : "elsewhere";
  if (webhook.urlFromAlertSource) return "squadcast";
  const parents = typeChainOf(webhook.urn).slice(0, -1);
  return parents.some((type) => SQUADCAST_COMPONENT_TYPES.includes(type)) ? "squadcast" : "not known";
}
