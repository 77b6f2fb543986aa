export * from "./service-reference";
export * from "./integration";
export * from "./fleet";
export * from "./fleet-args";
export * from "./sentry-releases";
