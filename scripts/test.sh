#!/usr/bin/env bash
# Runs the whole LocalIam test suite and ends with one line "N passed, N failed, N skipped".
# Installs what the tests drive (AWS CLI v2, AWS SDK for JavaScript v3) and starts a throwaway
# PostgreSQL server for the store tests.
# LOCALIAM_LONG_TESTS=1 runs the long hostile suite too (docs/reliability.md): the fuzzers with a
# hundred times more inputs, the sweep at every position, and scripts/hostile-crash.sh (kill -9
# under concurrent writes and quota races, on SQLite and PostgreSQL), whose checks are counted in;
# and the 1,000,000-line Cost and Usage Report import through `localiam billing import`.
set -uo pipefail
cd "$(dirname "$0")/.."

# The console tests drive Debian's Chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
source scripts/install-clients.sh
install_clients || { echo "0 passed, 1 failed"; echo "could not install the AWS clients" >&2; exit 1; }

source scripts/postgres.sh
start_postgres || { echo "0 passed, 1 failed"; echo "could not start PostgreSQL" >&2; exit 1; }
trap stop_postgres EXIT

log=$(mktemp)
dotnet test --solution LocalIam.slnx -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

succeeded=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
rm -f "$log"

if [ "${LOCALIAM_LONG_TESTS:-0}" = 1 ] && [ -n "$succeeded" ]; then
  crash_log=$(mktemp)
  bash scripts/hostile-crash.sh all 2>&1 | tee "$crash_log"
  crash_status=${PIPESTATUS[0]}
  crash_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$crash_log" | tail -n 1)
  rm -f "$crash_log"
  succeeded=$((succeeded + $(grep -oE '^[0-9]+' <<<"${crash_line:-0}")))
  failed=$((${failed:-0} + $(grep -oE '[0-9]+ failed' <<<"${crash_line:-0 passed, 1 failed}" | grep -oE '[0-9]+')))
  [ "$crash_status" -eq 0 ] || status=1
fi

if [ -z "$succeeded" ]; then
  echo "0 passed, 1 failed"
  echo "the test run printed no summary (build failure?)" >&2
  exit 1
fi
echo "${succeeded} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
