import type { AxiosResponse, InternalAxiosRequestConfig } from "axios";
import type { z } from "zod";
import { ApiError, type ApiName } from "./errors";
import type {} from "./request-config";
import { createRedactor } from "./redact";

// Enough of a bad body to recognise it (an HTML page, a proxy banner) without dumping it.
const EXCERPT_LENGTH = 60;

/**
 * The path of a request as shown in errors: no base URL, no query string (query values may be names
 * or keys the user would rather not see in CI logs).
 *
 * @param url - the request URL, relative to the base URL or absolute.
 * @returns e.g. `/apps/demo-app/webhooks`.
 */
export function requestPath(url: string | undefined): string {
  if (!url) return "/";
  let path = url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      path = new URL(url).pathname;
    } catch {
      path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
    }
  }
  path = path.split(/[?#]/)[0] ?? "";
  return path.startsWith("/") ? path : `/${path}`;
}

/**
 * Parses a response body that was received as text. An empty body becomes `undefined`; a body that is
 * not JSON is returned unchanged as a string, for error responses whose body is only informative.
 *
 * @param data - the raw body.
 */
export function parseBodyLoosely(data: unknown): unknown {
  if (typeof data !== "string") return data;
  if (data.trim() === "") return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/**
 * Parses the JSON body of a successful response, or throws an {@link ApiError} of kind
 * `malformed-response` saying the body is not valid JSON. Never lets a raw `SyntaxError` escape.
 *
 * @param api - the API, for the message.
 * @param response - the response, whose `data` is the body as text.
 * @param secrets - values to keep out of the excerpt shown in the message.
 * @returns the parsed body, or undefined for an empty one (e.g. 204).
 */
export function parseJsonBody(api: ApiName, response: AxiosResponse, secrets: readonly string[]): unknown {
  const data: unknown = response.data;
  if (typeof data !== "string") return data;
  if (data.trim() === "") return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    const contentType = String(response.headers["content-type"] ?? "no content type").split(";")[0];
    const excerpt = createRedactor(secrets)(data.slice(0, EXCERPT_LENGTH).replace(/\s+/g, " ").trim());
    throw malformed(api, response.config, response.status, secrets, {
      what: `not valid JSON (${response.status}, ${contentType}, starts with ${JSON.stringify(excerpt)})`,
      hint: `Check that the ${api} API URL points at the API itself, not at a proxy or web page`,
    });
  }
}

/**
 * Validates a parsed body against a zod schema, or throws an {@link ApiError} of kind
 * `malformed-response` naming the first mismatches (paths and expectations, never the values,
 * which may include keys).
 *
 * @param api - the API, for the message.
 * @param response - the response whose parsed `data` is checked.
 * @param schema - the expected shape.
 * @returns the body, typed.
 */
export function expectShape<Schema extends z.ZodType>(
  api: ApiName,
  response: AxiosResponse,
  schema: Schema,
): z.output<Schema> {
  const result = schema.safeParse(response.data);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
  throw malformed(api, response.config, response.status, [], {
    what: `not the expected shape (${problems})`,
    hint: `The ${api} API may have changed; please report this with the request above`,
  });
}

function malformed(
  api: ApiName,
  config: InternalAxiosRequestConfig,
  status: number,
  secrets: readonly string[],
  detail: { what: string; hint: string },
): ApiError {
  const method = (config.method ?? "get").toUpperCase();
  const path = requestPath(config.url);
  return new ApiError({
    api,
    method,
    path,
    kind: "malformed-response",
    status,
    retryable: false,
    summary: `${api} API ${method} ${path} returned a response that is ${detail.what}`,
    hint: detail.hint,
    secrets: [...secrets, ...(config.redactSecrets ?? [])],
  });
}
