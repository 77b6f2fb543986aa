// The sandbox package's own tests, run by `npm test` here (or `npm test --workspace
// heroku-squadcast-sandbox`); the repository's jest config lists this directory as one of its projects,
// so the root `npm test` runs them once, in the same count. Tests load the TypeScript source: no build.

/** @type {import('jest').Config} */
module.exports = {
  displayName: "sandbox-package",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json" }] },
  testEnvironment: "node",
  testTimeout: 120_000,
};
