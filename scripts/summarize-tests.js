#!/usr/bin/env node
// Turns jest's JSON result into the one closing line CI reads: "N passed, N failed" (", N skipped" when
// any). A suite that failed to load counts as one failure, so a broken file cannot pass silently.
"use strict";
const fs = require("node:fs");

const resultFile = process.argv[2];
if (!resultFile || !fs.existsSync(resultFile)) {
  console.log("0 passed, 1 failed");
  process.exit(0);
}
const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
const failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
const skipped = result.numPendingTests + result.numTodoTests;
console.log(`${result.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
