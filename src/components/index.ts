export * from "./service-reference";
export * from "./integration";
export * from "./fleet";
