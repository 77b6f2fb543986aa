/** A Squadcast team: the owner of services. */
export interface SquadcastTeam {
  /** Team id (24 characters). */
  readonly id: string;
  /** Team name, e.g. `Default Team`. */
  readonly name: string;
  /**
   * Whether this is the organization's default team.
   *
   * @defaultValue false when Squadcast omits it
   */
  readonly isDefault: boolean;
}

/** A Squadcast service, as much of it as this package uses. */
export interface SquadcastService {
  /** Service id (24 characters). */
  readonly id: string;
  /** Service name; unique across the organization. */
  readonly name: string;
  /**
   * URL-safe name.
   *
   * @defaultValue undefined when Squadcast omits it
   */
  readonly slug?: string;
  /**
   * Email alert-source address of the service.
   *
   * @defaultValue undefined when Squadcast omits it
   */
  readonly email?: string;
  /**
   * The service's key, the last segment of every alert-source webhook URL. A SECRET: anyone with it
   * can open incidents. Never log it; wrap it in `pulumi.secret` before it reaches state.
   */
  readonly apiKey: string;
  /**
   * Id of the owning team (`owner.id` on the wire).
   *
   * @defaultValue undefined when Squadcast omits the owner
   */
  readonly teamId?: string;
  /**
   * Id of the escalation policy.
   *
   * @defaultValue undefined when Squadcast omits it
   */
  readonly escalationPolicyId?: string;
  /**
   * `config.dedup_key_enabled`: whether the service applies its dedup-key overlays. The specification
   * makes `config` a required field of every service, lists included, so reading it costs no request.
   *
   * @defaultValue undefined when Squadcast omits it (`GET /v3/services/{id}/config` then tells)
   */
  readonly dedupKeyEnabled?: boolean;
}

/** One entry of Squadcast's alert-source catalog (the kinds of integration, not per-service state). */
export interface SquadcastAlertSourceType {
  /** Catalog id (`_id` on the wire), used in the active alert-source list of a service. */
  readonly id: string;
  /**
   * Display name, e.g. `Heroku`.
   *
   * @defaultValue the `shortName` when the entry has none
   */
  readonly type: string;
  /** Slug used in webhook URLs, e.g. `heroku` in `/v1/incidents/heroku/<key>`. */
  readonly shortName: string;
  /**
   * Ingestion API version used in webhook URLs, e.g. `v1`.
   *
   * @defaultValue `v1` when the entry has none
   */
  readonly version: string;
  /**
   * Only the service key is shown for this source, not a URL.
   *
   * @defaultValue false
   */
  readonly displayKeyOnly: boolean;
  /**
   * Usable: valid, public and not deprecated.
   *
   * @defaultValue true when Squadcast omits the flags
   */
  readonly available: boolean;
}

/** The Squadcast organization the refresh token belongs to. */
export interface SquadcastOrganization {
  /** Organization id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /**
   * URL-safe name; also the middle label of service email addresses.
   *
   * @defaultValue undefined when omitted
   */
  readonly slug?: string;
}

/** A dedup-key overlay: the key template and window one alert source's events are deduplicated with. */
export interface SquadcastDedupKeyOverlay {
  /** The alert source's catalog `shortName`, e.g. `heroku`. */
  readonly alertSource: string;
  /** The Go template Squadcast renders over each alert payload to get its dedup key. */
  readonly template: string;
  /** The deduplication window, in minutes (at most 2880). */
  readonly durationMinutes: number;
  /** Who last changed it (a user id), when the API says. */
  readonly updatedBy?: string;
}
