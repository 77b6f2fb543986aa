export * from "./app-webhook";
