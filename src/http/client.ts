import axios, { type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from "axios";
import axiosRetry from "axios-retry";
import type Bottleneck from "bottleneck";
import { computeRetryDelay } from "./backoff";
import type { ApiName } from "./errors";
import type {} from "./request-config";
import { parseJsonBody, requestPath } from "./response-body";
import { parseRetryAfter } from "./retry-after";
import { shouldRetry } from "./retry-policy";
import { toApiError, type ErrorParser } from "./to-api-error";

/** Reported before every attempt, including retries. */
export interface RequestEvent {
  /** Which API. */
  readonly api: ApiName;
  /** HTTP method in upper case. */
  readonly method: string;
  /** Request path without query string. */
  readonly path: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
}

/** Reported after every attempt, successful or not. */
export interface ResponseEvent extends RequestEvent {
  /** HTTP status; undefined when no response arrived. */
  readonly status?: number;
  /** Error code when no response arrived, e.g. `ECONNREFUSED`, `ETIMEDOUT`. */
  readonly code?: string;
  /** Time from sending to the answer or failure, excluding time queued in the rate limiter. */
  readonly durationMs: number;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Which API this client talks to; named in every error. */
  readonly api: ApiName;
  /** Base URL, e.g. `https://api.heroku.com` or a sandbox URL. */
  readonly baseUrl: string;
  /** Values that must never appear in an error: API keys, tokens, secrets. */
  readonly secrets: readonly (string | undefined)[];
  /**
   * Headers sent with every request.
   *
   * @defaultValue none
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Time limit for each attempt, in milliseconds.
   *
   * @defaultValue 10000 ({@link HTTP_CLIENT_DEFAULTS})
   */
  readonly timeoutMs?: number;
  /**
   * How many times a failed attempt may be retried.
   *
   * @defaultValue 4 ({@link HTTP_CLIENT_DEFAULTS})
   */
  readonly retries?: number;
  /**
   * Delay before the first retry, doubled for each further one (plus jitter).
   *
   * @defaultValue 500 ({@link HTTP_CLIENT_DEFAULTS})
   */
  readonly baseRetryDelayMs?: number;
  /**
   * Upper bound for one delay, including one asked for by `Retry-After`.
   *
   * @defaultValue 30000 ({@link HTTP_CLIENT_DEFAULTS})
   */
  readonly maxRetryDelayMs?: number;
  /**
   * No retry starts once this much time has passed since the first attempt (plus the delay).
   *
   * @defaultValue 60000 ({@link HTTP_CLIENT_DEFAULTS})
   */
  readonly maxRetryElapsedMs?: number;
  /**
   * Shared limiter through which every attempt is scheduled.
   *
   * @defaultValue none
   */
  readonly rateLimiter?: Bottleneck;
  /**
   * Reads the API's error bodies into error codes, messages and hints.
   *
   * @defaultValue status only
   */
  readonly parseError?: ErrorParser;
  /**
   * Called before every attempt, e.g. to count calls; exceptions from it are ignored.
   *
   * @defaultValue none
   */
  readonly onRequest?: (event: RequestEvent) => void;
  /**
   * Called after every attempt; exceptions from it are ignored.
   *
   * @defaultValue none
   */
  readonly onResponse?: (event: ResponseEvent) => void;
}

/** The limits and hooks an API client passes through to {@link createHttpClient}; every field is optional. */
export type HttpTuning = Pick<
  HttpClientOptions,
  | "timeoutMs"
  | "retries"
  | "baseRetryDelayMs"
  | "maxRetryDelayMs"
  | "maxRetryElapsedMs"
  | "rateLimiter"
  | "onRequest"
  | "onResponse"
>;

/** Defaults of {@link HttpClientOptions}, exported for documentation and tests. */
export const HTTP_CLIENT_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 4,
  baseRetryDelayMs: 500,
  maxRetryDelayMs: 30_000,
  maxRetryElapsedMs: 60_000,
} as const;

/**
 * Creates an axios instance for one API, with the retry, timeout, rate-limit and error behaviour that
 * every client in this package shares:
 *
 * - each attempt is limited to `timeoutMs`;
 * - 429, 5xx, timeouts and network errors are retried with exponential backoff and jitter, honouring
 *   `Retry-After` (seconds or HTTP date) up to `maxRetryDelayMs`, at most `retries` times and not past
 *   `maxRetryElapsedMs`;
 * - a POST is retried only after a 429 or a refused connection, unless the request sets
 *   `idempotent: true`, because a lost response may hide a POST the server carried out;
 * - response bodies are parsed as JSON here, so a non-JSON 2xx body becomes a clear error;
 * - every failure is thrown as an {@link ApiError} that holds no headers, tokens or axios objects.
 *
 * @param options - the API, base URL, credentials to redact, and limits.
 * @returns an axios instance; `response.data` is the parsed JSON body (undefined when empty).
 */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const timeoutMs = options.timeoutMs ?? HTTP_CLIENT_DEFAULTS.timeoutMs;
  const baseRetryDelayMs = options.baseRetryDelayMs ?? HTTP_CLIENT_DEFAULTS.baseRetryDelayMs;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? HTTP_CLIENT_DEFAULTS.maxRetryDelayMs;
  const maxRetryElapsedMs = options.maxRetryElapsedMs ?? HTTP_CLIENT_DEFAULTS.maxRetryElapsedMs;
  const secrets = options.secrets.filter((secret): secret is string => typeof secret === "string");
  const errorContext = {
    api: options.api,
    baseUrl: options.baseUrl,
    secrets,
    parseError: options.parseError,
  };

  const instance = axios.create({
    baseURL: options.baseUrl,
    headers: { Accept: "application/json", ...options.headers },
    timeout: timeoutMs,
    // Bodies are parsed below rather than by axios, which silently hands back a string for bad JSON.
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
    // The APIs do not redirect; following one could send credentials to another host.
    maxRedirects: 0,
    adapter: instrumentedAdapter(options),
  });

  // Decided in retryCondition (which knows whether time remains) and used by retryDelay for the same attempt.
  const plannedDelays = new WeakMap<object, number>();
  axiosRetry(instance, {
    retries: options.retries ?? HTTP_CLIENT_DEFAULTS.retries,
    // Every attempt gets the full time limit; the total is bounded by maxRetryElapsedMs instead.
    shouldResetTimeout: true,
    retryCondition: (error) => {
      const config = error.config;
      if (!config) return false;
      const retryable = shouldRetry({
        method: config.method ?? "get",
        status: error.response?.status,
        code: error.code,
        idempotent: config.idempotent,
      });
      if (!retryable) return false;
      const delay = computeRetryDelay({
        retryNumber: (config["axios-retry"]?.retryCount ?? 0) + 1,
        baseDelayMs: baseRetryDelayMs,
        maxDelayMs: maxRetryDelayMs,
        retryAfterMs: parseRetryAfter(error.response?.headers["retry-after"]),
      });
      const elapsed = Date.now() - (config.firstAttemptAt ?? Date.now());
      if (elapsed + delay > maxRetryElapsedMs) return false;
      plannedDelays.set(config, delay);
      return true;
    },
    retryDelay: (_retryNumber, error) => (error.config ? (plannedDelays.get(error.config) ?? 0) : 0),
  });

  instance.interceptors.request.use((config) => {
    config.firstAttemptAt ??= Date.now();
    return config;
  });
  // Registered after axios-retry's, so it sees only the final outcome of all attempts.
  instance.interceptors.response.use(
    (response) => {
      response.data = parseJsonBody(options.api, response, [
        ...secrets,
        ...(response.config.redactSecrets ?? []),
      ]);
      return response;
    },
    (error: unknown) => Promise.reject(toApiError(error, errorContext)),
  );
  return instance;
}

function instrumentedAdapter(options: HttpClientOptions): AxiosAdapter {
  const transport = axios.getAdapter(axios.defaults.adapter);
  return async (config: InternalAxiosRequestConfig) => {
    const event: RequestEvent = {
      api: options.api,
      method: (config.method ?? "get").toUpperCase(),
      path: requestPath(config.url),
      attempt: (config["axios-retry"]?.retryCount ?? 0) + 1,
    };
    let startedAt = Date.now();
    const send = () => {
      startedAt = Date.now();
      notify(options.onRequest, event);
      return transport(config);
    };
    const queued = options.rateLimiter ? options.rateLimiter.schedule(send) : send();
    try {
      const response = await queued;
      notify(options.onResponse, { ...event, status: response.status, durationMs: Date.now() - startedAt });
      return response;
    } catch (error) {
      const failure = error as { response?: { status?: number }; code?: string };
      notify(options.onResponse, {
        ...event,
        status: failure.response?.status,
        code: failure.response ? undefined : failure.code,
        durationMs: Date.now() - startedAt,
      });
      throw error;
    }
  };
}

function notify<Event>(hook: ((event: Event) => void) | undefined, event: Event): void {
  try {
    hook?.(event);
  } catch {
    // Counting must never break a call.
  }
}
