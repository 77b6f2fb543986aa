import type { AxiosInstance, AxiosResponse } from "axios";
import { z } from "zod";
import {
  createHttpClient,
  expectShape,
  isApiError,
  isNotFoundError,
  userAgent,
  type HttpTuning,
} from "../../http";
import type { AccessTokenProvider } from "./auth";
import {
  activeAlertSourcesSchema,
  alertSourceTypeSchema,
  dedupKeyOverlaySchema,
  inEnvelope,
  organizationSchema,
  parseSquadcastError,
  serviceConfigSchema,
  serviceSchema,
  teamSchema,
} from "./schemas";
import type {
  SquadcastAlertSourceType,
  SquadcastDedupKeyOverlay,
  SquadcastOrganization,
  SquadcastService,
  SquadcastTeam,
} from "./types";

// Callers name the wire types through the client they use them with.
export type * from "./types";

/** Options of {@link SquadcastClient}. */
export interface SquadcastClientOptions extends HttpTuning {
  /** Where access tokens come from, usually a {@link SquadcastTokenSource}. */
  readonly tokenSource: AccessTokenProvider;
  /** API base URL, e.g. `https://api.squadcast.com` or the sandbox URL. */
  readonly apiUrl: string;
  /**
   * Paths of the undocumented alert-source catalog, tried in order while the previous one answers 404
   * (Squadcast moved it twice).
   *
   * @defaultValue `["/v3/alert-sources", "/v3/public/alert-sources"]`
   */
  readonly alertSourceCatalogPaths?: readonly string[];
  /**
   * Receives diagnostic lines, such as how many catalog entries were skipped.
   *
   * @defaultValue none
   */
  readonly onDebug?: (message: string) => void;
}

const DEFAULT_CATALOG_PATHS = ["/v3/alert-sources", "/v3/public/alert-sources"];

/**
 * A typed client for the parts of the Squadcast v3 API this package uses: teams, services, the
 * alert-source catalog and the active alert sources of a service. It knows nothing of Pulumi.
 *
 * Each request carries a bearer token from the token source. When the API answers 401 (the token
 * expired or was revoked early), the token is dropped and the call is repeated once with a fresh one.
 */
export class SquadcastClient {
  private readonly http: AxiosInstance;
  private readonly tokenSource: AccessTokenProvider;
  private readonly catalogPaths: readonly string[];
  private readonly onDebug: (message: string) => void;

  constructor(options: SquadcastClientOptions) {
    const { tokenSource, apiUrl, alertSourceCatalogPaths, onDebug, ...tuning } = options;
    this.tokenSource = tokenSource;
    this.catalogPaths = alertSourceCatalogPaths ?? DEFAULT_CATALOG_PATHS;
    this.onDebug = onDebug ?? (() => undefined);
    this.http = createHttpClient({
      ...tuning,
      api: "Squadcast",
      baseUrl: apiUrl,
      secrets: [],
      headers: { "User-Agent": userAgent() },
      parseError: parseSquadcastError,
    });
    // Per request rather than a fixed header: a retry after a backoff may need a newer token.
    this.http.interceptors.request.use(async (config) => {
      const token = await tokenSource.getAccessToken();
      config.headers.set("Authorization", `Bearer ${token}`);
      if (!config.redactSecrets?.includes(token))
        config.redactSecrets = [...(config.redactSecrets ?? []), token];
      return config;
    });
  }

  /** Every team of the organization. */
  async listTeams(): Promise<SquadcastTeam[]> {
    return this.get("/v3/teams", z.array(teamSchema));
  }

  /**
   * One team by id.
   *
   * @param teamId - team id.
   * @throws {@link ApiError} with status 404 when there is no such team.
   */
  async getTeam(teamId: string): Promise<SquadcastTeam> {
    return this.get(`/v3/teams/${segment(teamId)}`, teamSchema);
  }

  /**
   * One team by name: `GET /v3/teams/by-name`, and when that answers 404 (the endpoint is not in the
   * public spec), the team list matched by name, exactly first, then ignoring case.
   *
   * @param name - team name, e.g. `Default Team`.
   * @returns the team, or undefined when no team has that name.
   */
  async getTeamByName(name: string): Promise<SquadcastTeam | undefined> {
    try {
      return await this.get("/v3/teams/by-name", teamSchema, { name });
    } catch (error) {
      if (!isNotFoundError(error)) throw error;
    }
    return matchByName(await this.listTeams(), name);
  }

  /**
   * The services of a team.
   *
   * @param teamId - id of the owning team (Squadcast's `owner_id`, required by the API).
   */
  async listServices(teamId: string): Promise<SquadcastService[]> {
    return this.get("/v3/services", z.array(serviceSchema), { owner_id: teamId });
  }

  /**
   * One service by id. The result holds the service's secret `apiKey`.
   *
   * @param serviceId - service id.
   * @throws {@link ApiError} with status 404 when there is no such service.
   */
  async getService(serviceId: string): Promise<SquadcastService> {
    return this.get(`/v3/services/${segment(serviceId)}`, serviceSchema);
  }

  /**
   * One service by name within a team: `GET /v3/services/by-name`, and when that answers 404, the
   * team's services matched by name, exactly first, then ignoring case.
   *
   * @param name - service name, e.g. `demo-service`.
   * @param teamId - id of the owning team.
   * @returns the service (with its secret `apiKey`), or undefined when the team has no such service.
   */
  async getServiceByName(name: string, teamId: string): Promise<SquadcastService | undefined> {
    try {
      return await this.get("/v3/services/by-name", serviceSchema, { name, owner_id: teamId });
    } catch (error) {
      if (!isNotFoundError(error)) throw error;
    }
    return matchByName(await this.listServices(teamId), name);
  }

  /**
   * The catalog of alert-source kinds (Heroku, Incident Webhook, Email, ...). The endpoint is
   * undocumented and has moved; each configured path is tried in turn while the previous answers 404.
   * Entries are read one by one: one that does not parse (no `shortName`, a flag of the wrong type) is
   * skipped and counted in a debug line, so that it cannot make the whole catalog unreadable.
   */
  async listAlertSourceTypes(): Promise<SquadcastAlertSourceType[]> {
    let lastError: unknown;
    for (const path of this.catalogPaths) {
      try {
        const entries = await this.get(path, z.array(z.unknown()));
        const parsed = entries.map((entry) => alertSourceTypeSchema.safeParse(entry));
        const skipped = parsed.filter((result) => !result.success).length;
        if (skipped > 0) {
          this.onDebug(
            `Squadcast alert-source catalog: skipped ${skipped} of ${entries.length} entries that do not parse`,
          );
        }
        return parsed.flatMap((result) => (result.success ? [result.data] : []));
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * The ids (catalog `_id`s) of the alert sources active on a service.
   *
   * @param serviceId - service id.
   */
  async getActiveAlertSourceIds(serviceId: string): Promise<string[]> {
    const active = await this.get(
      `/v3/catalog-services/${segment(serviceId)}/alert-sources`,
      activeAlertSourcesSchema,
    );
    return active.alert_sources;
  }

  /**
   * Replaces the full list of alert sources active on a service (Squadcast's PUT replaces, it does not
   * add). Read the current list first and send the union, or the difference, to change one entry.
   *
   * @param serviceId - service id.
   * @param alertSourceIds - the complete new list of catalog ids.
   */
  async setActiveAlertSourceIds(serviceId: string, alertSourceIds: readonly string[]): Promise<void> {
    // The response body is undocumented; only the status matters.
    await this.withFreshTokenOn401(() =>
      this.http.put(`/v3/catalog-services/${segment(serviceId)}/alert-sources`, {
        alert_sources: [...alertSourceIds],
      }),
    );
  }

  /**
   * The dedup-key overlay of one alert source on a service (`GET /v3/services/{id}/overlays/dedup-key/
   * {alertSource}`).
   *
   * @param serviceId - service id.
   * @param alertSource - the alert source's catalog `shortName`, e.g. `heroku`.
   * @returns the overlay, or undefined when the alert source has none (404).
   */
  async getDedupKeyOverlay(
    serviceId: string,
    alertSource: string,
  ): Promise<SquadcastDedupKeyOverlay | undefined> {
    try {
      return await this.get(overlayPath(serviceId, alertSource), dedupKeyOverlaySchema);
    } catch (error) {
      if (isNotFoundError(error)) return undefined;
      throw error;
    }
  }

  /**
   * Creates or replaces the dedup-key overlay of one alert source on a service (`PUT`, body
   * `{overlay_template_type: "dedup_key", dedup_key_overlay: {template, duration}}`).
   *
   * @param serviceId - service id.
   * @param overlay - the alert source's `shortName`, the template and the window in minutes.
   */
  async putDedupKeyOverlay(
    serviceId: string,
    overlay: Pick<SquadcastDedupKeyOverlay, "alertSource" | "template" | "durationMinutes">,
  ): Promise<SquadcastDedupKeyOverlay> {
    const response = await this.withFreshTokenOn401(() =>
      this.http.put(overlayPath(serviceId, overlay.alertSource), {
        overlay_template_type: "dedup_key",
        dedup_key_overlay: { template: overlay.template, duration: overlay.durationMinutes },
      }),
    );
    return expectShape("Squadcast", response, inEnvelope(dedupKeyOverlaySchema));
  }

  /**
   * Deletes the dedup-key overlay of one alert source on a service.
   *
   * @returns false when there was none (404), true when it was deleted.
   */
  async deleteDedupKeyOverlay(serviceId: string, alertSource: string): Promise<boolean> {
    try {
      await this.withFreshTokenOn401(() => this.http.delete(overlayPath(serviceId, alertSource)));
      return true;
    } catch (error) {
      if (isNotFoundError(error)) return false;
      throw error;
    }
  }

  /**
   * The dedup key a template renders to for a payload, as Squadcast computes it (`POST
   * /v3/services/{id}/overlays/dedup-key/render`; the payload travels as a JSON string).
   */
  async renderDedupKey(serviceId: string, template: string, payload: unknown): Promise<string> {
    const response = await this.withFreshTokenOn401(() =>
      this.http.post(`/v3/services/${segment(serviceId)}/overlays/dedup-key/render`, {
        overlay_template_type: "dedup_key",
        template,
        payload: JSON.stringify(payload),
      }),
    );
    return expectShape("Squadcast", response, inEnvelope(z.string()));
  }

  /** Whether the service has opted in to key-based deduplication (`dedup_key_enabled`). */
  async getDedupKeyEnabled(serviceId: string): Promise<boolean> {
    const config = await this.get(`/v3/services/${segment(serviceId)}/config`, serviceConfigSchema);
    return config.dedup_key_enabled;
  }

  /** Opts a service in to (or out of) key-based deduplication: `PATCH /v3/services/{id}/config`. */
  async setDedupKeyEnabled(serviceId: string, enabled: boolean): Promise<void> {
    // The specification types the 200 body as an untyped object: only the status matters.
    await this.withFreshTokenOn401(() =>
      this.http.patch(`/v3/services/${segment(serviceId)}/config`, { dedup_key_enabled: enabled }),
    );
  }

  /** The organization the refresh token belongs to. */
  async getOrganization(): Promise<SquadcastOrganization> {
    return this.get("/v3/organization", organizationSchema);
  }

  private async get<Schema extends z.ZodType>(
    path: string,
    data: Schema,
    params?: Record<string, string>,
  ): Promise<z.output<Schema>> {
    const response = await this.withFreshTokenOn401(() => this.http.get(path, { params }));
    return expectShape("Squadcast", response, inEnvelope(data));
  }

  private async withFreshTokenOn401(send: () => Promise<AxiosResponse>): Promise<AxiosResponse> {
    // The interceptor reads the same cached token, so this is the one a 401 would reject.
    const tokenBefore = await this.tokenSource.getAccessToken();
    try {
      return await send();
    } catch (error) {
      if (!isApiError(error, "Squadcast") || error.status !== 401) throw error;
      this.tokenSource.invalidate(tokenBefore);
      return send();
    }
  }
}

function matchByName<Item extends { readonly name: string }>(items: Item[], name: string): Item | undefined {
  const wanted = name.toLowerCase();
  return items.find((item) => item.name === name) ?? items.find((item) => item.name.toLowerCase() === wanted);
}

function overlayPath(serviceId: string, alertSource: string): string {
  return `/v3/services/${segment(serviceId)}/overlays/dedup-key/${segment(alertSource)}`;
}

function segment(value: string): string {
  return encodeURIComponent(value);
}
