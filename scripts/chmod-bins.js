#!/usr/bin/env node
// Runs after `npm run build` (of the library, and of the sandbox package with its directory as argument):
// tsc writes files without the executable bit, so the bins named in package.json could not be run from a
// checkout as `./dist/.../bin.js`. (npm sets the bit itself when it installs the package; this is for the
// checkout.) A bin whose source does not exist yet is skipped.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(process.argv[2] ?? path.join(__dirname, ".."));
const { bin = {} } = require(path.join(root, "package.json"));
for (const target of Object.values(bin)) {
  const file = path.join(root, target);
  if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
}
