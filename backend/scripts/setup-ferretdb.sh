#!/usr/bin/env bash
# Builds the embedded FerretDB server (backend/tools/ferretdb) into
# backend/.bin/ferretdb. Idempotent: skips the build when the binary is newer
# than main.go, go.mod, go.sum and this script. Pass --force to rebuild anyway.
#
# One line of FerretDB 1.24.2 is patched at build time (a Go build overlay, the
# module itself is untouched): its SQLite backend creates the _id index on the
# expression  _ferretdb_sjson->"_id"  but looks documents up by _id with
#  _ferretdb_sjson->'$._id'  (metadata.IDColumn). SQLite only uses an expression
# index for the very same expression, so every update and delete by _id (and the
# _id equality FerretDB pushes down into SQL) scanned the whole table: 40 ms per
# update at 10,000 documents instead of 2 (docs/performance.md). The patch makes
# IDColumn the index's own expression; the two mean the same JSON value.
set -euo pipefail

BACKEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="$BACKEND_DIR/tools/ferretdb"
BIN_DIR="$BACKEND_DIR/.bin"
BIN="$BIN_DIR/ferretdb"

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; fi

if [[ $force -eq 0 && -x "$BIN" ]]; then
  stale=0
  for f in "$SRC_DIR/main.go" "$SRC_DIR/go.mod" "$SRC_DIR/go.sum" "${BASH_SOURCE[0]}"; do
    if [[ -e "$f" && "$f" -nt "$BIN" ]]; then stale=1; fi
  done
  if [[ $stale -eq 0 ]]; then
    echo "setup-ferretdb: $BIN is up to date, nothing to do"
    exit 0
  fi
fi

GO_BIN="${GO:-}"
if [[ -z "$GO_BIN" ]]; then
  if command -v go >/dev/null 2>&1; then
    GO_BIN="$(command -v go)"
  elif [[ -x /usr/local/go/bin/go ]]; then
    GO_BIN=/usr/local/go/bin/go
  fi
fi
if [[ -z "$GO_BIN" ]] || ! command -v "$GO_BIN" >/dev/null 2>&1; then
  echo "setup-ferretdb: error: 'go' was not found on PATH (nor /usr/local/go/bin/go)." >&2
  echo "setup-ferretdb: install Go 1.24+ or set MONGODB_URI to an existing MongoDB server." >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
echo "setup-ferretdb: building $BIN with $("$GO_BIN" version) (first build downloads modules and takes a minute or two)..."
tmp="$BIN.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# FerretDB's source is copied out of the module cache (which is read-only and cannot be overlaid),
# patched, and used through a `replace` in a scratch copy of our tool's module.
patched_src="$BIN_DIR/ferretdb-src"
build_dir="$BIN_DIR/ferretdb-build"
rm -rf "$patched_src" "$build_dir"
(
  cd "$SRC_DIR"
  export GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--mod=mod}" CGO_ENABLED=0
  "$GO_BIN" mod download github.com/FerretDB/FerretDB
  cp -r "$("$GO_BIN" list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)" "$patched_src"
  chmod -R u+w "$patched_src"
  metadata="$patched_src/internal/backends/sqlite/metadata/metadata.go"
  sed -i -e "s|IDColumn = DefaultColumn + \"->'\\$\\._id'\"|IDColumn = DefaultColumn + \`->\"_id\"\`|" "$metadata"
  if ! grep -qF 'IDColumn = DefaultColumn + `->"_id"`' "$metadata"; then
    echo "setup-ferretdb: error: could not patch metadata.IDColumn in $metadata (FerretDB version changed?)" >&2
    exit 1
  fi
  cp -r "$SRC_DIR" "$build_dir"
  cd "$build_dir"
  "$GO_BIN" mod edit -replace "github.com/FerretDB/FerretDB=$patched_src"
  "$GO_BIN" build -trimpath -ldflags "-s -w" -o "$tmp" .
)
rm -rf "$patched_src" "$build_dir"
mv -f "$tmp" "$BIN"
echo "setup-ferretdb: built $BIN"
