export * from "./service-reference";
export * from "./integration";
export * from "./fleet";
export * from "./sentry-releases";
