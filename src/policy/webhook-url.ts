import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { ALERT_SOURCE_TYPE, APP_WEBHOOK_TYPE, RELEASE_WEBHOOK_TYPE, isLoopbackHost } from "./targets";
import type { HerokuSquadcastResourcePolicy } from "./types";

/** The configuration of {@link webhookUrlPolicy}. */
export interface WebhookUrlPolicyConfig {
  /**
   * Accept `http://` URLs on loopback addresses (`localhost`, `127.0.0.1`, `[::1]`), as the local
   * sandbox serves.
   *
   * @defaultValue false
   */
  readonly allowLoopbackHttp?: boolean;
}

/**
 * Webhook URLs are https and secret: every Heroku app webhook (`heroku.AppWebhook`,
 * `sentry.ReleaseWebhook`) delivers over https and marks its URL as a secret output, and so does every
 * `squadcast.AlertSource` for the webhook URL it hands out (which carries the service's key).
 *
 * Policies receive secret values decrypted and cannot see whether a program wrapped an input in
 * `pulumi.secret`, so "secret" is checked on what the engine enforces: the resource's
 * `additionalSecretOutputs`, which makes the engine encrypt the value in state and mask it in output.
 * Mandatory by default; violations never repeat the URL.
 */
export const webhookUrlPolicy: HerokuSquadcastResourcePolicy = {
  name: "heroku-webhook-url-https-secret",
  displayName: "Webhook URLs are https and secret",
  description: "Every Heroku app webhook delivers over https, and every webhook URL is a secret output.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      allowLoopbackHttp: {
        type: "boolean",
        default: false,
        description: "Accept http:// URLs on loopback addresses, as the local sandbox serves.",
      },
    },
  },
  remediationSteps:
    "Use the alert source's https webhook URL; do not override additionalSecretOutputs of " +
    "heroku.AppWebhook, sentry.ReleaseWebhook or squadcast.AlertSource.",
  validateResource: validateWebhookUrl,
};

function validateWebhookUrl(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  const secretOutputs = args.opts.additionalSecretOutputs ?? [];
  if (args.type === ALERT_SOURCE_TYPE) {
    if (!secretOutputs.includes("webhookUrl")) {
      reportViolation(
        `alert source "${args.name}" does not list webhookUrl in additionalSecretOutputs, so the ` +
          "service's key would be stored in state as plain text",
      );
    }
    return;
  }
  if (args.type !== APP_WEBHOOK_TYPE && args.type !== RELEASE_WEBHOOK_TYPE) return;
  if (!secretOutputs.includes("url")) {
    reportViolation(
      `webhook "${args.name}" does not list url in additionalSecretOutputs, so the URL and any key in ` +
        "it would be stored in state as plain text",
    );
  }
  // During a preview a URL from a new alert source is not known: @pulumi/policy then throws here and
  // reports that the check runs at `pulumi up`.
  const url: unknown = args.props.url;
  if (typeof url !== "string") return;
  const { allowLoopbackHttp = false } = args.getConfig<WebhookUrlPolicyConfig>();
  const problem = httpsProblem(url, allowLoopbackHttp);
  if (problem) reportViolation(`webhook "${args.name}": ${problem}`);
}

/** What is wrong with a webhook URL's scheme, without repeating the URL: it may carry a key. */
function httpsProblem(url: string, allowLoopbackHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "url is not an absolute URL";
  }
  if (parsed.protocol === "https:") return undefined;
  if (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname)) {
    return allowLoopbackHttp
      ? undefined
      : "url uses plain http to a loopback address; set allowLoopbackHttp in the policy config to accept the local sandbox";
  }
  return `url uses ${parsed.protocol.replace(/:$/, "")}, not https: deliveries would cross the network unencrypted`;
}
