export * from "./errors";
export * from "./settings";
