#!/usr/bin/env bash
# Measures Cost Explorer's GetCostAndUsage through the whole server on a warm server: a generated
# account (13 months of daily costs), requests signed by an IAM user with AdministratorAccess (so
# every request is authorized by policy), on loopback, for a bounded time or number of requests:
# wrk replaying one signed request, the JS SDK sending fresh ones, and the AWS CLI under hyperfine.
# Usage: bash benchmarks/billing/run.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-4}
data=$(mktemp -d)
port=4697
export LOCALIAM_ACCOUNT_ID=111122223333 LOCALIAM_ROOT_ACCESS_KEY_ID=AKIABENCHROOT0000001 \
       LOCALIAM_ROOT_SECRET_ACCESS_KEY=benchSecretKeyBenchSecretKeyBenchSecret1
dotnet build -c Release src/LocalIam.Cli -v quiet -nologo >/dev/null
dotnet src/LocalIam.Cli/bin/Release/net10.0/localiam.dll serve --urls "http://127.0.0.1:$port" --data "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 50); do curl -sf "$base/_localiam/health" >/dev/null && break; sleep 0.2; done

aws_() { AWS_ACCESS_KEY_ID=${AS_KEY:-$LOCALIAM_ROOT_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${AS_SECRET:-$LOCALIAM_ROOT_SECRET_ACCESS_KEY} \
         AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null /usr/bin/aws --endpoint-url "$base" "$@"; }
aws_ iam create-user --user-name bench >/dev/null
aws_ iam attach-user-policy --user-name bench --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
read -r key secret < <(aws_ iam create-access-key --user-name bench --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
start=$(date -u -d "$(date -u +%Y-%m-01) -12 months" +%Y-%m-%d)
end=$(date -u -d "$(date -u +%Y-%m-01) +1 month" +%Y-%m-%d)

# The first request generates the account's billing data; the next ones find it in memory.
t0=$(date +%s.%N)
AS_KEY=$key AS_SECRET=$secret aws_ ce get-cost-and-usage --time-period "Start=$start,End=$end" --granularity MONTHLY --metrics UnblendedCost >/dev/null
first=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
echo "first GetCostAndUsage (generates 13 months of data), AWS CLI: ${first}s"

for granularity in DAILY MONTHLY; do
  body="{\"TimePeriod\":{\"Start\":\"$start\",\"End\":\"$end\"},\"Granularity\":\"$granularity\",\"Metrics\":[\"UnblendedCost\"],\"GroupBy\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"}]}"
  /usr/bin/python3 benchmarks/billing/sign-json-request.py "$base" "$key" "$secret" AWSInsightsIndexService.GetCostAndUsage "$body" > "$data/ce.lua"
  for c in 1 "$connections"; do
    echo "== wrk, $c connection(s): GetCostAndUsage $start..$end $granularity grouped by SERVICE"
    wrk -t1 -c"$c" -d"${seconds}s" --latency -s "$data/ce.lua" "$base/" | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx'
  done
done

echo "== JS SDK, one client, 200 sequential requests (DAILY by SERVICE)"
AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret node --no-warnings benchmarks/billing/ce-latency.mjs "$base" 200 DAILY SERVICE
echo "== AWS CLI (a new process per request), hyperfine, 10 runs"
hyperfine --runs 10 --warmup 1 -N \
  "env AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null /usr/bin/aws --endpoint-url $base ce get-cost-and-usage --time-period Start=$start,End=$end --granularity DAILY --metrics UnblendedCost --group-by Type=DIMENSION,Key=SERVICE" \
  "env AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null /usr/bin/aws --endpoint-url $base sts get-caller-identity" \
  | grep -E 'Benchmark|Time'
echo "server resident memory: $(ps -o rss= -p $server | awk '{printf "%.0f MiB", $1/1024}')"
