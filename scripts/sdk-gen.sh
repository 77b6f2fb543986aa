#!/usr/bin/env bash
# Writes the SDKs in sdk/ (python, go, nodejs, dotnet) from the provider plugin's schema (schema.json, the
# one its GetSchema serves) with Pulumi's own code generators, called by tools/sdk-gen (a Go module).
#
# Usage:  bash scripts/sdk-gen.sh            regenerate sdk/ (npm run sdk:gen)
#         bash scripts/sdk-gen.sh --check    exit 1, naming each file, when sdk/ is stale against the schema
# Env:    SDK_SCHEMA (default schema.json)
set -euo pipefail
cd "$(dirname "$0")/.."

schema="$(realpath "${SDK_SCHEMA:-schema.json}")"
mode=()
[ "${1:-}" = "--check" ] && mode=(-check)

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
cd tools/sdk-gen
# The CLI's build flags (scripts/pulumi-cli.sh): the packages of github.com/pulumi/pulumi/pkg/v3 the CLI
# build compiled are then reused from Go's build cache (measured here: 44 s instead of 7.6 min cold).
go run -trimpath -tags osusergo,grpcnotrace . -schema "$schema" -out ../../sdk "${mode[@]}"

# .NET: its generator is only in an older pkg/v3, so it is its own module (tools/sdk-gen-dotnet). The
# check does not build it (minutes, cold): sdk/dotnet/.schema-sha256 names the schema it was generated
# from, and test/unit/sdk/sdk-staleness.test.ts compares it with schema.json.
if [ ${#mode[@]} -eq 0 ]; then
  cd ../sdk-gen-dotnet
  go run -trimpath -tags osusergo,grpcnotrace . -schema "$schema" -out ../../sdk/dotnet
fi
