export * from "./server";
export * from "./admin-client";
export * from "./fixture";
export * from "./apis";
export * from "./context";
export * from "./faults";
export * from "./request-log";
export * from "./sentry/hook-url";
export * from "./heroku/schemas";
export type { HerokuRateLimitOptions } from "./heroku/rate-limit";
export type {
  HerokuApp,
  HerokuWebhook,
  HerokuWebhookDelivery,
  HerokuWebhookEvent,
  WebhookLevel,
} from "./heroku/state";
export type { DeliveryOutcome, SimulatedEvent, SimulatedEventResult } from "./heroku/deliveries";
export type { DedupKeyOverlay } from "./squadcast/dedup-key-overlay";
export { ALERT_SOURCE_CATALOG, type AlertSourceType } from "./squadcast/catalog";
export type { IngestedPayload, SquadcastIncident, SquadcastService, SquadcastTeam } from "./squadcast/state";
export type { SentryDeploy, SentryHookOutcome, SentryProject, SentryRelease } from "./sentry/state";
