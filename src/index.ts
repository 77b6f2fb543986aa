export * as heroku from "./heroku";
export * as squadcast from "./squadcast";
export * as mapping from "./mapping";
export * from "./components";
