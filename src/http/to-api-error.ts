import { isAxiosError, type AxiosResponseHeaders, type RawAxiosResponseHeaders } from "axios";
import { ApiError, type ApiName } from "./errors";
import type {} from "axios-retry";
import type {} from "./request-config";
import { parseBodyLoosely, requestPath } from "./response-body";
import { isTransientFailure } from "./retry-policy";

/** An error response, as handed to an {@link ErrorParser}. */
export interface ErrorResponse {
  /** HTTP status. */
  readonly status: number;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  readonly body: unknown;
  /** Reads a response header, case-insensitively; undefined when absent. */
  header(name: string): string | undefined;
}

/** What an API-specific {@link ErrorParser} extracts from an error response. Every field is optional. */
export interface ParsedErrorResponse {
  /**
   * The API's error code, e.g. Heroku `invalid_params`.
   *
   * @defaultValue none
   */
  readonly errorId?: string;
  /**
   * The API's human-readable error text.
   *
   * @defaultValue none
   */
  readonly apiMessage?: string;
  /**
   * A request id to quote to support.
   *
   * @defaultValue none
   */
  readonly requestId?: string;
  /**
   * What the user should do, when the API and status make it clear.
   *
   * @defaultValue a generic hint by status
   */
  readonly hint?: string;
}

/** Turns an API's error response into the fields of an {@link ApiError}. */
export type ErrorParser = (response: ErrorResponse) => ParsedErrorResponse;

/** Context of {@link toApiError}. */
export interface ErrorContext {
  /** Which API was called. */
  readonly api: ApiName;
  /** The base URL, named in connection errors so a wrong endpoint override is easy to spot. */
  readonly baseUrl: string;
  /** Values to redact. */
  readonly secrets: readonly string[];
  /**
   * The API-specific parser.
   *
   * @defaultValue none (status only)
   */
  readonly parseError?: ErrorParser;
}

const CONNECTION_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection closed while sending",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ERR_CANCELED: "cancelled",
};

/**
 * Converts anything an axios call rejects with into an {@link ApiError} built from the minimum
 * needed. Axios errors carry the request config (with the `Authorization` header), the Node request
 * and the response; none of that is kept. Errors that are not axios errors (a bug, or an ApiError
 * from a request interceptor) are returned unchanged.
 *
 * @param error - the rejection.
 * @param context - the API and how to read its error bodies.
 */
export function toApiError(error: unknown, context: ErrorContext): unknown {
  if (error instanceof ApiError || !isAxiosError(error)) return error;
  const config = error.config;
  const method = (config?.method ?? "get").toUpperCase();
  const path = requestPath(config?.url);
  const attempts = (config?.["axios-retry"]?.retryCount ?? 0) + 1;
  const secrets = [...context.secrets, ...(config?.redactSecrets ?? [])];
  const base = { api: context.api, method, path, secrets };

  if (error.response) {
    const status = error.response.status;
    const headers = error.response.headers;
    const body = parseBodyLoosely(error.response.data);
    const parsed = context.parseError?.({ status, body, header: (name) => headerValue(headers, name) }) ?? {};
    const notJson = typeof body === "string" ? "the response body is not JSON" : undefined;
    return new ApiError({
      ...base,
      kind: "http",
      status,
      errorId: parsed.errorId,
      apiMessage: parsed.apiMessage,
      requestId: parsed.requestId,
      reason: withAttempts(notJson, attempts),
      retryable: isTransientFailure(status, undefined),
      hint: parsed.hint ?? hintForStatus(context.api, status, method, config?.idempotent),
    });
  }

  const code = error.code;
  const timedOut = code === "ETIMEDOUT" || (code === "ECONNABORTED" && /timeout/i.test(error.message));
  if (timedOut) {
    const reason = config?.timeout ? `timed out after ${config.timeout} ms` : "timed out";
    return new ApiError({
      ...base,
      kind: "timeout",
      reason: withAttempts(reason, attempts),
      retryable: true,
      hint: lostResponseHint(method, config?.idempotent) ?? `Check that ${context.baseUrl} is reachable`,
    });
  }
  const description = (code && CONNECTION_ERRORS[code]) ?? "network error";
  return new ApiError({
    ...base,
    kind: "network",
    reason: withAttempts(`${description} (${code ?? "no code"}) at ${safeOrigin(context.baseUrl)}`, attempts),
    retryable: isTransientFailure(undefined, code),
    hint:
      code === "ECONNREFUSED" || code === "ENOTFOUND"
        ? `Check the ${context.api} API URL and that the server is running`
        : lostResponseHint(method, config?.idempotent),
  });
}

function withAttempts(reason: string | undefined, attempts: number): string | undefined {
  if (attempts <= 1) return reason;
  return reason ? `${reason} (after ${attempts} attempts)` : `after ${attempts} attempts`;
}

function hintForStatus(
  api: ApiName,
  status: number,
  method: string,
  idempotent: boolean | undefined,
): string | undefined {
  if (status === 401) return `Check the ${api} credentials`;
  if (status === 403) return `The ${api} credentials lack permission for this request`;
  if (status === 429) return `The ${api} API rate limit was reached; wait a minute and run again`;
  if (status >= 500)
    return lostResponseHint(method, idempotent) ?? `The ${api} API had a problem; run again later`;
  return undefined;
}

// A POST that failed without a clear answer may still have been carried out; repeating it blindly
// could create a duplicate, so say so instead of retrying.
function lostResponseHint(method: string, idempotent: boolean | undefined): string | undefined {
  if (method !== "POST" || idempotent) return undefined;
  return "The request was not repeated because the server may have acted on it; check before running again";
}

function headerValue(
  headers: RawAxiosResponseHeaders | AxiosResponseHeaders,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
    return Array.isArray(value) ? value.join(", ") : String(value);
  }
  return undefined;
}

// The base URL could in theory carry userinfo; only scheme, host and port are useful in a message.
function safeOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return "the configured URL";
  }
}
