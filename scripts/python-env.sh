#!/usr/bin/env bash
# Makes the Python virtual environment the Python SDK's example and mocks test run in, and prints its
# python. The environment lives outside the repository (PULUMI_CLI_CACHE, default
# ~/.cache/pulumi-heroku-squadcast) and is kept between runs: the pinned requirements
# (examples/sdk-python/requirements.txt) are installed when they change, and the generated SDK (sdk/python)
# is installed from a copy, as a user's `pip install` would, whenever it changes.
#
# Usage:  python="$(bash scripts/python-env.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."

cache_root="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-heroku-squadcast}"
requirements=examples/sdk-python/requirements.txt
venv="$cache_root/python-venv"
log() { echo "[python-env] $*" >&2; }

if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  if ! python3 -m venv "$venv" >&2 2>/dev/null; then
    # Debian's python3 ships venv (with ensurepip) as a separate package.
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "python3 -m venv failed: installing python3-venv"
      apt-get install -y -qq python3-venv >&2 || { apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2; }
      python3 -m venv "$venv" >&2
    else
      log "python3 -m venv failed: install python3-venv (Debian, Ubuntu) and run again"
      exit 1
    fi
  fi
fi

stamp() { sha256sum | cut -c1-16; }
installed_stamp() { cat "$venv/.$1" 2>/dev/null || true; }

wanted="$(stamp < "$requirements")"
if [ "$(installed_stamp requirements)" != "$wanted" ]; then
  log "installing $requirements"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" >&2
  echo "$wanted" > "$venv/.requirements"
fi

wanted="$(cd sdk/python && find . -type f -not -path '*/__pycache__/*' | sort | xargs cat | stamp)"
if [ "$(installed_stamp sdk)" != "$wanted" ]; then
  log "installing the generated SDK (sdk/python)"
  copy="$(mktemp -d)"
  trap 'rm -rf "$copy"' EXIT
  cp -r sdk/python/. "$copy"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$copy" >&2
  echo "$wanted" > "$venv/.sdk"
fi

echo "$venv/bin/python"
