#!/usr/bin/env bash
# Times `localiam billing import` on a realistic legacy Cost and Usage Report of LINES hourly line
# items (default 1,000,000), as plain CSV (twice) and as gzip, with /usr/bin/time -v: wall time and maximum
# resident set size. The report is written by make-cur.py, the same bytes for the same LINES.
# Targets (docs/benchmarks.md): under 30 s and under 300 MiB resident.
#   benchmarks/billing/cur-import.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/../.."

lines=${1:-1000000}
work=$(mktemp -d /tmp/localiam-cur-bench.XXXXXX)
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "writing a legacy CUR of $lines line items"
python3 benchmarks/billing/make-cur.py --lines "$lines" --out "$work/cur.csv"
gzip -6 -c "$work/cur.csv" >"$work/cur.csv.gz"
ls -l "$work/cur.csv" "$work/cur.csv.gz" | awk '{printf "  %s %.1f MiB\n", $NF, $5 / 1048576}'

dotnet build -c Release src/LocalIam.Cli/LocalIam.Cli.csproj -v quiet -nologo >/dev/null
cli=(dotnet src/LocalIam.Cli/bin/Release/net10.0/localiam.dll)

# A store as `serve` leaves it after its first start.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOCALIAM_ACCOUNT_ID=111122223333 "${cli[@]}" serve --data "$work/data" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/_localiam/health" >/dev/null && break
  sleep 1
done
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
serve_pid=

# The first import meets a new account, whose generated data is made first (and then replaced);
# the next ones replace an earlier import.
run=0
for file in cur.csv cur.csv cur.csv.gz; do
  run=$((run + 1))
  /usr/bin/time -v "${cli[@]}" billing import "$work/$file" --data "$work/data" >"$work/out.txt" 2>"$work/time.txt" \
    || { cat "$work/out.txt" "$work/time.txt"; exit 1; }
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{printf "%.0f", $NF / 1024}')
  cpu=$(awk -F': ' '/User time|System time/ {sum += $2} END {printf "%.1f", sum}' "$work/time.txt")
  rows=$(grep 'cost rows' "$work/out.txt" | awk '{print $NF}')
  echo "run $run, $file: wall $wall, CPU ${cpu} s, max RSS $rss MiB, $rows cost rows"
done
