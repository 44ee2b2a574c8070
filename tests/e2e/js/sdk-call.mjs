// One call of Cost Explorer or Budgets through the AWS SDK for JavaScript v3, for the E2E tests:
//   node sdk-call.mjs ce|budgets OPERATION '{"input": ...}'
// Budgets' TimePeriod Start/End given as ISO strings become Dates, as the SDK wants them.
// Uses LOCALIAM_ENDPOINT, AWS_REGION and the AWS_* credentials; prints {"ok", "output"} or
// {"ok": false, "name", "status", "message"}.
import * as CostExplorer from "@aws-sdk/client-cost-explorer";
import * as Budgets from "@aws-sdk/client-budgets";

const [service, operation, json] = process.argv.slice(2);
const sdk = service === "ce" ? CostExplorer : Budgets;
const Client = service === "ce" ? CostExplorer.CostExplorerClient : Budgets.BudgetsClient;
const input = JSON.parse(json ?? "{}", (key, value) =>
  service === "budgets" && (key === "Start" || key === "End") && typeof value === "string" ? new Date(value) : value);
const client = new Client({ endpoint: process.env.LOCALIAM_ENDPOINT, region: process.env.AWS_REGION, maxAttempts: 1 });
try {
  const output = await client.send(new sdk[`${operation}Command`](input));
  delete output.$metadata;
  console.log(JSON.stringify({ ok: true, output }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, status: error.$metadata?.httpStatusCode, message: error.message }));
}
