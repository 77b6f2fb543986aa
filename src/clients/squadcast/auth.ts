import type { AxiosInstance } from "axios";
import { ApiError, createHttpClient, expectShape, isApiError, userAgent, type HttpTuning } from "../../http";
import { accessTokenSchema, inEnvelope, parseSquadcastError } from "./schemas";

/** Anything that hands out Squadcast access tokens; {@link SquadcastTokenSource} is the real one. */
export interface AccessTokenProvider {
  /** A valid access token, exchanging the refresh token when needed. */
  getAccessToken(): Promise<string>;
  /**
   * Forgets the cached token after the API rejected it (401), so the next call exchanges again.
   *
   * @param rejectedToken - the token that was rejected; when another caller already replaced it, the
   *   newer token is kept. Default: forget whatever is cached.
   */
  invalidate(rejectedToken?: string): void;
}

/** Options of {@link SquadcastTokenSource}. */
export interface SquadcastTokenSourceOptions extends HttpTuning {
  /** The refresh token from Squadcast (Profile → API Refresh Token, or Settings → API Tokens). */
  readonly refreshToken: string;
  /** Base URL of the token exchange, e.g. `https://auth.squadcast.com` or the sandbox URL. */
  readonly authUrl: string;
  /**
   * Exchange again this long before the token's `expires_at`.
   *
   * @defaultValue 60000 (one minute)
   */
  readonly refreshMarginMs?: number;
  /**
   * The clock, replaceable in tests.
   *
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
}

// Squadcast documents expires_at in seconds; a value this large can only be milliseconds.
const MILLISECOND_TIMESTAMP_THRESHOLD = 1e12;

/**
 * Exchanges a Squadcast refresh token for access tokens (`GET /oauth/access-token` with the
 * `X-Refresh-Token` header) and caches each until one minute before it expires. Concurrent callers
 * share one in-flight exchange, so the parallel resources of one `pulumi up` cause one exchange.
 *
 * Neither token ever appears in an error: a rejected refresh token gives a one-line message saying
 * how to replace it.
 */
export class SquadcastTokenSource implements AccessTokenProvider {
  private readonly http: AxiosInstance;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;
  private cached?: { readonly token: string; readonly expiresAt: number };
  private inFlight?: Promise<string>;

  constructor(options: SquadcastTokenSourceOptions) {
    const { refreshToken, authUrl, refreshMarginMs, now, ...tuning } = options;
    this.refreshMarginMs = refreshMarginMs ?? 60_000;
    this.now = now ?? Date.now;
    this.http = createHttpClient({
      ...tuning,
      api: "Squadcast auth",
      baseUrl: authUrl,
      secrets: [refreshToken],
      headers: { "X-Refresh-Token": refreshToken, "User-Agent": userAgent() },
      parseError: parseSquadcastError,
    });
  }

  /**
   * A valid access token: the cached one while more than the margin remains, otherwise a fresh one.
   *
   * @throws {@link ApiError} (api `Squadcast auth`) when the exchange fails; a 401 or 403 says the
   *   refresh token was rejected and how to replace it.
   */
  async getAccessToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - this.refreshMarginMs) return this.cached.token;
    this.inFlight ??= this.exchange().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** {@inheritDoc AccessTokenProvider.invalidate} */
  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.cached?.token === rejectedToken) this.cached = undefined;
  }

  private async exchange(): Promise<string> {
    try {
      const response = await this.http.get("/oauth/access-token");
      const data = expectShape("Squadcast auth", response, inEnvelope(accessTokenSchema));
      const expiresAt =
        data.expires_at > MILLISECOND_TIMESTAMP_THRESHOLD ? data.expires_at : data.expires_at * 1000;
      this.cached = { token: data.access_token, expiresAt };
      return data.access_token;
    } catch (error) {
      throw rejectedRefreshToken(error) ?? error;
    }
  }
}

function rejectedRefreshToken(error: unknown): ApiError | undefined {
  if (!isApiError(error, "Squadcast auth") || (error.status !== 401 && error.status !== 403))
    return undefined;
  return new ApiError({
    api: error.api,
    method: error.method,
    path: error.path,
    kind: error.kind,
    status: error.status,
    errorId: error.errorId,
    apiMessage: error.apiMessage,
    retryable: false,
    summary:
      `Squadcast rejected the refresh token (${error.status}): create a new one in Squadcast under ` +
      "Profile → API Refresh Token (or Settings → API Tokens) and set squadcast:refreshToken " +
      "(`pulumi config set --secret squadcast:refreshToken <token>`) or SQUADCAST_REFRESH_TOKEN",
  });
}
