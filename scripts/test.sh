#!/usr/bin/env bash
# Runs the Go tests with the environment they need. Called by the Makefile.
#
#   scripts/test.sh sqlite     go test -race ./... on SQLite
#   scripts/test.sh postgres   the same on a throw-away PostgreSQL
#   scripts/test.sh all        both, one after the other
#   scripts/test.sh browser    only the packages whose tests drive Chromium
#   scripts/test.sh bench      the benchmarks, with PostgreSQL when available
#   scripts/test.sh fuzz       every Fuzz target for $FUZZTIME (default 10s)
#
# The PostgreSQL server is started as the postgres user on a free loopback
# port (scripts/pg.sh) and stopped again when the script ends, also on
# failure or interrupt. Extra `go test` flags come from $TESTFLAGS, the
# packages from $PKGS (default ./...).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
export CI=${CI:-}
export SPRANG_CHROMIUM=${SPRANG_CHROMIUM:-/usr/bin/chromium}
export SPRANG_AXE=${SPRANG_AXE:-$PWD/node_modules/axe-core/axe.min.js}
export SPRANG_MAILPIT=${SPRANG_MAILPIT:-$PWD/bin/mailpit}
TESTFLAGS=${TESTFLAGS:-}
read -r -a testflags <<<"$TESTFLAGS"
PKGS=${PKGS:-./...}
read -r -a pkgs <<<"$PKGS"

pgdir=
pgpid=
cleanup() {
  if [ -n "$pgdir" ]; then
    # Let a start that is under way finish (or die of the same signal), so
    # that nothing writes in the directory after it is removed.
    [ -n "$pgpid" ] && wait "$pgpid" 2>/dev/null || true
    scripts/pg.sh stop "$pgdir" || true
    rm -rf "$pgdir" "$pgdir.url" 2>/dev/null || { sleep 1; rm -rf "$pgdir"; } || true
    pgdir=
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_pg starts the throw-away server and exports SPRANG_TEST_POSTGRES.
# It returns 1 (and fails the run when CI=true) if that is not possible.
start_pg() {
  [ -n "$pgdir" ] && return 0
  pgdir=$(mktemp -d /tmp/sprang-pg.XXXXXX)
  # In the background and waited for, so that a signal reaches the trap at
  # once and cleanup can wait for the start to end.
  scripts/pg.sh start "$pgdir" >"$pgdir.url" &
  pgpid=$!
  local rc=0
  wait "$pgpid" || rc=$?
  pgpid=
  local url
  url=$(cat "$pgdir.url"); rm -f "$pgdir.url"
  if [ "$rc" != 0 ] || [ -z "$url" ]; then
    scripts/pg.sh stop "$pgdir" || true; rm -rf "$pgdir"; pgdir=
    if [ "$CI" = true ]; then echo "test: cannot start PostgreSQL" >&2; exit 1; fi
    echo "test: WARNING: cannot start PostgreSQL; skipping what needs it" >&2
    return 1
  fi
  export SPRANG_TEST_POSTGRES=$url
  echo "test: PostgreSQL at $url" >&2
}

# gotest runs go test and returns its status explicitly: callers run it in
# conditions (a || b), where set -e does not apply.
gotest() {
  local t0=$SECONDS rc=0
  echo "test: go test $* (SPRANG_TEST_DB=${SPRANG_TEST_DB:-})" >&2
  "$GO" test "${testflags[@]}" "$@" || rc=$?
  echo "test: done in $((SECONDS - t0))s, exit status $rc" >&2
  return "$rc"
}

run_sqlite() {
  (unset SPRANG_TEST_POSTGRES; SPRANG_TEST_DB=sqlite gotest -race -count=1 -timeout 15m "${pkgs[@]}")
}

run_postgres() {
  if start_pg; then
    SPRANG_TEST_DB=postgres gotest -race -count=1 -timeout 15m "${pkgs[@]}"
  fi
}

# browser_pkgs lists the packages whose tests import internal/browsertest.
browser_pkgs() {
  "$GO" list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' "${pkgs[@]}" |
    awk '{ for (i = 2; i <= NF; i++) if ($i == "sprang/internal/browsertest") { print $1; break } }'
  # The harness tests itself.
  echo sprang/internal/browsertest
}

case ${1:-all} in
sqlite) run_sqlite ;;
postgres) run_postgres ;;
all)
  # Both passes run even when the first fails, so one run shows the
  # failures of both engines.
  failed=()
  run_sqlite || failed+=(SQLite)
  run_postgres || failed+=(PostgreSQL)
  if [ ${#failed[@]} -gt 0 ]; then
    echo "test: FAILED on ${failed[*]}" >&2
    exit 1
  fi
  ;;
browser)
  mapfile -t bpkgs < <(browser_pkgs | sort -u)
  SPRANG_TEST_DB=sqlite gotest -race -count=1 "${bpkgs[@]}"
  ;;
bench)
  start_pg || true
  gotest -run '^$' -bench . -benchmem "${pkgs[@]}"
  ;;
fuzz)
  fuzztime=${FUZZTIME:-10s}
  n=0
  while read -r pkg dir; do
    # go test -list prints the matching names, then "ok <pkg> <time>".
    names=$(cd "$dir" && "$GO" test -list '^Fuzz' .) || { echo "$names" >&2; echo "test: cannot list the fuzz targets of $pkg" >&2; exit 1; }
    for f in $(grep '^Fuzz' <<<"$names" || true); do
      gotest -run '^$' -fuzz "^${f}\$" -fuzztime "$fuzztime" "$pkg"
      n=$((n + 1))
    done
  done < <("$GO" list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}}{{end}}' "${pkgs[@]}")
  echo "test: fuzzed $n target(s) for $fuzztime each" >&2
  ;;
*)
  echo "usage: $0 sqlite|postgres|all|browser|bench|fuzz" >&2
  exit 2
  ;;
esac
