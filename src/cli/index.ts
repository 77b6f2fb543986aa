export * from "./io";
export * from "./run-cli";
export * from "./usage";
