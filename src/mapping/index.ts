export * from "./entities";
export * from "./presets";
export * from "./classify";
export * from "./entity-set";
export * from "./dedup-key";
