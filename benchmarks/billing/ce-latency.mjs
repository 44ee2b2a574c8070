// Latency of real, signed GetCostAndUsage requests through the whole server, with the AWS SDK for
// JavaScript v3 (tests/e2e/js's packages): one client, warm-up requests, then N sequential ones.
//   node benchmarks/billing/ce-latency.mjs ENDPOINT [N] [GRANULARITY] [GROUP_KEY]
// Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Prints median, p95, p99 and max in ms.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../tests/e2e/js/package.json", import.meta.url));
const { CostExplorerClient, GetCostAndUsageCommand } = require("@aws-sdk/client-cost-explorer");

const [endpoint, count = "200", granularity = "DAILY", groupKey = "SERVICE"] = process.argv.slice(2);
const client = new CostExplorerClient({ endpoint, region: "us-east-1", maxAttempts: 1 });
const today = new Date();
const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 12, 1));
const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
const day = (d) => d.toISOString().slice(0, 10);
const input = {
  TimePeriod: { Start: day(first), End: day(end) },
  Granularity: granularity,
  Metrics: ["UnblendedCost"],
  GroupBy: groupKey === "none" ? undefined : [{ Type: "DIMENSION", Key: groupKey }],
};

let groups = 0;
for (let i = 0; i < 10; i++) {
  const output = await client.send(new GetCostAndUsageCommand(input));
  groups = output.ResultsByTime.reduce((n, r) => n + (r.Groups?.length ?? 0), 0);
}

const times = [];
for (let i = 0; i < Number(count); i++) {
  const started = process.hrtime.bigint();
  await client.send(new GetCostAndUsageCommand(input));
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}

times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
console.log(JSON.stringify({ requests: times.length, periods: input.Granularity, groupKey, groups, medianMs: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: times[times.length - 1].toFixed(2) }));
