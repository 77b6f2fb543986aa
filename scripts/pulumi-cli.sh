#!/usr/bin/env bash
# Puts a working Pulumi CLI on PATH for this repo's demo and tests.
#
# A `pulumi` already on PATH is used as it is. Otherwise the CLI is built from Go modules (the only way to
# get it on a machine that reaches nothing but package registries) into a cache directory outside the repo,
# so later runs and CI reuse it. Nothing but modules from the Go module proxy is downloaded, and no Pulumi
# source is copied into this repo.
#
# A CLI built from Go modules has no Node.js language host (the official one is not served by the proxy), so
# this repo's own, tools/language-host, is built beside it (and rebuilt when its sources change). It is also
# put on PATH, after everything else, when the `pulumi` found on PATH has no language host of its own.
#
# The official YAML language host (for YAML programs on the provider plugin) is built the same way, from
# its Go module, beside the CLI; the official CLI ships one of its own.
#
# Usage:  source scripts/pulumi-cli.sh   (exports PATH)      or   scripts/pulumi-cli.sh --print-dir
# Env:    PULUMI_CLI_VERSION (default v3.277.0), PULUMI_CLI_CACHE (default ~/.cache/pulumi-heroku-squadcast),
#         PULUMI_YAML_VERSION (default v1.25.0)
set -euo pipefail

version="${PULUMI_CLI_VERSION:-v3.277.0}"
yaml_version="${PULUMI_YAML_VERSION:-v1.25.0}"
cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-heroku-squadcast}"
bin_dir="$cache_root/pulumi-$version/bin"

host_src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/language-host" && pwd)"

log() { echo "[pulumi-cli] $*" >&2; }

# The language host's sources, hashed: a change to any of them rebuilds it.
language_host_hash() {
  (cd "$host_src" && cat go.mod go.sum $(ls ./*.go | grep -v '_test\.go$' | sort)) | sha256sum | cut -c1-16
}

ensure_language_host() {
  local out="$bin_dir/pulumi-language-nodejs" stamp="$bin_dir/.pulumi-language-nodejs.sha256" hash
  hash="$(language_host_hash)"
  if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
    return
  fi
  mkdir -p "$bin_dir"
  local started=$SECONDS
  log "building the Node.js language host (tools/language-host, $hash) into $bin_dir"
  (
    cd "$host_src"
    export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
    go build -trimpath -ldflags "-s -w" -o "$out.$$.tmp" .
  )
  mv "$out.$$.tmp" "$out"
  echo "$hash" > "$stamp"
  log "built pulumi-language-nodejs in $((SECONDS - started)) s"
}

ensure_yaml_host() {
  local out="$bin_dir/pulumi-language-yaml" stamp="$bin_dir/.pulumi-language-yaml.version"
  if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$yaml_version" ]; then
    return
  fi
  mkdir -p "$bin_dir"
  # One build at a time: a second caller waits for the first and then finds the host built.
  exec 9>"$bin_dir/.pulumi-language-yaml.lock"
  flock 9
  if [ ! -x "$out" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$yaml_version" ]; then
    local started=$SECONDS gobin
    gobin="$(mktemp -d)"
    log "building the YAML language host (pulumi-yaml $yaml_version) into $bin_dir"
    (
      export GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$gobin"
      go install -trimpath -ldflags "-s -w" "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$yaml_version"
    )
    mv "$gobin/pulumi-language-yaml" "$out"
    rmdir "$gobin"
    echo "$yaml_version" > "$stamp"
    log "built pulumi-language-yaml in $((SECONDS - started)) s"
  fi
  exec 9>&-
}

write_dynamic_provider_launcher() {
  # The engine starts dynamic providers through this plugin name. The official CLI ships it as a script;
  # it runs the provider entry point of whichever @pulumi/pulumi resolves from the program's directory.
  cat > "$1/pulumi-resource-pulumi-nodejs" <<'LAUNCHER'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
[ -n "$script" ] && exec node "$script" "$@"
LAUNCHER
  chmod +x "$1/pulumi-resource-pulumi-nodejs"
}

build_cli() {
  local work="$cache_root/build-$version"
  mkdir -p "$work/tools" "$bin_dir"
  cat > "$work/go.mod" <<GOMOD
module pulumi-heroku-squadcast.local/pulumi-build

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $version
	github.com/pulumi/pulumi/sdk/v3 $version
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > "$work/tools/tools.go"
  local started=$SECONDS
  log "building pulumi $version from Go modules into $bin_dir (first time only; several minutes)"
  (
    cd "$work"
    export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
    go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
      -o "$bin_dir/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
  mv "$bin_dir/pulumi.tmp" "$bin_dir/pulumi"
  log "built pulumi $version in $((SECONDS - started)) s"
}

existing="$(command -v pulumi 2>/dev/null || true)"
if [ -n "$existing" ] && [ "$(dirname "$existing")" != "$bin_dir" ] && [ "${PULUMI_CLI_FORCE_BUILD:-}" != "1" ]; then
  log "using pulumi from PATH: $existing ($(pulumi version 2>/dev/null || echo unknown version))"
  if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
    write_dynamic_provider_launcher "$(dirname "$existing")" 2>/dev/null || true
  fi
  # The official CLI ships its language host beside it; only a CLI without one gets ours, last on PATH.
  if [ ! -x "$(dirname "$existing")/pulumi-language-nodejs" ] && ! command -v pulumi-language-nodejs >/dev/null 2>&1; then
    ensure_language_host
    export PATH="$PATH:$bin_dir"
  fi
  if ! command -v pulumi-language-yaml >/dev/null 2>&1; then
    ensure_yaml_host
    case ":$PATH:" in *":$bin_dir:"*) ;; *) export PATH="$PATH:$bin_dir" ;; esac
  fi
else
  if [ -x "$bin_dir/pulumi" ]; then
    log "using cached pulumi $version: $bin_dir/pulumi"
  else
    build_cli
  fi
  write_dynamic_provider_launcher "$bin_dir"
  ensure_language_host
  ensure_yaml_host
  case ":$PATH:" in *":$bin_dir:"*) ;; *) export PATH="$bin_dir:$PATH" ;; esac
fi

if [ "${1:-}" = "--print-dir" ]; then
  dirname "$(command -v pulumi)"
fi
