export * from "./hook-url";
export * from "./release-webhook";
