/** Per-request options this package adds to axios's request config. */
export interface RequestSafetyOptions {
  /**
   * The caller made this request safe to repeat (for instance a POST it de-duplicates before sending),
   * so it is retried after a timeout, a dropped connection or a 5xx like a GET.
   *
   * @defaultValue false, so a POST is retried only after a 429 or when the connection was refused
   */
  idempotent?: boolean;
  /**
   * Extra values to scrub from any error about this request, e.g. a webhook secret sent in the body.
   *
   * @defaultValue none
   */
  redactSecrets?: string[];
  /** Set by the HTTP client on the first attempt (epoch ms) to bound total retry time; do not set it. */
  firstAttemptAt?: number;
}

declare module "axios" {
  // Declaration merging is how axios expects per-request options to be added (axios-retry does the same).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AxiosRequestConfig extends RequestSafetyOptions {}
}
