import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { z } from "zod";
import type { CreateProjectRequest } from "./admin/schemas";
import type { Fault, FaultSpec } from "./faults";
import type { SimulatedEvent, SimulatedEventResult } from "./heroku/deliveries";
import type { HerokuApp, HerokuWebhook } from "./heroku/state";
import type { RequestLogEntry } from "./request-log";
import type { SentryDeploy, SentryHookOutcome, SentryProject, SentryRelease } from "./sentry/state";
import type { AlertSourceType } from "./squadcast/catalog";
import type { DedupKeyOverlay } from "./squadcast/dedup-key-overlay";
import type { IngestedPayload, SquadcastIncident, SquadcastService } from "./squadcast/state";

/** A webhook as the admin API shows it: with the write-only fields the Platform API hides. */
export interface AdminWebhookView extends HerokuWebhook {
  /** The signing secret. */
  readonly secret: string;
  /** The `Authorization` header sent with deliveries, or null. */
  readonly authorization: string | null;
}

/** A Sentry project to create through the admin API. */
export type SentryProjectInput = z.input<typeof CreateProjectRequest>;

/** An admin API call that did not succeed. */
export class SandboxAdminError extends Error {
  /** The HTTP status. */
  readonly status: number;

  constructor(method: string, path: string, status: number, message: string) {
    super(`Sandbox admin ${method} ${path} failed with ${status}: ${message}`);
    this.name = "SandboxAdminError";
    this.status = status;
  }
}

/** A typed client of the sandbox's admin API, for tests, the demo and the benchmark. */
export class SandboxAdminClient {
  private readonly http: AxiosInstance;

  /** @param baseUrl the admin URL, `Sandbox.urls.admin`. */
  constructor(baseUrl: string) {
    this.http = axios.create({
      baseURL: `${baseUrl}/__sandbox`,
      validateStatus: () => true,
      timeout: 30_000,
    });
  }

  /** Puts every service back to the default fixture, and clears faults, latency and the request log. */
  async reset(): Promise<void> {
    await this.call("post", "/reset");
  }

  /** Creates a Heroku app, personal or in a team given by name (created with its first app). */
  createHerokuApp(name: string, team?: string): Promise<HerokuApp> {
    return this.call("post", "/heroku/apps", team === undefined ? { name } : { name, team });
  }

  /** Every Heroku app. */
  herokuApps(): Promise<HerokuApp[]> {
    return this.call("get", "/heroku/apps");
  }

  /** The webhooks of a Heroku app (by name or id), secrets included. */
  herokuWebhooks(app: string): Promise<AdminWebhookView[]> {
    return this.call("get", `/heroku/apps/${encodeURIComponent(app)}/webhooks`);
  }

  /** Simulates an event on a Heroku app and resolves once every webhook delivery has finished. */
  simulateHerokuEvent(app: string, event: SimulatedEvent): Promise<SimulatedEventResult> {
    return this.call("post", `/heroku/apps/${encodeURIComponent(app)}/events`, event);
  }

  /** Creates a Squadcast service in a team given by name or id (default `Default Team`; created if unknown). */
  createSquadcastService(name: string, team?: string): Promise<SquadcastService> {
    return this.call("post", "/squadcast/services", team === undefined ? { name } : { name, team });
  }

  /** Deletes a Squadcast service (by id or name): its key no longer opens incidents. */
  deleteSquadcastService(service: string): Promise<SquadcastService> {
    return this.call("delete", `/squadcast/services/${encodeURIComponent(service)}`);
  }

  /**
   * Sets a service's `dedup_key_enabled` (off by default, as on Squadcast), as `PATCH
   * /v3/services/{id}/config` does: on, the service applies its dedup-key overlays, so a trigger whose
   * rendered key equals an open incident's (within the overlay's window) folds into it; off, or with no
   * overlay for the alert source, every trigger opens an incident.
   */
  setDeduplication(service: string, enabled: boolean): Promise<SquadcastService> {
    return this.call("post", `/squadcast/services/${encodeURIComponent(service)}/deduplication`, { enabled });
  }

  /**
   * Sets the Heroku alert source's dedup-key overlay on a service as another owner would (a person in the
   * UI, another stack): `overlay_template_type` and `dedup_key_overlay` as the API's PUT takes them.
   */
  setDedupKeyOverlay(service: string, template: string, duration: number): Promise<DedupKeyOverlay> {
    return this.call("put", `/squadcast/services/${encodeURIComponent(service)}/dedup-key-overlay`, {
      overlay_template_type: "dedup_key",
      dedup_key_overlay: { template, duration },
    });
  }

  /** The Heroku alert source's dedup-key overlay on a service, or null. */
  dedupKeyOverlay(service: string): Promise<DedupKeyOverlay | null> {
    return this.call("get", `/squadcast/services/${encodeURIComponent(service)}/dedup-key-overlay`);
  }

  /**
   * Puts an entry of any shape before the alert-source catalog's own (until the next reset), such as one
   * without `shortName` or with a null flag; returns the catalog as served.
   */
  addCatalogEntry(entry: Record<string, unknown>): Promise<unknown[]> {
    return this.call("post", "/squadcast/catalog", { entry });
  }

  /** Every Squadcast service. */
  squadcastServices(): Promise<SquadcastService[]> {
    return this.call("get", "/squadcast/services");
  }

  /** The alert sources active on a service (by id or name), as catalog entries. */
  activeAlertSources(service: string): Promise<AlertSourceType[]> {
    return this.call("get", `/squadcast/services/${encodeURIComponent(service)}/alert-sources`);
  }

  /** Incidents opened through ingestion, oldest first, optionally of one service (by id or name). */
  incidents(service?: string): Promise<SquadcastIncident[]> {
    return this.call("get", "/squadcast/incidents", undefined, service === undefined ? {} : { service });
  }

  /** Bodies received by ingestion, oldest first, optionally of one service (by id or name). */
  ingestedPayloads(service?: string): Promise<IngestedPayload[]> {
    return this.call("get", "/squadcast/payloads", undefined, service === undefined ? {} : { service });
  }

  /**
   * Regenerates the Heroku API key: the fixture's key (or the last one) is refused from then on, until
   * `reset()`. Returns the new key.
   */
  async rotateHerokuApiKey(): Promise<string> {
    return (await this.call<{ apiKey: string }>("post", "/heroku/api-key/rotate")).apiKey;
  }

  /** Expires every Squadcast access token issued so far; returns how many there were. */
  async expireSquadcastTokens(): Promise<number> {
    return (await this.call<{ expired: number }>("post", "/squadcast/expire-tokens")).expired;
  }

  /**
   * Moves the emulated Squadcast's clock forward (incidents' times and deduplication windows), as if the
   * minutes had passed; `reset()` puts it back. Returns the new time (ISO 8601).
   */
  async advanceSquadcastClock(minutes: number): Promise<string> {
    return (await this.call<{ now: string }>("post", "/squadcast/clock", { minutes })).now;
  }

  /** Creates (or replaces) a Sentry project with the Heroku plugin configured. */
  createSentryProject(project: SentryProjectInput): Promise<SentryProject> {
    return this.call("post", "/sentry/projects", project);
  }

  /**
   * Makes every Sentry hook URL answer `status` (404 by default, or 410), as a Sentry that no longer
   * ships its Heroku plugin would; `null` serves the hook again. `reset()` serves it again too.
   */
  async removeSentryHook(status: 404 | 410 | null = 404): Promise<void> {
    await this.call("post", "/sentry/hook-removal", { status });
  }

  /** Sentry releases created by the hook. */
  sentryReleases(): Promise<SentryRelease[]> {
    return this.call("get", "/sentry/releases");
  }

  /** Sentry deploys created by the hook, oldest first. */
  sentryDeploys(): Promise<SentryDeploy[]> {
    return this.call("get", "/sentry/deploys");
  }

  /** What the Sentry hook did with each request that reached the plugin. */
  sentryHookOutcomes(): Promise<SentryHookOutcome[]> {
    return this.call("get", "/sentry/hook-outcomes");
  }

  /** The request log, after sequence number `since` (everything by default). */
  requests(since = 0): Promise<RequestLogEntry[]> {
    return this.call("get", "/requests", undefined, { since: String(since) });
  }

  /** Empties the request log. */
  async clearRequests(): Promise<void> {
    await this.call("delete", "/requests");
  }

  /** Injects a fault; returns its id. */
  async addFault(fault: FaultSpec): Promise<string> {
    return (await this.call<{ id: string }>("post", "/faults", fault)).id;
  }

  /** The active faults. */
  faults(): Promise<Fault[]> {
    return this.call("get", "/faults");
  }

  /** Removes every fault. */
  async clearFaults(): Promise<void> {
    await this.call("delete", "/faults");
  }

  /** Sets the delay added to every API request. */
  async setLatency(latencyMs: number): Promise<void> {
    await this.call("post", "/latency", { latencyMs });
  }

  private async call<T>(
    method: "get" | "post" | "put" | "delete",
    path: string,
    data?: unknown,
    params?: Record<string, string>,
  ): Promise<T> {
    // An empty POST would go out as a form post, which the admin API (JSON only) refuses.
    const body = data ?? (method === "post" ? {} : undefined);
    const response: AxiosResponse = await this.http.request({ method, url: path, data: body, params });
    if (response.status >= 300) {
      const message = (response.data as { error?: string } | undefined)?.error ?? String(response.statusText);
      throw new SandboxAdminError(method.toUpperCase(), path, response.status, message);
    }
    return response.data as T;
  }
}
