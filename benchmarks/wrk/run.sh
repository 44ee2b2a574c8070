#!/usr/bin/env bash
# Measures signed IAM GetUser through the whole server with wrk, on loopback, for a bounded time.
# Usage: bash benchmarks/wrk/run.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
connections=${2:-32}
data=$(mktemp -d)
port=4699
export LOCALIAM_ACCOUNT_ID=111122223333 LOCALIAM_ROOT_ACCESS_KEY_ID=AKIABENCHROOT0000001 \
       LOCALIAM_ROOT_SECRET_ACCESS_KEY=benchSecretKeyBenchSecretKeyBenchSecret1
dotnet build -c Release src/LocalIam.Cli -v quiet -nologo >/dev/null
dotnet src/LocalIam.Cli/bin/Release/net10.0/localiam.dll serve --urls "http://127.0.0.1:$port" --data "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/_localiam/health" >/dev/null && break; sleep 0.2; done

aws_() { AWS_ACCESS_KEY_ID=$LOCALIAM_ROOT_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$LOCALIAM_ROOT_SECRET_ACCESS_KEY AWS_DEFAULT_REGION=us-east-1 \
         /usr/bin/aws --endpoint-url "http://127.0.0.1:$port" "$@"; }
aws_ iam create-user --user-name bench >/dev/null
aws_ iam attach-user-policy --user-name bench --policy-arn arn:aws:iam::aws:policy/IAMReadOnlyAccess
read -r key secret < <(aws_ iam create-access-key --user-name bench --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)

/usr/bin/python3 benchmarks/wrk/sign-request.py "http://127.0.0.1:$port" "$key" "$secret" GetUser UserName=bench > "$data/request.lua"
curl -sf -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/_localiam/health"
echo "GetUser signed by an IAM user with IAMReadOnlyAccess (authorized on every request):"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$data/request.lua" "http://127.0.0.1:$port/"
/usr/bin/python3 benchmarks/wrk/sign-request.py "http://127.0.0.1:$port" "$key" "$secret" GetCallerIdentity > "$data/identity.lua"
echo "STS GetCallerIdentity (authentication only, no authorization):"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$data/identity.lua" "http://127.0.0.1:$port/"
echo "server resident memory: $(ps -o rss= -p $server | awk '{printf "%.0f MiB", $1/1024}')"
