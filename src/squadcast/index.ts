export * from "./alert-source";
export * from "./dedup-key-overlay";
