#!/usr/bin/env bash
# `localiam who-can aws-portal:ViewBilling` end to end from the command line (process start-up
# included), over an account generated at AWS's limits (5,000 users, 300 groups, 1,000 roles,
# 1,500 policies): the .NET tool as README installs it (the precompiled linux-x64 package) and the
# build output `dotnet run` uses, through a warm `serve` on loopback, and offline on the SQLite store.
# Usage: bash benchmarks/cli/who-can.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
work=$(mktemp -d)
data=$work/data
port=4697
export LOCALIAM_ACCOUNT_ID=111122223333 LOCALIAM_ROOT_EMAIL=root@example.com LOCALIAM_ROOT_PASSWORD=Bench-Root-Password-1 \
       LOCALIAM_ROOT_ACCESS_KEY_ID=AKIABENCHROOT0000001 LOCALIAM_ROOT_SECRET_ACCESS_KEY=benchSecretKeyBenchSecretKeyBenchSecret1
dotnet build -c Release src/LocalIam.Cli -v quiet -nologo >/dev/null
dotnet pack -c Release src/LocalIam.Cli -o "$work/packages" -v quiet -nologo >/dev/null
dotnet tool install --tool-path "$work/tools" --add-source "$work/packages" LocalIam >/dev/null
mkdir -p "$data"
dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- generate --data "$data"
built=src/LocalIam.Cli/bin/Release/net10.0/localiam
tool=$work/tools/localiam
"$tool" serve --urls "http://127.0.0.1:$port" --data "$data" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/_localiam/health" >/dev/null && break; sleep 0.2; done
export AWS_ACCESS_KEY_ID=$LOCALIAM_ROOT_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$LOCALIAM_ROOT_SECRET_ACCESS_KEY
endpoint="--endpoint http://127.0.0.1:$port"
echo "principals allowed: $("$tool" who-can aws-portal:ViewBilling $endpoint --output json | grep -c '"Principal":')"
hyperfine -N --warmup 2 --runs "$runs" \
  "$tool who-can aws-portal:ViewBilling $endpoint --output json" \
  "$tool who-can aws-portal:ViewBilling $endpoint" \
  "$built who-can aws-portal:ViewBilling $endpoint --output json" \
  "$tool who-can aws-portal:ViewBilling --data $data --output json"
