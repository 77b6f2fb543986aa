#!/usr/bin/env node
// Development only (run by scripts/ensure-dependencies.sh; not shipped in the package):
// links node_modules/pulumi-heroku-squadcast to this checkout, so a program run with the Pulumi CLI from
// the repository root resolves the package by name, exactly as a user's program does.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-heroku-squadcast");
if (fs.existsSync(path.join(root, "node_modules")) && !fs.existsSync(link)) {
  fs.symlinkSync("..", link, "dir");
}
