import type { AxiosInstance, AxiosResponse } from "axios";
import { z } from "zod";
import {
  ApiError,
  createHttpClient,
  expectShape,
  userAgent,
  type ErrorParser,
  type HttpTuning,
} from "../../http";
import {
  herokuAppSchema,
  herokuErrorBodySchema,
  herokuRateLimitSchema,
  herokuWebhookDeliverySchema,
  herokuWebhookSchema,
} from "./schemas";
import type {
  CreatedHerokuWebhook,
  HerokuApp,
  HerokuWebhook,
  HerokuWebhookChanges,
  HerokuWebhookDelivery,
  HerokuWebhookSettings,
} from "./types";

// Callers name the wire types through the client they use them with.
export type * from "./types";

/** Options of {@link HerokuClient}. */
export interface HerokuClientOptions extends HttpTuning {
  /** Heroku API key or OAuth token. */
  readonly apiKey: string;
  /**
   * Platform API base URL.
   *
   * @defaultValue none; pass `https://api.heroku.com` or the sandbox URL
   */
  readonly apiUrl: string;
  /**
   * Items per page when listing (Heroku allows 1 to 1000).
   *
   * @defaultValue 1000, the fewest round trips
   */
  readonly pageSize?: number;
}

// A Next-Range chain that never ends (a proxy or API bug) must not loop forever.
const MAX_PAGES = 1000;

/**
 * A typed client for the parts of the Heroku Platform API this package uses: apps (one, all, a team's), app webhooks and
 * their deliveries. It knows nothing of Pulumi. Errors are {@link ApiError}s with Heroku's error `id`
 * and `Request-Id`; the API key never appears in them.
 *
 * @example
 * ```ts
 * const heroku = new HerokuClient({ apiKey, apiUrl: "https://api.heroku.com" });
 * const { webhook } = await heroku.createWebhook("demo-app", { url, include: ["api:release"], level: "notify" });
 * ```
 */
export class HerokuClient {
  private readonly http: AxiosInstance;
  private readonly firstRange: string;

  constructor(options: HerokuClientOptions) {
    const { apiKey, apiUrl, pageSize, ...tuning } = options;
    this.firstRange = `id ..; max=${pageSize ?? 1000}`;
    this.http = createHttpClient({
      ...tuning,
      api: "Heroku",
      baseUrl: apiUrl,
      secrets: [apiKey],
      headers: {
        Accept: "application/vnd.heroku+json; version=3",
        Authorization: `Bearer ${apiKey}`,
        "User-Agent": userAgent(),
      },
      parseError: parseHerokuError,
    });
  }

  /**
   * Reads an app.
   *
   * @param appIdentity - app name or UUID.
   * @throws {@link ApiError} with status 404 when there is no such app (or the key cannot see it).
   */
  async getApp(appIdentity: string): Promise<HerokuApp> {
    const response = await this.http.get(`/apps/${segment(appIdentity)}`);
    return expectShape("Heroku", response, herokuAppSchema);
  }

  /** Lists every app the API key's account can see (its own, its teams' and shared ones), all pages. */
  async listApps(): Promise<HerokuApp[]> {
    return this.listAll("/apps", herokuAppSchema);
  }

  /**
   * Lists the apps of a Heroku team, all pages.
   *
   * @param teamIdentity - team name or UUID.
   * @throws {@link ApiError} with status 404 when there is no such team (or the key cannot see it).
   */
  async listTeamApps(teamIdentity: string): Promise<HerokuApp[]> {
    return this.listAll(`/teams/${segment(teamIdentity)}/apps`, herokuAppSchema);
  }

  /**
   * Lists every webhook of an app, following Heroku's `Range` / `Next-Range` pagination.
   *
   * @param appIdentity - app name or UUID.
   */
  async listWebhooks(appIdentity: string): Promise<HerokuWebhook[]> {
    return this.listAll(`/apps/${segment(appIdentity)}/webhooks`, herokuWebhookSchema);
  }

  /**
   * Reads one webhook.
   *
   * @param appIdentity - app name or UUID.
   * @param webhookId - webhook UUID.
   * @throws {@link ApiError} with status 404 when the app or webhook does not exist.
   */
  async getWebhook(appIdentity: string, webhookId: string): Promise<HerokuWebhook> {
    const response = await this.http.get(`/apps/${segment(appIdentity)}/webhooks/${segment(webhookId)}`);
    return expectShape("Heroku", response, herokuWebhookSchema);
  }

  /**
   * Creates a webhook. This POST is not retried after a timeout, a dropped connection or a 5xx,
   * because Heroku may have created the webhook before the answer was lost; the caller should list
   * the app's webhooks to find out (a 429 or a refused connection is still retried).
   *
   * @param appIdentity - app name or UUID.
   * @param settings - URL, entities, level, and the optional secret and authorization.
   * @returns the webhook and, when Heroku generated the signing secret, that secret (shown only once).
   */
  async createWebhook(appIdentity: string, settings: HerokuWebhookSettings): Promise<CreatedHerokuWebhook> {
    const response = await this.http.post(`/apps/${segment(appIdentity)}/webhooks`, settings, {
      redactSecrets: secretsIn(settings),
    });
    const webhook = expectShape("Heroku", response, herokuWebhookSchema);
    const generatedSecret = headerString(response, "heroku-webhook-secret");
    return generatedSecret === undefined ? { webhook } : { webhook, generatedSecret };
  }

  /**
   * Changes some fields of a webhook (PATCH; fields left out stay as they are).
   *
   * @param appIdentity - app name or UUID.
   * @param webhookId - webhook UUID.
   * @param changes - fields to set; `null` clears `secret` or `authorization`.
   */
  async updateWebhook(
    appIdentity: string,
    webhookId: string,
    changes: HerokuWebhookChanges,
  ): Promise<HerokuWebhook> {
    return (await this.updateWebhookReadingSecret(appIdentity, webhookId, changes)).webhook;
  }

  /**
   * {@link updateWebhook}, also returning the signing secret Heroku generates when `changes.secret` is
   * null (in the `Heroku-Webhook-Secret` response header, shown only this once).
   *
   * @param appIdentity - app name or UUID.
   * @param webhookId - webhook UUID.
   * @param changes - fields to set; `null` clears `secret` (Heroku generates a new one) or `authorization`.
   */
  async updateWebhookReadingSecret(
    appIdentity: string,
    webhookId: string,
    changes: HerokuWebhookChanges,
  ): Promise<CreatedHerokuWebhook> {
    const response = await this.http.patch(
      `/apps/${segment(appIdentity)}/webhooks/${segment(webhookId)}`,
      changes,
      { redactSecrets: secretsIn(changes) },
    );
    const webhook = expectShape("Heroku", response, herokuWebhookSchema);
    const generatedSecret = headerString(response, "heroku-webhook-secret");
    return generatedSecret === undefined ? { webhook } : { webhook, generatedSecret };
  }

  /**
   * Deletes a webhook. A 404 is thrown as an {@link ApiError}, which callers removing a resource
   * usually treat as success (`isNotFoundError`): a retried DELETE whose first answer was lost gets one.
   *
   * @param appIdentity - app name or UUID.
   * @param webhookId - webhook UUID.
   * @returns the deleted webhook, or undefined when Heroku answers without a body.
   */
  async deleteWebhook(appIdentity: string, webhookId: string): Promise<HerokuWebhook | undefined> {
    const response = await this.http.delete(`/apps/${segment(appIdentity)}/webhooks/${segment(webhookId)}`);
    return response.data === undefined ? undefined : expectShape("Heroku", response, herokuWebhookSchema);
  }

  /**
   * Lists the delivery attempts of an app's webhooks (all pages), to check that events reach their target.
   *
   * @param appIdentity - app name or UUID.
   */
  async listWebhookDeliveries(appIdentity: string): Promise<HerokuWebhookDelivery[]> {
    return this.listAll(`/apps/${segment(appIdentity)}/webhook-deliveries`, herokuWebhookDeliverySchema);
  }

  /** How many API calls the account may still make before Heroku answers 429 (this call is free). */
  async getRateLimitRemaining(): Promise<number> {
    const response = await this.http.get("/account/rate-limits");
    return expectShape("Heroku", response, herokuRateLimitSchema).remaining;
  }

  private async listAll<Schema extends z.ZodType>(path: string, item: Schema): Promise<z.output<Schema>[]> {
    const items: z.output<Schema>[] = [];
    let range = this.firstRange;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await this.http.get(path, { headers: { Range: range } });
      items.push(...expectShape("Heroku", response, z.array(item)));
      const nextRange = response.status === 206 ? headerString(response, "next-range") : undefined;
      if (nextRange === undefined) return items;
      range = nextRange;
    }
    throw new ApiError({
      api: "Heroku",
      method: "GET",
      path,
      kind: "malformed-response",
      retryable: false,
      reason: `pagination did not end after ${MAX_PAGES} pages`,
    });
  }
}

/** Reads Heroku's `{id, message}` error body and `Request-Id` header, with a hint for common statuses. */
export const parseHerokuError: ErrorParser = (response) => {
  const body = herokuErrorBodySchema.safeParse(response.body);
  const errorId = body.success ? body.data.id : undefined;
  return {
    errorId,
    apiMessage: body.success ? body.data.message : undefined,
    requestId: response.header("request-id"),
    hint: herokuHint(response.status, errorId),
  };
};

function herokuHint(status: number, errorId: string | undefined): string | undefined {
  if (status === 401) {
    return "Check the Heroku API key (heroku:apiKey or HEROKU_API_KEY); `heroku authorizations:create` makes a new one";
  }
  if (status === 403) return "The Heroku account behind the API key lacks access to this app";
  if (status === 404 && errorId === "not_found")
    return "Check the app name or id and that the API key's account can see it";
  if (status === 429)
    return "Heroku's per-account rate limit was reached; it refills about 75 calls a minute, run again later";
  return undefined;
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function secretsIn(fields: { secret?: string | null; authorization?: string | null }): string[] {
  return [fields.secret, fields.authorization].filter((value): value is string => typeof value === "string");
}

function headerString(response: AxiosResponse, name: string): string | undefined {
  const value: unknown = response.headers[name];
  if (typeof value === "string" && value !== "") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}
