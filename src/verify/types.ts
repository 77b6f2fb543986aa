import { resolveProviderSettings, type ProviderSettings } from "../config";
import type { ServiceReference } from "../clients/squadcast/service-reference";
import type { EntitySelection } from "../mapping";

/** What {@link verifyIntegration} checks: one Heroku app wired into one Squadcast service. */
export interface VerifyOptions {
  /** The Heroku app, by name or id. */
  readonly app: string;
  /** The Squadcast service: `{ id }` (with an optional `team` to check) or `{ name, team }`. */
  readonly service: ServiceReference;
  /**
   * The entities the webhook should deliver: a preset or a list, compared in any order.
   *
   * @defaultValue not compared (the check reports what the webhook delivers)
   */
  readonly entities?: EntitySelection;
  /**
   * The URL the webhook should deliver to.
   *
   * @defaultValue the service's Heroku alert-source URL, derived as the resources derive it
   * (`<Squadcast API>/v1/incidents/heroku/<service key>`)
   */
  readonly webhookUrl?: string;
  /**
   * Also post a clearly labelled test event (a failed, then a succeeded build of
   * `<app> [heroku-squadcast verify]`) straight to the Squadcast URL and confirm the incident opened and
   * closed. On a real Squadcast service this opens a real incident, which may page whoever is on
   * call before it is resolved.
   *
   * @defaultValue false
   */
  readonly sendTestEvent?: boolean;
  /**
   * Pause between the test event's trigger and resolve, so a real Squadcast (which processes alerts
   * asynchronously) sees them in order.
   *
   * @defaultValue 0 when confirming through a sandbox, else 5000 ms
   */
  readonly testEventResolveDelayMs?: number;
}

/** Endpoints and credentials for {@link verifyIntegration}. */
export interface VerifySettings extends ProviderSettings {
  /**
   * The admin URL of a sandbox (`SANDBOX_ADMIN_URL`): when set, the test event's incident is confirmed
   * through the sandbox's admin API.
   *
   * @defaultValue undefined (real Squadcast, which cannot confirm it)
   */
  readonly sandboxAdminUrl?: string;
}

/** The checks, in the order they run. */
export type VerifyCheckName =
  | "service"
  | "alert-source"
  | "webhook"
  | "entities"
  | "deliveries"
  | "deduplication"
  | "test-event"
  | "sentry-hook";

/** The outcome of one check. */
export interface VerifyCheck {
  /** Which check. */
  readonly name: VerifyCheckName;
  /** Whether it passed. */
  readonly ok: boolean;
  /** One line saying what was found and, on failure, what to do. Never holds a credential. */
  readonly detail: string;
}

/**
 * The outcome of {@link verifyIntegration}. A check that depends on a failed one (the webhook's
 * entities when there is no webhook) is left out rather than reported as a second failure.
 */
export interface VerifyReport {
  /** Whether every check passed. */
  readonly ok: boolean;
  /** The checks that ran, in order. */
  readonly checks: readonly VerifyCheck[];
}

/** The options given to {@link verifyIntegration} cannot be used; the message says which and why. */
export class VerifyOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyOptionsError";
  }
}

/**
 * Settings for {@link verifyIntegration} from the environment: the provider's variables
 * (`HEROKU_API_KEY`, `HEROKU_API_URL`, `SQUADCAST_REFRESH_TOKEN`, `SQUADCAST_REGION`, `SQUADCAST_API_URL`,
 * `SQUADCAST_AUTH_URL`) and `SANDBOX_ADMIN_URL`.
 *
 * @param env - the environment. Default: `process.env`.
 * @throws `InvalidSettingError` for an unknown region, a URL that is not http(s), or plain http to a host
 *   that is not a loopback address.
 */
export function verifySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): VerifySettings {
  const sandboxAdminUrl = env.SANDBOX_ADMIN_URL?.trim();
  return {
    ...resolveProviderSettings(() => undefined, env),
    ...(sandboxAdminUrl ? { sandboxAdminUrl: sandboxAdminUrl.replace(/\/+$/, "") } : {}),
  };
}
