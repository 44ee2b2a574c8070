#!/usr/bin/env bash
# Import and export of an account's authorization details at AWS's per-account limits
# (docs/benchmarks.md, "Import and export of authorization details").
#   bash benchmarks/transfer/run.sh [RUNS]
# Generates the account (5,000 users, 300 groups, 1,000 roles, 1,500 customer managed policies),
# then times with hyperfine, on a Release build with output redirected (plain progress lines):
# export to a file; import into a new data folder (the store made as `serve` would); import with
# --replace into that store; and checks that the re-import exports the same JSON.
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/localiam-transfer-XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/src/LocalIam.Cli/LocalIam.Cli.csproj" >/dev/null
dotnet build -c Release "$root/benchmarks/LocalIam.Benchmarks/LocalIam.Benchmarks.csproj" >/dev/null
localiam="$root/src/LocalIam.Cli/bin/Release/net10.0/localiam"

LOCALIAM_ACCOUNT_ID=123456789012 dotnet "$root/benchmarks/LocalIam.Benchmarks/bin/Release/net10.0/LocalIam.Benchmarks.dll" generate --data "$work/limits" --scale 1
"$localiam" export --data "$work/limits" --file "$work/limits.json"
ls -l "$work/limits.json" | awk '{ printf "file size: %.1f MiB (%d bytes)\n", $5 / 1048576, $5 }'
gzip -c "$work/limits.json" | wc -c | awk '{ printf "gzipped: %.1f MiB\n", $1 / 1048576 }'

hyperfine --runs "$runs" "$localiam export --data $work/limits --file $work/export.json"
hyperfine --runs "$runs" --prepare "rm -rf $work/new" "$localiam import $work/limits.json --data $work/new"
"$localiam" import "$work/limits.json" --data "$work/existing" >/dev/null
hyperfine --runs "$runs" "$localiam import $work/limits.json --data $work/existing --replace"
/usr/bin/time -f "import into a new store: %e s wall, %U s user, %S s system, %M KiB max resident" "$localiam" import "$work/limits.json" --data "$work/once" >/dev/null
/usr/bin/time -f "export: %e s wall, %U s user, %S s system, %M KiB max resident" "$localiam" export --data "$work/once" --file "$work/again.json"

cmp "$work/limits.json" "$work/again.json" && echo "the re-imported account exports byte for byte the same file"
