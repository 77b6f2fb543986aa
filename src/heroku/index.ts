export * from "./app-webhook";
export * from "./webhook-settings";
export type { HerokuWebhook } from "../clients/heroku/types";
