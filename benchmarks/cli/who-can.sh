#!/usr/bin/env bash
# `localiam who-can aws-portal:ViewBilling` end to end from the command line (process start-up
# included), over an account generated at AWS's limits (5,000 users, 300 groups, 1,000 roles,
# 1,500 policies): offline on the SQLite store, and through a warm `serve` on loopback.
# Usage: bash benchmarks/cli/who-can.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
data=$(mktemp -d)
port=4697
export LOCALIAM_ACCOUNT_ID=111122223333 LOCALIAM_ROOT_EMAIL=root@example.com LOCALIAM_ROOT_PASSWORD=Bench-Root-Password-1 \
       LOCALIAM_ROOT_ACCESS_KEY_ID=AKIABENCHROOT0000001 LOCALIAM_ROOT_SECRET_ACCESS_KEY=benchSecretKeyBenchSecretKeyBenchSecret1
dotnet build -c Release src/LocalIam.Cli -v quiet -nologo >/dev/null
dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- generate --data "$data"
cli=src/LocalIam.Cli/bin/Release/net10.0/localiam
"$cli" serve --urls "http://127.0.0.1:$port" --data "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/_localiam/health" >/dev/null && break; sleep 0.2; done
export AWS_ACCESS_KEY_ID=$LOCALIAM_ROOT_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$LOCALIAM_ROOT_SECRET_ACCESS_KEY
echo "principals allowed: $("$cli" who-can aws-portal:ViewBilling --endpoint "http://127.0.0.1:$port" --output json | grep -c '"Principal":')"
hyperfine --warmup 2 --runs "$runs" \
  "$cli who-can aws-portal:ViewBilling --endpoint http://127.0.0.1:$port --output json" \
  "$cli who-can aws-portal:ViewBilling --data $data --output json"
