export * from "./types";
export * from "./plan";
export * from "./program";
export * from "./scan";
export * from "./discover";
