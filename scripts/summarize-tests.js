#!/usr/bin/env node
// Turns jest's JSON result into the one closing line CI reads: "N passed, N failed" (", N skipped" when
// any). A suite that failed to load counts as one failure, so a broken file cannot pass silently. The
// peak memory of the run (test-results/peak-rss.txt, from scripts/peak-rss.js) comes on the line before.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const resultFile = process.argv[2];
const peakFile = resultFile && path.join(path.dirname(resultFile), "peak-rss.txt");
if (peakFile && fs.existsSync(peakFile)) process.stdout.write(fs.readFileSync(peakFile, "utf8"));
if (!resultFile || !fs.existsSync(resultFile)) {
  console.log("0 passed, 1 failed");
  process.exit(0);
}
const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
const failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
const skipped = result.numPendingTests + result.numTodoTests;
console.log(`${result.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
