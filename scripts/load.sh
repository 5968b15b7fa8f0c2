#!/usr/bin/env bash
# Runs the load script (scripts/load/main.go) on SQLite and PostgreSQL next
# to a bare net/http hello-world server. Called by `make load`; extra
# arguments go to the load tool, e.g.
#   scripts/load.sh -duration 10s -out docs/PERFORMANCE.md
# When SPRANG_TEST_POSTGRES is not set it starts a throw-away PostgreSQL
# (scripts/pg.sh) for the run and stops it again, also on failure or
# interrupt; when that is not possible it measures SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
pgdir=
cleanup() {
  if [ -n "$pgdir" ]; then
    scripts/pg.sh stop "$pgdir" || true
    rm -rf "$pgdir" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${SPRANG_TEST_POSTGRES:-}" ]; then
  pgdir=$(mktemp -d /tmp/sprang-load-pg.XXXXXX)
  if url=$(scripts/pg.sh start "$pgdir"); then
    export SPRANG_TEST_POSTGRES=$url
  else
    echo "load: WARNING: cannot start PostgreSQL; measuring SQLite only" >&2
  fi
fi
"$GO" run ./scripts/load "$@"
