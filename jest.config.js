// Three suites that mirror the three kinds of test in test/: pure units, the provider and clients
// against the sandbox over real HTTP (with the sandbox package's own tests), and end-to-end runs of the
// real Pulumi engine. Tests load the sandbox package from its TypeScript source, so no build is needed.
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
const moduleNameMapper = { "^heroku-squadcast-sandbox$": "<rootDir>/packages/sandbox/src/index.ts" };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
      transform,
      moduleNameMapper,
      testEnvironment: "node",
    },
    {
      displayName: "sandbox",
      testMatch: ["<rootDir>/test/sandbox/**/*.test.ts", "<rootDir>/packages/sandbox/test/**/*.test.ts"],
      transform,
      moduleNameMapper,
      testEnvironment: "node",
    },
    {
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      transform,
      moduleNameMapper,
      testEnvironment: "node",
      globalSetup: "<rootDir>/test/e2e/harness/global-setup.ts",
    },
  ],
  testTimeout: 120_000,
  // Run test files in worker processes, restarted once they hold more than 1 GB after a file: one
  // process running every file grew past 8 GB. With a memory limit, jest uses workers even on one CPU.
  workerIdleMemoryLimit: "1GB",
};
