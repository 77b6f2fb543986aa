export * from "./service-key";
export * from "./integration";
export * from "./deduplicate";
export * from "./fleet";
export * from "./fleet-args";
export * from "./sentry-releases";
