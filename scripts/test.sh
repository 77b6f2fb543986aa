#!/usr/bin/env bash
# The README's test command: installs what is missing, puts a Pulumi CLI on PATH (built from Go modules
# the first time), type-checks, lints, builds, then runs every suite (unit, sandbox, end-to-end on the real
# engine) and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-dependencies.sh
# shellcheck source=scripts/pulumi-cli.sh
source scripts/pulumi-cli.sh

npm run --silent typecheck
npm run --silent lint
npm run --silent build

# The Node.js language host's own Go tests (tools/language-host), when Go is here to build it.
if command -v go >/dev/null 2>&1; then
  (cd tools/language-host && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod go vet ./... && \
    GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod go test ./...)
fi

mkdir -p test-results
status=0
rm -f test-results/peak-rss.txt
node scripts/peak-rss.js test-results/peak-rss.txt npx jest --json --outputFile=test-results/jest.json "$@" || status=$?
node scripts/summarize-tests.js test-results/jest.json
exit "$status"
