#!/usr/bin/env bash
# Installs what the tests need and is missing: PostgreSQL and Chromium from
# Debian's packages, Mailpit from the Go module proxy into ./bin, and the npm
# packages pinned in package-lock.json (axe-core). Safe to run again: it installs only what is not there.
#
# With CI=true, a dependency that cannot be had fails the run; otherwise the
# script warns and the tests that need it skip.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${SPRANG_CHROMIUM:-/usr/bin/chromium}
ci=${CI:-}
fail=0

say() { printf 'deps: %s\n' "$*" >&2; }
lack() {
  if [ "$ci" = true ]; then say "ERROR: $*"; fail=1; else say "WARNING: $* (the tests that need it will skip)"; fi
}

have_pg() { compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; }
have_chromium() { [ -x "$CHROMIUM" ]; }

# --- Debian packages -------------------------------------------------------
pkgs=()
have_pg || pkgs+=(postgresql)
have_chromium || pkgs+=(chromium)
command -v python3 >/dev/null || pkgs+=(python3)   # scripts/pg.sh picks a free port with it
command -v npm >/dev/null || pkgs+=(nodejs npm)
{ command -v pdftotext && command -v qpdf; } >/dev/null || pkgs+=(poppler-utils qpdf) # internal/pdf tests read PDFs

if [ ${#pkgs[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else sudo=(none); fi
  fi
  if [ "${sudo[0]:-}" = none ] || ! command -v apt-get >/dev/null; then
    lack "missing ${pkgs[*]} and cannot install them (needs apt-get as root or password-less sudo)"
  else
    say "installing ${pkgs[*]} with apt-get"
    # Keep the package scripts from starting PostgreSQL's default cluster as
    # a service: the tests start their own throw-away server.
    policy=/usr/sbin/policy-rc.d
    added_policy=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
      "${sudo[@]}" chmod 755 "$policy"
      added_policy=1
    fi
    trap '[ $added_policy = 1 ] && "${sudo[@]}" rm -f "$policy"' EXIT
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get update -qq ||
       ! "${sudo[@]}" apt-get install -y -qq "${pkgs[@]}" >/tmp/sprang-apt.log 2>&1; then
      tail -n 20 /tmp/sprang-apt.log >&2 || true
      lack "apt-get install ${pkgs[*]} failed (log: /tmp/sprang-apt.log)"
    fi
  fi
fi
have_pg || lack "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/pg_ctl)"
have_chromium || lack "Chromium not found at $CHROMIUM"

# --- Go programs the tests run as real peers -------------------------------
# Installed into ./bin (git-ignored) at a pinned version.
MAILPIT_VERSION=v1.33.1   # a real SMTP server for the mail tests (internal/mail/mailtest)
go_tool() { # go_tool NAME MODULE VERSION
  local name=$1 mod=$2 ver=$3 have
  have=$(go version -m "bin/$name" 2>/dev/null | awk '$1 == "mod" { print $3 }' || true)
  if [ "$have" != "$ver" ]; then
    say "go install $mod@$ver"
    GOBIN=$PWD/bin go install "$mod@$ver" || lack "go install $mod@$ver failed"
  fi
}
go_tool mailpit github.com/axllent/mailpit "$MAILPIT_VERSION"

# --- npm packages ----------------------------------------------------------
# npm ci reinstalls from the lock file; skip it when the pinned versions are
# already in node_modules.
npm_current() {
  node -e '
    const lock = require("./package-lock.json").packages;
    for (const [p, v] of Object.entries(lock)) {
      if (!p) continue;
      let have; try { have = require("./" + p + "/package.json").version } catch { process.exit(1) }
      if (have !== v.version) process.exit(1);
    }' 2>/dev/null
}
if command -v npm >/dev/null; then
  if ! npm_current; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error || lack "npm ci failed"
  fi
  [ -f node_modules/axe-core/axe.min.js ] || lack "node_modules/axe-core/axe.min.js not found after npm ci"
else
  lack "npm not found"
fi

exit $fail
