#!/usr/bin/env bash
# One start-up of `localiam serve` on a new, empty SQLite data folder: from exec until
# /_localiam/health answers, then stopped. Timed by hyperfine (docs/benchmarks.md):
#   hyperfine --warmup 2 --runs 20 benchmarks/startup/serve-ready.sh
# LOCALIAM_BIN picks the binary (default: the Release build of this tree).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${LOCALIAM_BIN:-$root/src/LocalIam.Cli/bin/Release/net10.0/localiam}
port=${LOCALIAM_BENCH_PORT:-4791}
data=$(mktemp -d /tmp/localiam-startup.XXXXXX)
trap 'rm -rf "$data"' EXIT

export LOCALIAM_ACCOUNT_ID=123456789012 LOCALIAM_ROOT_EMAIL=root@example.com LOCALIAM_ROOT_PASSWORD=Root-Password-1
export LOCALIAM_ROOT_ACCESS_KEY_ID=AKIASTARTUPBENCH0001 LOCALIAM_ROOT_SECRET_ACCESS_KEY=startupbenchsecretstartupbenchsecret0001
"$bin" serve --urls "http://127.0.0.1:$port" --data "$data" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 2000); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/_localiam/health"; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    exit 0
  fi
  sleep 0.005
done
kill "$pid"
echo "localiam serve did not answer within 10 s" >&2
exit 1
