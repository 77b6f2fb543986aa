export * from "./errors";
export * from "./settings";
export * from "./transport";
export * from "./plugin-config";
export * from "./stored-credentials";
