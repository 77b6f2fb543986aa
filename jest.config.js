// Three suites that mirror the three kinds of test in test/: pure units, the provider and clients
// against the sandbox over real HTTP, and end-to-end runs of the real Pulumi engine.
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
      transform,
      testEnvironment: "node",
    },
    {
      displayName: "sandbox",
      testMatch: ["<rootDir>/test/sandbox/**/*.test.ts"],
      transform,
      testEnvironment: "node",
    },
    {
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      transform,
      testEnvironment: "node",
      globalSetup: "<rootDir>/test/e2e/harness/global-setup.ts",
    },
  ],
  testTimeout: 120_000,
};
