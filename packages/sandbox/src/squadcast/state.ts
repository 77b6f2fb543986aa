import { SANDBOX_FIXTURE } from "../fixture";
import { newObjectId, newSecret, newServiceApiKey } from "../ids";
import type { HerokuAlertDecision } from "./heroku-rules";
import { ALERT_SOURCE_CATALOG, type AlertSourceType } from "./catalog";
import type { DedupKeyOverlay } from "./dedup-key-overlay";

/** A Squadcast team, in the fields the Terraform provider reads. */
export interface SquadcastTeam {
  /** Identifier (24 hex); the `owner_id` of services. */
  readonly id: string;
  /** Team name, unique in the organization. */
  readonly name: string;
  /** Free text. */
  readonly description: string;
  /** Whether this is the organization's default team. */
  readonly default: boolean;
  /** Members; the sandbox keeps none. */
  readonly members: readonly unknown[];
}

/** A Squadcast service, in the `V3.Services.Service` shape of the public OpenAPI spec. */
export interface SquadcastService {
  /** Identifier (24 hex). */
  readonly id: string;
  /** Service name, unique across the organization. */
  readonly name: string;
  /** URL-safe form of the name. */
  readonly slug: string;
  /** The service's e-mail alert source: `<slug>@<org slug>.incidents.squadcast.com`. */
  readonly email: string;
  /** The service's key: the last segment of every alert-source webhook URL (40 hex). A credential. */
  readonly api_key: string;
  /** Free text; empty in the sandbox. */
  readonly description: string;
  /** The escalation policy; the same one for every sandbox service. */
  readonly escalation_policy_id: string;
  /** The organization's id. */
  readonly organization_id: string;
  /** The owning team: its id is the `owner_id` of service queries. */
  readonly owner: { readonly id: string; readonly type: "team" };
  /** The maintainer; the sandbox sets none. */
  readonly maintainer: null;
  /** Key-value tags; none in the sandbox. */
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  /** Whether the service is in maintenance mode; always false. */
  readonly on_maintenance: boolean;
  /** Services this one depends on; none. */
  readonly depends: null;
  /** Transient-alert pausing; disabled. */
  readonly auto_pause_transient_alerts_config: {
    readonly is_enabled: boolean;
    readonly timeout_in_mins: number;
  };
  /** Alert grouping; disabled. */
  readonly intelligent_alerts_grouping_config: {
    readonly is_enabled: boolean;
    readonly rolling_window_in_mins: number;
  };
  /** Delayed notifications; disabled. */
  readonly delay_notification_config: { readonly is_enabled: boolean };
  /**
   * `dedup_key_enabled`: whether the service applies its dedup-key overlays (key-based deduplication).
   * Off by default; `PATCH /v3/services/{id}/config` (or the admin API) switches it.
   */
  readonly config: { dedup_key_enabled: boolean };
  /** When the service was created (ISO 8601). */
  readonly created_at: string;
  /** When the service last changed. */
  readonly updated_at: string;
}

/** An incident opened through ingestion. */
export interface SquadcastIncident {
  /** Identifier (24 hex). */
  readonly id: string;
  /** The service the alert was sent to. */
  readonly serviceId: string;
  /** That service's name. */
  readonly serviceName: string;
  /** The alert source's event key: a resolving alert with the same key closes the incident. */
  readonly dedupKey: string;
  /**
   * The key its service's dedup-key overlay rendered for the opening alert, or null when the service did
   * not deduplicate it; a later trigger with the same key, within the overlay's window, folds into it.
   */
  readonly overlayKey: string | null;
  /** `triggered` until a resolving alert with the same key arrives. */
  status: "triggered" | "resolved";
  /** Title, from the alert that opened it. */
  readonly summary: string;
  /** The Heroku entity of the alert that opened it, when known. */
  readonly entity: string | null;
  /** When it was opened (ISO 8601). */
  readonly createdAt: string;
  /** When it was resolved, or null. */
  resolvedAt: string | null;
  /** How many alerts it has received, the opening one included. */
  events: number;
}

/** One body received on an ingestion URL, with what the classifier made of it. */
export interface IngestedPayload {
  /** When it arrived (ISO 8601). */
  readonly receivedAt: string;
  /** The service whose key the URL carried. */
  readonly serviceId: string;
  /** The alert source `shortName` of the URL. */
  readonly source: string;
  /** The parsed body. */
  readonly body: unknown;
  /** The classifier's decision. */
  readonly decision: HerokuAlertDecision;
}

/** An access token the auth endpoint issued. */
export interface AccessTokenGrant {
  /** Bearer token for the API. A credential. */
  readonly accessToken: string;
  /** The refresh token it was issued for. */
  readonly refreshToken: string;
  /** Issue time, Unix seconds. */
  readonly issuedAt: number;
  /** Expiry, Unix seconds. */
  expiresAt: number;
}

/** The in-memory Squadcast organization: teams, services, alert sources, tokens and incidents. */
export class SquadcastState {
  /** The organization everything belongs to. */
  readonly organization = {
    id: newObjectId(),
    name: SANDBOX_FIXTURE.squadcast.organizationName,
    slug: SANDBOX_FIXTURE.squadcast.organizationSlug,
  };
  /** The catalog of alert-source types. */
  readonly catalog: readonly AlertSourceType[] = ALERT_SOURCE_CATALOG;
  /**
   * Entries the admin API put before the catalog, of any shape (a malformed or an unavailable entry), to
   * see how a client copes with them. Served first; cleared by a reset.
   */
  readonly extraCatalogEntries: Record<string, unknown>[] = [];
  /** Refresh tokens the auth endpoint accepts. */
  readonly refreshTokens = new Set<string>([SANDBOX_FIXTURE.squadcast.refreshToken]);
  /** Issued access tokens, by token. They survive a reset so that clients caching one keep working. */
  readonly accessTokens = new Map<string, AccessTokenGrant>();
  /** Teams by id. */
  readonly teams = new Map<string, SquadcastTeam>();
  /** Services by id. */
  readonly services = new Map<string, SquadcastService>();
  /** Services by `api_key`, for ingestion. */
  readonly servicesByApiKey = new Map<string, SquadcastService>();
  /** Active alert-source ids per service id. */
  readonly activeAlertSources = new Map<string, string[]>();
  /** Every incident, oldest first. */
  readonly incidents: SquadcastIncident[] = [];
  /** The open incidents of each `serviceId` + dedup key, oldest first. */
  readonly openIncidents = new Map<string, SquadcastIncident[]>();
  /** Dedup-key overlays by service id, then alert-source shortName. */
  readonly dedupKeyOverlays = new Map<string, Map<string, DedupKeyOverlay>>();
  /** Every ingested body, oldest first. */
  readonly payloads: IngestedPayload[] = [];
  /** How far {@link advanceClock} moved the clock incidents read, in milliseconds. */
  private clockOffsetMs = 0;
  private readonly fixture = {
    teamId: newObjectId(),
    serviceId: newObjectId(),
    serviceApiKey: newServiceApiKey(),
    escalationPolicyId: newObjectId(),
  };

  /** @param tokenLifetimeSeconds lifetime of issued access tokens; default 48 hours. */
  constructor(readonly tokenLifetimeSeconds = 48 * 60 * 60) {
    this.reset();
  }

  /** Back to the fixture: `Default Team`, `demo-service` with one active alert source, no incidents. */
  reset(): void {
    this.teams.clear();
    this.services.clear();
    this.servicesByApiKey.clear();
    this.activeAlertSources.clear();
    this.incidents.length = 0;
    this.openIncidents.clear();
    this.payloads.length = 0;
    this.dedupKeyOverlays.clear();
    this.extraCatalogEntries.length = 0;
    this.clockOffsetMs = 0;
    const team = this.addTeam(SANDBOX_FIXTURE.squadcast.teamName, this.fixture.teamId, true);
    const service = this.addService(
      SANDBOX_FIXTURE.squadcast.serviceName,
      team.id,
      this.fixture.serviceId,
      this.fixture.serviceApiKey,
    );
    const preexisting = this.catalog.find(
      (source) => source.shortName === SANDBOX_FIXTURE.squadcast.preexistingAlertSource,
    );
    this.activeAlertSources.set(service.id, preexisting ? [preexisting._id] : []);
  }

  /** The catalog as `GET /v3/alert-sources` serves it: the admin's extra entries first. */
  servedCatalog(): unknown[] {
    return [...this.extraCatalogEntries, ...this.catalog];
  }

  /** Whether an alert-source id is in the served catalog. */
  isCatalogId(id: string): boolean {
    return this.servedCatalog().some((entry) => (entry as { _id?: unknown })._id === id);
  }

  /**
   * The time ingestion reads, in milliseconds since the epoch: when incidents open and resolve, and where a
   * deduplication window ends. The wall clock plus what {@link advanceClock} added since the last reset.
   */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /**
   * Moves the clock of {@link now} forward, so a test can let a deduplication window pass without waiting
   * for it. Access tokens keep the wall clock: `expireAccessTokens` is their control.
   *
   * @returns the new time.
   */
  advanceClock(milliseconds: number): number {
    this.clockOffsetMs += milliseconds;
    return this.now();
  }

  /** Issues an access token for a known refresh token; undefined for an unknown one. */
  issueAccessToken(
    refreshToken: string,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): AccessTokenGrant | undefined {
    if (!this.refreshTokens.has(refreshToken)) return undefined;
    const grant: AccessTokenGrant = {
      accessToken: newSecret(),
      refreshToken,
      issuedAt: nowSeconds,
      expiresAt: nowSeconds + this.tokenLifetimeSeconds,
    };
    this.accessTokens.set(grant.accessToken, grant);
    return grant;
  }

  /** Whether a bearer token is a live access token. */
  checkAccessToken(token: string, nowSeconds = Date.now() / 1000): "valid" | "expired" | "unknown" {
    const grant = this.accessTokens.get(token);
    if (grant === undefined) return "unknown";
    return grant.expiresAt > nowSeconds ? "valid" : "expired";
  }

  /** Expires every issued access token now, as if their lifetime had passed. */
  expireAccessTokens(nowSeconds = Math.floor(Date.now() / 1000)): number {
    for (const grant of this.accessTokens.values()) grant.expiresAt = Math.min(grant.expiresAt, nowSeconds);
    return this.accessTokens.size;
  }

  /** Creates a team. The caller checks that the name is free. */
  addTeam(name: string, id = newObjectId(), isDefault = false): SquadcastTeam {
    const team: SquadcastTeam = { id, name, description: "", default: isDefault, members: [] };
    this.teams.set(id, team);
    return team;
  }

  /** Finds a team by exact name. */
  findTeamByName(name: string): SquadcastTeam | undefined {
    for (const team of this.teams.values()) if (team.name === name) return team;
    return undefined;
  }

  /** Finds a service by exact name; names are unique across the organization. */
  findServiceByName(name: string): SquadcastService | undefined {
    for (const service of this.services.values()) if (service.name === name) return service;
    return undefined;
  }

  /** Creates a service owned by a team, with no active alert source. The caller checks the name. */
  addService(
    name: string,
    teamId: string,
    id = newObjectId(),
    apiKey = newServiceApiKey(),
  ): SquadcastService {
    const now = new Date().toISOString();
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const service: SquadcastService = {
      id,
      name,
      slug,
      email: `${slug}@${this.organization.slug}.incidents.squadcast.com`,
      api_key: apiKey,
      description: "",
      escalation_policy_id: this.fixture.escalationPolicyId,
      organization_id: this.organization.id,
      owner: { id: teamId, type: "team" },
      maintainer: null,
      tags: [],
      on_maintenance: false,
      depends: null,
      auto_pause_transient_alerts_config: { is_enabled: false, timeout_in_mins: 0 },
      intelligent_alerts_grouping_config: { is_enabled: false, rolling_window_in_mins: 0 },
      delay_notification_config: { is_enabled: false },
      config: { dedup_key_enabled: false },
      created_at: now,
      updated_at: now,
    };
    this.services.set(id, service);
    this.servicesByApiKey.set(apiKey, service);
    this.activeAlertSources.set(id, []);
    return service;
  }
}
