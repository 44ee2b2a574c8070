#!/usr/bin/env bash
# Crash safety (issue 7): `localiam serve`, run as users run it, is killed with SIGKILL while eight
# clients write through the AWS SDK for JavaScript v3; it is restarted, and every write it had
# acknowledged must be there; on SQLite `PRAGMA integrity_check` must say ok. Then the same on
# PostgreSQL. Then concurrent attempts at each quota through the served API (races.mjs).
# Bounded: ROUNDS rounds per store (default 3), each writing for at most WRITE_SECONDS.
# Usage: bash scripts/hostile-crash.sh [sqlite|postgres|all]   (needs node_modules in tests/e2e/js)
# Prints the figures and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
stores=${1:-all}
rounds=${ROUNDS:-3}
write_seconds=${WRITE_SECONDS:-20}
port=${LOCALIAM_CRASH_PORT:-45871}
work=$(mktemp -d /tmp/localiam-crash.XXXXXX)
passed=0
failed=0

export LOCALIAM_ACCOUNT_ID=111122223333 LOCALIAM_ROOT_EMAIL=root@example.com LOCALIAM_ROOT_PASSWORD=Root-Password-123
export LOCALIAM_ROOT_ACCESS_KEY_ID=AKIACRASHROOTKEY0001 LOCALIAM_ROOT_SECRET_ACCESS_KEY=crashRootSecretCrashRootSecretCrashRoot1
export AWS_ACCESS_KEY_ID=$LOCALIAM_ROOT_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$LOCALIAM_ROOT_SECRET_ACCESS_KEY AWS_REGION=us-east-1
export LOCALIAM_ENDPOINT=http://127.0.0.1:$port
server_pid=""

verdict() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi; }

# `dotnet run` starts the server as its child: the PID to kill is the child's, not the wrapper's.
start_server() {
  local log=$1; shift
  dotnet run -c Release --no-build --project src/LocalIam.Cli -- serve --urls "$LOCALIAM_ENDPOINT" "$@" >>"$log" 2>&1 &
  local wrapper=$!
  for _ in $(seq 1 120); do
    if curl -sf "$LOCALIAM_ENDPOINT/_localiam/health" >/dev/null 2>&1; then
      server_pid=$(pgrep -P "$wrapper" | head -n 1)
      server_pid=${server_pid:-$wrapper}
      return 0
    fi
    sleep 0.5
  done
  echo "the server did not start: $(tail -n 5 "$log")"
  return 1
}

stop_server() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  server_pid=""
}

sqlite_integrity() {
  local db=$1/localiam.db
  [ -f "$db" ] || { echo "no database at $db"; return 1; }
  local result
  # Python's sqlite3 module (python3 comes with the AWS CLI's Debian package), not the sqlite3 tool.
  result=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$db" 2>&1)
  echo "integrity_check: $result"
  [ "$result" = "ok" ]
}

crash_rounds() {
  local store=$1; shift
  local data=$work/$store-data
  mkdir -p "$data"
  local acked=$work/$store-acked.jsonl
  : >"$acked"
  local args=(--data "$data" "$@")
  for round in $(seq 1 "$rounds"); do
    start_server "$work/$store-server.log" "${args[@]}" || { verdict 1 "$store round $round: server start"; return; }
    # Kill at a random moment while the writers are busy.
    (node --no-warnings tests/e2e/js/hostile/crash-writer.mjs write "$acked" "$round" "$write_seconds" >"$work/$store-write-$round.json") &
    local writer=$!
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.1f", 2 + (r % 60) / 10 }')"
    kill -9 "$server_pid"
    wait "$writer"
    server_pid=""
    echo "$store round $round: $(cat "$work/$store-write-$round.json")"
    if [ "$store" = sqlite ]; then
      sqlite_integrity "$data"
      verdict $? "$store round $round: integrity_check after kill -9"
    fi
    start_server "$work/$store-server.log" "${args[@]}" || { verdict 1 "$store round $round: restart"; return; }
    node --no-warnings tests/e2e/js/hostile/crash-writer.mjs verify "$acked" | tee "$work/$store-verify-$round.json"
    verdict "${PIPESTATUS[0]}" "$store round $round: every acknowledged write present after restart"
    stop_server
  done
}

races() {
  local store=$1; shift
  local data=$work/$store-race-data
  mkdir -p "$data"
  start_server "$work/$store-race-server.log" --data "$data" "$@" || { verdict 1 "$store races: server start"; return; }
  node --no-warnings tests/e2e/js/hostile/races.mjs | tee "$work/$store-races.json"
  verdict "${PIPESTATUS[0]}" "$store: concurrent attempts at each quota through the API"
  stop_server
}

dotnet build -c Release src/LocalIam.Cli/LocalIam.Cli.csproj >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "0 passed, 1 failed"; exit 1; }

if [ "$stores" = sqlite ] || [ "$stores" = all ]; then
  crash_rounds sqlite
  races sqlite
fi

if [ "$stores" = postgres ] || [ "$stores" = all ]; then
  source scripts/postgres.sh
  if [ -z "${LOCALIAM_TEST_POSTGRES:-}" ]; then
    LOCALIAM_TEST_POSTGRES_PORT=${LOCALIAM_TEST_POSTGRES_PORT:-54335} start_postgres || { echo "0 passed, 1 failed"; exit 1; }
    trap stop_postgres EXIT
  fi
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$LOCALIAM_TEST_POSTGRES")
  # One fresh database per use, on the cluster the store tests use.
  for name in crash race; do
    psql "postgresql://postgres@127.0.0.1:$pg_port/postgres" -qc "CREATE DATABASE localiam_$name$$" >/dev/null
  done
  base="Host=127.0.0.1;Port=$pg_port;Username=postgres"
  crash_rounds postgres --database "$base;Database=localiam_crash$$"
  races postgres --database "$base;Database=localiam_race$$"
fi

rm -rf "$work"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
