#!/usr/bin/env bash
# Installs the locked npm dependencies when they are missing or older than the lockfile, so the README's
# commands work from a clean clone and stay fast afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[dependencies] npm ci" >&2
  npm ci --no-audit --no-fund >&2
fi

# Link node_modules/pulumi-heroku-squadcast to this checkout, so programs run from the repository (the root
# Pulumi.yaml, the examples' tests) resolve the package by name exactly as a user's program does.
node scripts/link-self.js
