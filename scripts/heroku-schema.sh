#!/usr/bin/env bash
# Prints the path of Heroku's Platform API hyper-schema (schema.json), as Heroku ships it in the Go module
# github.com/heroku/heroku-go/v6. The module is downloaded once from the Go module proxy into the Go module
# cache (outside this repository), and read from there afterwards; the schema is never copied into the repo.
#
# Usage:  bash scripts/heroku-schema.sh        (prints the path)
# Env:    HEROKU_GO_VERSION (default v6.1.0)
set -euo pipefail

module="github.com/heroku/heroku-go/v6"
version="${HEROKU_GO_VERSION:-v6.1.0}"

if ! command -v go > /dev/null; then
  echo "[heroku-schema] needs the go command to fetch $module@$version from the Go module proxy" >&2
  exit 1
fi

cached="$(go env GOMODCACHE)/$module@$version/schema.json"
if [ ! -f "$cached" ]; then
  echo "[heroku-schema] downloading $module@$version into the Go module cache (first time only)" >&2
  dir=$(go mod download -json "$module@$version" | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      const info = JSON.parse(text);
      if (info.Error) { console.error(`[heroku-schema] ${info.Error}`); process.exit(1); }
      console.log(info.Dir);
    });')
  cached="$dir/schema.json"
fi
[ -f "$cached" ] || { echo "[heroku-schema] $module@$version has no schema.json" >&2; exit 1; }
echo "$cached"
