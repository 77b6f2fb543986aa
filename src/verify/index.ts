export * from "./types";
export * from "./verify-integration";
export { TEST_EVENT_MARKER } from "./test-event";
export { RECENT_DELIVERY_HOURS, RECENT_DELIVERY_LIMIT } from "./deliveries";
export * from "./verify-fleet";
export * from "./verify-sentry";
