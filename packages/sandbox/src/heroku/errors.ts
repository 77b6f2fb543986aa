/** The Platform API's error id for each status, from Heroku's platform-api-reference. */
const ERROR_IDS: Readonly<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  402: "delinquent",
  403: "forbidden",
  404: "not_found",
  406: "not_acceptable",
  409: "conflict",
  410: "gone",
  413: "request_entity_too_large",
  416: "requested_range_not_satisfiable",
  422: "invalid_params",
  429: "rate_limit",
  500: "internal_server_error",
  503: "unavailable",
};

/** A Heroku error body. */
export interface HerokuErrorBody {
  /** Machine-readable error id, such as `not_found`. */
  readonly id: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** Documentation link, sent with some errors. */
  readonly url?: string;
}

/** Renders an error in the Platform API's `{id, message}` shape. */
export function renderHerokuError(statusCode: number, message: string, errorId?: string): HerokuErrorBody {
  const id =
    errorId ?? ERROR_IDS[statusCode] ?? (statusCode >= 500 ? "internal_server_error" : "bad_request");
  if (id === "rate_limit") {
    return {
      id,
      message:
        "Your account reached the API rate limit. Please wait a few minutes before making new requests.",
      url: "https://devcenter.heroku.com/articles/platform-api-reference#rate-limits",
    };
  }
  return { id, message };
}
