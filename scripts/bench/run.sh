#!/usr/bin/env bash
# `npm run bench [-- flags]`: builds the package (provider processes load dist/), compiles the benchmark
# with its own tsconfig into node_modules/.cache, puts the Pulumi CLI on PATH and runs it. Not part of
# the test suite: it takes minutes and prints figures rather than asserting them.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/pulumi-cli.sh
source scripts/pulumi-cli.sh
npm run --silent build
npx tsc -p scripts/bench/tsconfig.json
node node_modules/.cache/pulumi-heroku-squadcast-bench/scripts/bench/main.js "$@"
# The results section is generated; keep the files as the repository's formatter wants them.
if [ -f docs/benchmarks.md ]; then npx prettier --log-level warn --write docs/benchmarks.md docs/benchmarks.json; fi
