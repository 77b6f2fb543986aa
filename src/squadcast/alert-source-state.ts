// What an AlertSource's provider keeps in state: shapes and pure functions, kept apart from the provider's
// API work (as app-webhook-state.ts is for AppWebhook).

/**
 * The inputs the provider works with, after `check` applied defaults.
 *
 * @internal The provider side, not part of the public API.
 */
export interface AlertSourceInputs {
  /** The id of `AlertSourceArgs.service`. */
  readonly serviceId?: string;
  /** The name of `AlertSourceArgs.service`. */
  readonly serviceName?: string;
  /** The team of `AlertSourceArgs.service`. */
  readonly team?: string;
  /** `AlertSourceArgs.shortName`, `heroku` when omitted. */
  readonly shortName: string;
  /** The apps a component will wire to it (see `apps-to-check.ts`): only checked, never kept in the state. */
  readonly apps?: readonly string[];
}

/**
 * How an alert source came under a stack's management: `created` (this resource made it active) or
 * `adopted-by-url` (it was already active on the service, so its webhook URL existed: another owner's, or
 * made by hand; destroy leaves it active).
 */
export type AlertSourceOrigin = "created" | "adopted-by-url" | "imported";

/**
 * What the state holds.
 *
 * @internal The provider side, not part of the public API.
 */
export interface AlertSourceState extends AlertSourceInputs {
  /** The service's id. */
  readonly serviceId: string;
  /** The service's name. */
  readonly serviceName: string;
  /** The id of the team that owns the service. */
  readonly teamId: string;
  /** The id of the alert source type in Squadcast's catalog. */
  readonly alertSourceId: string;
  /** The URL Heroku posts to; a secret, since it carries the service's key. */
  readonly webhookUrl: string;
  /**
   * Whether this resource made the alert source active. An alert source that was already active is
   * adopted and left in place on delete, because someone else relies on it.
   */
  readonly addedByThisResource: boolean;
  /** {@link AlertSourceOrigin}, the same fact as `addedByThisResource` in words. */
  readonly origin: AlertSourceOrigin;
}
