#!/usr/bin/env bash
# Measures console page renders with wrk on a warm server whose account is at AWS's limits
# (5,000 users, 300 groups, 1,000 roles, 1,500 policies: the benchmarks' generator), signed in as
# root, on loopback, for a bounded time per page.
# Usage: bash benchmarks/console/run.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-4}
data=$(mktemp -d)
port=4698
export LOCALIAM_ACCOUNT_ID=111122223333 LOCALIAM_ROOT_EMAIL=root@example.com LOCALIAM_ROOT_PASSWORD=Bench-Root-Password-1 \
       LOCALIAM_ROOT_ACCESS_KEY_ID=AKIABENCHROOT0000001 LOCALIAM_ROOT_SECRET_ACCESS_KEY=benchSecretKeyBenchSecretKeyBenchSecret1
dotnet build -c Release src/LocalIam.Cli -v quiet -nologo >/dev/null
dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- generate --data "$data"
dotnet src/LocalIam.Cli/bin/Release/net10.0/localiam.dll serve --urls "http://127.0.0.1:$port" --data "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/_localiam/health" >/dev/null && break; sleep 0.2; done

# Sign in as root as a browser would: the form's antiforgery token and cookie, then the post.
jar="$data/cookies.txt"
token=$(curl -sf -c "$jar" "$base/console?signin=root" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed -n 1p | sed 's/.*value="//; s/"$//')
curl -sf -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Email=$LOCALIAM_ROOT_EMAIL" --data-urlencode "Password=$LOCALIAM_ROOT_PASSWORD" \
     --data-urlencode "__RequestVerificationToken=$token" "$base/console?handler=Root&signin=root"
cookie=$(awk '$6 == "localiam-console" { print $6 "=" $7 }' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed: no session cookie" >&2; exit 1; }
user=$(curl -sf -H "Cookie: $cookie" "$base/console/iam/users" | grep -o 'href="/console/iam/users/[^"?/]*"' | grep -v '/create"' | sed -n 1p | sed 's|.*/users/||; s/"$//')
group=$(curl -sf -H "Cookie: $cookie" "$base/console/iam/groups" | grep -o 'href="/console/iam/groups/[^"?/]*"' | grep -v '/create"' | sed -n 1p | sed 's|.*/groups/||; s/"$//')

for path in /console /console/account /console/iam /console/iam/users "/console/iam/users/$user" /console/iam/groups "/console/iam/groups/$group" \
            /console/iam/roles /console/iam/policies /console/iam/settings \
            /console/billing /console/billing/bills /console/billing/cost-explorer /console/billing/budgets; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  echo "== GET $path (status $status)"
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$path" | grep -E 'Latency|50%|99%|Requests/sec'
done
echo "server resident memory: $(ps -o rss= -p $server | awk '{printf "%.0f MiB", $1/1024}')"
