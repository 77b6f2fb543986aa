export * from "./app-webhook";
export * from "./webhook-settings";
