#!/usr/bin/env bash
# The one test command (README quick start, `npm test`, `.ci/run`): sets up what it needs on a
# fresh machine, then runs every check that gates a merge and exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm ci)"
  npm ci --no-audit --no-fund || { echo "npm ci failed" >&2; exit 1; }
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the end-to-end tests"
    apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null ||
      { echo "apt-get install chromium failed" >&2; exit 1; }
  else
    echo "The end-to-end tests need Chromium at $CHROMIUM." >&2
    echo "Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

passed=0
failed=0
failures=()
stage() {
  local name="$1"
  shift
  echo
  echo "== $name: $*"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

stage "json-schema" npx tsx scripts/gen-schema.ts --check
stage "scenarios" npx tsx electron/cli/index.ts check scenarios
stage "typecheck" npx tsc --noEmit -p .
stage "lint" npx eslint .
stage "format" npx prettier --check .
stage "unit" npx vitest run
stage "desktop-build" npx electron-vite build
stage "web-build" npx vite build --config vite.web.config.ts
stage "e2e" npx vitest run --config vitest.e2e.config.ts

echo
if [ "$failed" -gt 0 ]; then echo "failed stages: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
