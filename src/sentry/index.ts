export * from "../clients/sentry/hook-url";
export * from "./release-webhook";
