export * as heroku from "./heroku";
export * as squadcast from "./squadcast";
export * as sentry from "./sentry";
export * as mapping from "./mapping";
export * from "./components";
export * from "./verify";
export * from "./discover";
