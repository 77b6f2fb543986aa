#!/usr/bin/env bash
# The README's main command: the whole path from a Heroku app to Squadcast incidents on the local sandbox,
# with the real Pulumi engine and a file backend in a temporary directory (no account, no login).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh
# shellcheck source=scripts/pulumi-cli.sh
source scripts/pulumi-cli.sh
npm run --silent build
node dist/demo/main.js
