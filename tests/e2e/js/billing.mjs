// Command-line access to the billing setting for tests and people:
//   node billing.mjs get            -> GetIAMAccessPreference
//   node billing.mjs set true|false -> UpdateIAMAccessPreference
// Uses LOCALIAM_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; prints {"status", "body"}.
import { callBilling } from "./billing-client.mjs";

const [verb, value] = process.argv.slice(2);
const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const result = verb === "set"
  ? await callBilling(process.env.LOCALIAM_ENDPOINT, credentials, "UpdateIAMAccessPreference", { Enabled: value === "true" })
  : await callBilling(process.env.LOCALIAM_ENDPOINT, credentials, "GetIAMAccessPreference");
console.log(JSON.stringify(result));
