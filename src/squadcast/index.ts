export * from "./alert-source";
