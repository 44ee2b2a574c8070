#!/usr/bin/env bash
# Resident memory of `localiam serve` on a new SQLite store: after start-up, after the AWS CLI has
# paged through `list-policies --scope AWS` (the whole catalogue decompressed and read), and after
# an IAM user with ReadOnlyAccess (91 KB, 2,914 actions) made a signed request (compiled).
#   benchmarks/startup/catalogue-memory.sh    (LOCALIAM_BIN picks the binary; docs/benchmarks.md)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${LOCALIAM_BIN:-$root/src/LocalIam.Cli/bin/Release/net10.0/localiam}
port=${LOCALIAM_BENCH_PORT:-4798}
data=$(mktemp -d /tmp/localiam-memory.XXXXXX)
export LOCALIAM_ACCOUNT_ID=123456789012 LOCALIAM_ROOT_EMAIL=root@example.com LOCALIAM_ROOT_PASSWORD=Root-Password-1
export LOCALIAM_ROOT_ACCESS_KEY_ID=AKIAMEMORYBENCH00001 LOCALIAM_ROOT_SECRET_ACCESS_KEY=memorybenchsecretmemorybenchsecret000001
"$bin" serve --urls "http://127.0.0.1:$port" --data "$data" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 2000); do curl -fs -o /dev/null "http://127.0.0.1:$port/_localiam/health" && break; sleep 0.005; done

rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status"; }
aws_() {
  AWS_ACCESS_KEY_ID=${KEY:-$LOCALIAM_ROOT_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${SECRET:-$LOCALIAM_ROOT_SECRET_ACCESS_KEY} \
    AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    aws --endpoint-url "http://127.0.0.1:$port" --output json "$@"
}

echo "after start-up:                      $(rss)"
count=$(aws_ iam list-policies --scope AWS --query 'length(Policies)')
echo "after list-policies --scope AWS ($count): $(rss)"
aws_ iam create-user --user-name reader >/dev/null
aws_ iam attach-user-policy --user-name reader --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
read -r KEY SECRET < <(aws_ iam create-access-key --user-name reader --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
KEY=$KEY SECRET=$SECRET aws_ iam list-users >/dev/null
echo "after a ReadOnlyAccess user's request: $(rss)"
