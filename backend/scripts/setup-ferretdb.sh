#!/usr/bin/env bash
# Builds the embedded FerretDB server (backend/tools/ferretdb) into
# backend/.bin/ferretdb. Idempotent: skips the build when the binary is newer
# than main.go, go.mod and go.sum. Pass --force to rebuild anyway.
set -euo pipefail

BACKEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="$BACKEND_DIR/tools/ferretdb"
BIN_DIR="$BACKEND_DIR/.bin"
BIN="$BIN_DIR/ferretdb"

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; fi

if [[ $force -eq 0 && -x "$BIN" ]]; then
  stale=0
  for f in "$SRC_DIR/main.go" "$SRC_DIR/go.mod" "$SRC_DIR/go.sum"; do
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
(
  cd "$SRC_DIR"
  GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--mod=mod}" CGO_ENABLED=0 \
    "$GO_BIN" build -trimpath -ldflags "-s -w" -o "$tmp" .
)
mv -f "$tmp" "$BIN"
echo "setup-ferretdb: built $BIN"
