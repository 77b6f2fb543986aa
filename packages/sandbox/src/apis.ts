/**
 * The emulated APIs, as named in the request log and in fault targets. `ingestion` is the part of the
 * Squadcast API host that receives alert-source webhooks: it has no auth and its own failure modes, so it
 * is told apart from the rest of `squadcast`.
 */
export type SandboxApi = "heroku" | "squadcast" | "squadcastAuth" | "sentry" | "ingestion";

/** Every emulated API name, for validation. */
export const SANDBOX_APIS = [
  "heroku",
  "squadcast",
  "squadcastAuth",
  "sentry",
  "ingestion",
] as const satisfies readonly SandboxApi[];
