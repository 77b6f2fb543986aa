import { redact } from "./redact";

/** The remote APIs this package talks to, as named in error messages. */
export type ApiName = "Heroku" | "Squadcast" | "Squadcast auth" | "Sentry";

/**
 * How a call failed:
 * - `http`: the API answered with a non-2xx status;
 * - `timeout`: no answer within the time limit;
 * - `network`: the connection failed (refused, reset, DNS);
 * - `malformed-response`: a 2xx answer that is not valid JSON or not the expected shape.
 */
export type ApiErrorKind = "http" | "timeout" | "network" | "malformed-response";

/** Everything needed to build an {@link ApiError}; only `api`, `method`, `path`, `kind` and `retryable` are required. */
export interface ApiErrorDetails {
  /** Which API failed. */
  readonly api: ApiName;
  /** HTTP method in upper case, e.g. `POST`. */
  readonly method: string;
  /** Request path without its query string, e.g. `/apps/demo-app/webhooks`. */
  readonly path: string;
  /** How the call failed. */
  readonly kind: ApiErrorKind;
  /** Whether repeating the same call later could succeed (429, 5xx, timeouts, network errors). */
  readonly retryable: boolean;
  /**
   * HTTP status, when the API answered.
   *
   * @defaultValue undefined
   */
  readonly status?: number;
  /**
   * The API's own error code: Heroku's `id` (`invalid_params`), Squadcast's `meta.status`.
   *
   * @defaultValue undefined
   */
  readonly errorId?: string;
  /**
   * The API's human-readable error text.
   *
   * @defaultValue undefined
   */
  readonly apiMessage?: string;
  /**
   * Heroku's `Request-Id` response header, to quote to support.
   *
   * @defaultValue undefined
   */
  readonly requestId?: string;
  /**
   * Why the call failed when there is no API message, e.g. `timed out after 10000 ms`.
   *
   * @defaultValue undefined
   */
  readonly reason?: string;
  /**
   * What the user should do about it, appended to the message.
   *
   * @defaultValue undefined
   */
  readonly hint?: string;
  /**
   * Replaces the generated first part of the message (before the hint).
   *
   * @defaultValue generated
   */
  readonly summary?: string;
  /**
   * Values to scrub from every text field; never stored.
   *
   * @defaultValue none (well-known token shapes are still scrubbed)
   */
  readonly secrets?: readonly string[];
}

/**
 * A failed call to a remote API, with a one-line message that says what failed and, where known, what
 * to fix, e.g. `Heroku API POST /apps/demo-app/webhooks failed: 422 invalid_params: include: unknown
 * entity (request id 1b2c…)`.
 *
 * It never carries credentials: no request headers, no axios objects, and every text field is
 * redacted. This matters because Pulumi prints and stores provider errors.
 */
export class ApiError extends Error {
  /** Which API failed. */
  readonly api: ApiName;
  /** HTTP method in upper case. */
  readonly method: string;
  /** Request path without query string, secrets redacted. */
  readonly path: string;
  /** How the call failed. */
  readonly kind: ApiErrorKind;
  /** HTTP status; undefined when the API never answered. */
  readonly status?: number;
  /** The API's own error code (Heroku `id`, Squadcast `meta.status`); undefined when absent. */
  readonly errorId?: string;
  /** The API's human-readable error text, redacted; undefined when absent. */
  readonly apiMessage?: string;
  /** Heroku's `Request-Id` header; undefined for Squadcast and when absent. */
  readonly requestId?: string;
  /** Whether repeating the call later could succeed. */
  readonly retryable: boolean;

  constructor(details: ApiErrorDetails) {
    const clean = (text: string | undefined): string | undefined =>
      text === undefined ? undefined : redact(text, details.secrets ?? []);
    const path = clean(details.path) ?? "";
    const apiMessage = clean(details.apiMessage);
    super(clean(describe({ ...details, path, apiMessage })));
    this.name = "ApiError";
    this.api = details.api;
    this.method = details.method;
    this.path = path;
    this.kind = details.kind;
    this.status = details.status;
    this.errorId = clean(details.errorId);
    this.apiMessage = apiMessage;
    this.requestId = clean(details.requestId);
    this.retryable = details.retryable;
  }

  /** The safe fields, so `JSON.stringify(error)` shows the message too. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      api: this.api,
      method: this.method,
      path: this.path,
      kind: this.kind,
      status: this.status,
      errorId: this.errorId,
      apiMessage: this.apiMessage,
      requestId: this.requestId,
      retryable: this.retryable,
    };
  }
}

/**
 * Whether `error` is an {@link ApiError}, optionally from a given API.
 *
 * @param error - anything caught.
 * @param api - only match errors from this API. Default: any API.
 */
export function isApiError(error: unknown, api?: ApiName): error is ApiError {
  return error instanceof ApiError && (api === undefined || error.api === api);
}

/**
 * Whether `error` is an {@link ApiError} for an HTTP 404, i.e. the thing asked for does not exist.
 *
 * @param error - anything caught.
 */
export function isNotFoundError(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 404;
}

function describe(details: ApiErrorDetails): string {
  const summary =
    details.summary ?? `${details.api} API ${details.method} ${details.path} failed: ${cause(details)}`;
  const requestId = details.requestId ? ` (request id ${details.requestId})` : "";
  const hint = details.hint ? `. ${details.hint}` : "";
  // One line: Pulumi shows the first line of a provider error most prominently.
  return `${summary}${requestId}${hint}`.replace(/\s*[\r\n]+\s*/g, " ");
}

function cause(details: ApiErrorDetails): string {
  const parts: string[] = [];
  if (details.status !== undefined) parts.push(String(details.status));
  if (details.errorId && details.errorId !== String(details.status)) parts.push(details.errorId);
  const head = parts.join(" ");
  const text = details.apiMessage ?? details.reason;
  if (head && text) return `${head}: ${text}`;
  return head || text || "unknown error";
}
