#!/usr/bin/env bash
# Builds the embedded FerretDB server (backend/tools/ferretdb) into
# backend/.bin/ferretdb. Idempotent: skips the build when the binary is newer
# than main.go, go.mod, go.sum and this script. Pass --force to rebuild anyway.
# FERRETDB_BINARY=/path/to/ferretdb builds there instead; GO=/path/to/go picks the
# toolchain. `go build` is silent for a minute or more, so a progress line is
# printed every 10 s.
#
# FerretDB 1.24.2's SQLite backend is patched at build time in three places (in a
# copy; the module cache is untouched), all about finding documents by _id:
# 1. metadata.IDColumn: the _id index is created on the expression
#    _ferretdb_sjson->"_id"  but documents were looked up with
#    _ferretdb_sjson->'$._id'. SQLite uses an expression index only for the very
#    same expression, so every update and delete by _id scanned the whole table:
#    40 ms per update at 10,000 documents instead of 1.3 (docs/performance.md).
#    The patch looks up with the index's own expression; both mean the same value.
# 2. collection.go pushed an _id equality down to SQL only when it was the whole
#    filter: {_id, status: 'waiting'} (a conditional write) scanned the table,
#    0.8 s for an accept at 10,000 consultations. Now any filter with an _id
#    equality reads that one row; the handler applies the whole filter to what
#    comes back, as it always does (find, update, delete, findAndModify, count).
# 3. The same place also pushes down `_id: {$in: [ids]}` (tools/ferretdb/patches/
#    sqlite_id_in.go, copied into the package): a page of a thread, a conversation
#    list's last messages and users read by id in one statement through the index,
#    instead of one scan of the collection (docs/performance.md, data growth).
set -euo pipefail

BACKEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="$BACKEND_DIR/tools/ferretdb"
BIN="${FERRETDB_BINARY:-$BACKEND_DIR/.bin/ferretdb}"
BIN_DIR="$(dirname "$BIN")"

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; fi

if [[ $force -eq 0 && -x "$BIN" ]]; then
  stale=0
  for f in "$SRC_DIR/main.go" "$SRC_DIR/go.mod" "$SRC_DIR/go.sum" "$SRC_DIR/patches/sqlite_id_in.go" "${BASH_SOURCE[0]}"; do
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
started=$SECONDS
# The ticker kills its own `sleep` when stopped, so nothing keeps this script's output open.
(
  trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  while :; do
    sleep 10 &
    nap=$!
    wait "$nap"
    echo "setup-ferretdb: still building FerretDB ($((SECONDS - started)) s) ..."
  done
) &
ticker=$!
trap 'kill "$ticker" 2>/dev/null; rm -f "$tmp"' EXIT
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
  collection="$patched_src/internal/backends/sqlite/collection.go"
  sed -i -e 's|if params.Filter.Len() == 1 {|if where, ids, ok := idInWhere(params.Filter); ok { whereClause, args = where, ids } else if params.Filter.Len() > 0 { // patched: any filter with an _id equality, or _id $in|' "$collection"
  if [[ "$(grep -c 'patched: any filter with an _id equality' "$collection")" != 2 ]]; then
    echo "setup-ferretdb: error: could not patch the _id pushdown in $collection (FerretDB version changed?)" >&2
    exit 1
  fi
  cp "$SRC_DIR/patches/sqlite_id_in.go" "$patched_src/internal/backends/sqlite/careline_id_in.go"
  cp -r "$SRC_DIR" "$build_dir"
  cd "$build_dir"
  "$GO_BIN" mod edit -replace "github.com/FerretDB/FerretDB=$patched_src"
  "$GO_BIN" build -trimpath -ldflags "-s -w" -o "$tmp" .
)
rm -rf "$patched_src" "$build_dir"
mv -f "$tmp" "$BIN"
echo "setup-ferretdb: built $BIN in $((SECONDS - started)) s"
