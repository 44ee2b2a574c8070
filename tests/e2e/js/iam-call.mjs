// One IAM operation through the AWS SDK for JavaScript v3, for what the Debian AWS CLI v2 cannot send:
// operations it predates (GetMFADevice) and values its client-side validation refuses.
// Usage: node iam-call.mjs OPERATION 'JSON_INPUT'; prints the output, or {"error": NAME, "message": ...}.
import * as iam from "@aws-sdk/client-iam";

const [operation, input] = process.argv.slice(2);
const client = new iam.IAMClient({ endpoint: process.env.LOCALIAM_ENDPOINT, region: "us-east-1", maxAttempts: 1 });
try {
  const { $metadata, ...output } = await client.send(new iam[`${operation}Command`](JSON.parse(input)));
  console.log(JSON.stringify(output));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message }));
}
