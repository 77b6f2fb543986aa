#!/usr/bin/env bash
# `npm run bench:discover [-- --sizes 100,500 --latency-ms 50]`: the cost of `heroku-squadcast discover`
# (requests per app, wall time) against the sandbox. Needs no Pulumi CLI: the scan is plain API calls.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx tsc -p scripts/bench/tsconfig.json
node node_modules/.cache/pulumi-heroku-squadcast-bench/scripts/bench/discover.js "$@"
