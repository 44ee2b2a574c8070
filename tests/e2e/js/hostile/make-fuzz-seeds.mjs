// Writes tests/hostile/fuzz/signed-requests.json: real requests signed by the AWS SDK's SigV4 signer
// (header-signed, presigned, with a session token, IAM, STS and the billing service), the seeds the
// SigV4 fuzzer mutates. The dates are fixed, so the file is the same on every run.
// Usage: node make-fuzz-seeds.mjs OUTPUT.json
import fs from "node:fs";
import { formBody, signRequest } from "./wire.mjs";

const [outputPath] = process.argv.slice(2);
const endpoint = "http://127.0.0.1:4599";
const date = new Date("2026-11-28T12:00:00Z");
const longTerm = { accessKeyId: "AKIAFUZZSEEDKEY00001", secretAccessKey: "fuzzSeedSecretFuzzSeedSecretFuzzSeed0001" };
const session = { ...longTerm, accessKeyId: "ASIAFUZZSEEDKEY00001", sessionToken: "IQoJb3JpZ2luX2VjEFuzzSeedSessionToken/+=" };
const form = (params) => ({ "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
const seeds = [];
async function add(label, request, sign) {
  const signed = await signRequest({ endpoint, path: "/", query: "", ...request, body: Buffer.from(request.body ?? "") }, { region: "us-east-1", date, ...sign });
  seeds.push({ label, method: signed.method, path: signed.path, query: signed.query, headers: Object.entries(signed.headers), body: signed.body.toString("utf8"), secret: sign.credentials.secretAccessKey, service: sign.service, now: date.toISOString() });
}
await add("iam ListUsers", { method: "POST", headers: form(), body: formBody({ Action: "ListUsers", Version: "2010-05-08" }) }, { credentials: longTerm, service: "iam" });
await add("iam CreateUser with tags", { method: "POST", headers: form(), body: formBody({ Action: "CreateUser", Version: "2010-05-08", UserName: "bob", Path: "/a/b/", "Tags.member.1.Key": "team", "Tags.member.1.Value": "blue & green" }) }, { credentials: longTerm, service: "iam" });
await add("iam PutUserPolicy", { method: "POST", headers: form(), body: formBody({ Action: "PutUserPolicy", Version: "2010-05-08", UserName: "bob", PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] }) }) }, { credentials: longTerm, service: "iam" });
await add("iam session ListRoles", { method: "POST", headers: form(), body: formBody({ Action: "ListRoles", Version: "2010-05-08", MaxItems: "5" }) }, { credentials: session, service: "iam" });
await add("sts GetCallerIdentity", { method: "POST", headers: form(), body: formBody({ Action: "GetCallerIdentity", Version: "2011-06-15" }) }, { credentials: longTerm, service: "sts" });
await add("sts AssumeRole", { method: "POST", headers: form(), body: formBody({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: "arn:aws:iam::111122223333:role/Admin", RoleSessionName: "s1" }) }, { credentials: session, service: "sts" });
await add("iam presigned GET ListUsers", { method: "GET", query: "Action=ListUsers&Version=2010-05-08" }, { credentials: longTerm, service: "iam", presign: { expires: 300 } });
await add("iam presigned GET with session", { method: "GET", query: "Action=GetUser&Version=2010-05-08&UserName=bob" }, { credentials: session, service: "iam", presign: { expires: 60 } });
await add("billing JSON", { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSBilling.UpdateIAMAccessPreference" }, body: JSON.stringify({ Enabled: true }) }, { credentials: longTerm, service: "billing" });
await add("iam path with segments", { method: "POST", path: "/a%20b/c", headers: form(), body: formBody({ Action: "ListUsers", Version: "2010-05-08" }) }, { credentials: longTerm, service: "iam" });
fs.writeFileSync(outputPath, JSON.stringify({ _source: "tests/e2e/js/hostile/make-fuzz-seeds.mjs", seeds }, null, 1) + "\n");
console.log(seeds.length);
