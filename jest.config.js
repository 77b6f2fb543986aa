// Three suites that mirror the three kinds of test in test/: pure units, the provider and clients
// against the sandbox over real HTTP, and end-to-end runs of the real Pulumi engine; plus the sandbox
// package's own tests, by its own config (packages/sandbox/jest.config.js), counted in the same run.
// Tests load the sandbox package by name from its TypeScript source, so no build is needed.
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
const moduleNameMapper = {
  "^heroku-squadcast-sandbox$": "<rootDir>/packages/sandbox/src/index.ts",
  "^heroku-squadcast-sandbox/testing$": "<rootDir>/packages/sandbox/src/testing.ts",
};

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
      testMatch: ["<rootDir>/test/sandbox/**/*.test.ts"],
      transform,
      moduleNameMapper,
      testEnvironment: "node",
    },
    "<rootDir>/packages/sandbox",
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
  // Two workers on this 2-core machine (jest's default is one fewer than the cores): most of an e2e file's
  // time is spent waiting on the engine, the sandbox's simulated latency and child processes, so a second
  // worker overlaps that waiting instead of leaving a core idle.
  maxWorkers: 2,
  // Run test files in worker processes (with a memory limit, jest uses workers even on one CPU), restarted
  // after a file that leaves more than 300 MB of JavaScript heap. Each e2e file leaves 30-100 MB behind
  // (modules the engine's runtime keeps alive), and a worker's resident memory runs at two to three times
  // its heap: at 1 GB one worker reached 3.4 GB, at 512 MB 1.5 GB, where one process running every file
  // grew past 8 GB.
  workerIdleMemoryLimit: "300MB",
};
