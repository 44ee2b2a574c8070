// The generated sweep: for every operation LocalIam serves and every parameter the AWS model gives
// it, values with each control character (0x00-0x1F, 0x7F), invalid UTF-8, empty, the model's
// maximum length + 1 and one megabyte, signed as root by the SDK's SigV4 signer. Every answer must
// be below 500 and in AWS's envelope with a request id. Bounded in count and time.
// Usage: node sweep.mjs PARAMETERS.json OPERATIONS.json RESULT.json   (LOCALIAM_LONG_TESTS=1: every position, more lengths)
import fs from "node:fs";
import { encode, readAnswer, send, signRequest, versions } from "./wire.mjs";

const [parametersPath, operationsPath, resultPath] = process.argv.slice(2);
const model = JSON.parse(fs.readFileSync(parametersPath, "utf8"));
const served = JSON.parse(fs.readFileSync(operationsPath, "utf8"));
const endpoint = process.env.LOCALIAM_ENDPOINT;
const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const long = process.env.LOCALIAM_LONG_TESTS === "1";
const budgetMs = long ? 30 * 60_000 : 100_000;
const maxRequests = long ? 1_000_000 : 25_000;
const inFlight = 6;
const megabyte = 1024 * 1024;
const account = "111122223333";

const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] });
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }] });

/** A value the model would accept for a slot, so that the slot being swept is the only bad one. */
function validValue(slot) {
  if (slot.enum) return slot.enum[0];
  switch (slot.type) {
    case "integer": case "long": return String(slot.min ?? 1);
    case "boolean": return "false";
    case "timestamp": return "2026-01-01T00:00:00Z";
    case "blob": return "c3dlZXA=";
  }
  const key = slot.key.toLowerCase();
  const shape = (slot.shape ?? "").toLowerCase();
  if (shape.includes("policydocument") || key.endsWith("policydocument") || key.includes("policyinputlist")) return key.includes("assumerole") ? trust : policy;
  if (shape.includes("arn") || key.endsWith("arn") || key.includes("arns")) return `arn:aws:iam::${account}:user/sweep`;
  if (shape.includes("path") && !shape.includes("prefix")) return "/";
  if (shape.includes("pathprefix") || key.endsWith("pathprefix")) return "/";
  if (key.endsWith("url")) return "https://sweep.example.com";
  if (shape.includes("thumbprint")) return "a".repeat(40);
  let value = "sweep";
  if (slot.min !== undefined && value.length < slot.min) value = value.padEnd(slot.min, "a");
  if (slot.max !== undefined && value.length > slot.max) value = value.slice(0, slot.max);
  return value;
}

/** The hostile values for one slot, each a raw (already percent-encoded) form value. */
function hostileValues(slot) {
  const values = [];
  const controls = [...Array(32).keys(), 0x7f].map((c) => "%" + c.toString(16).padStart(2, "0").toUpperCase());
  for (const c of controls) {
    values.push({ label: `control ${c}`, raw: `sw${c}eep` });
    if (long) {
      values.push({ label: `leading ${c}`, raw: `${c}sweep` });
      values.push({ label: `trailing ${c}`, raw: `sweep${c}` });
      values.push({ label: `only ${c}`, raw: c });
    }
  }
  // A lone byte that is never UTF-8, a bad continuation, an encoded surrogate; the long run adds overlong and truncated forms.
  const invalidUtf8 = ["%FF", "%C3%28", "%ED%A0%80", ...(long ? ["%C0%AF", "%F8%88%80%80%80", "%E2%82", "%F4%90%80%80"] : [])];
  for (const bytes of invalidUtf8) values.push({ label: `invalid UTF-8 ${bytes}`, raw: `sw${bytes}eep` });
  values.push({ label: "empty", raw: "" });
  if (slot.max !== undefined && slot.max + 1 < megabyte) values.push({ label: `max+1 (${slot.max + 1})`, raw: "a".repeat(slot.max + 1) });
  if (long && slot.min !== undefined && slot.min > 1) values.push({ label: `min-1 (${slot.min - 1})`, raw: "a".repeat(slot.min - 1) });
  values.push({ label: "1 MB", raw: "a".repeat(megabyte) });
  if (long) values.push({ label: "1 MB of %01", raw: "%01".repeat(megabyte / 4) });
  return values;
}

function* requests() {
  for (const service of ["iam", "sts"]) {
    for (const operation of served[service]) {
      const slots = model[service].operations[operation] ?? [];
      const base = Object.fromEntries(slots.filter((s) => s.required).map((s) => [s.key, encode(validValue(s))]));
      for (const slot of slots) {
        for (const value of hostileValues(slot)) {
          const params = { Action: operation, Version: versions[service], ...base, [slot.key]: undefined };
          const body = Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${encode(k)}=${k === "Action" || k === "Version" ? encode(v) : v}`)
            .concat(`${encode(slot.key)}=${value.raw}`).join("&");
          yield { service, operation, slot: slot.key, label: value.label, body };
        }
      }
    }
  }
}

const started = performance.now();
const byStatus = {};
const failures = [];
const failingSlots = new Map();
let sent = 0;
let stoppedBy = null;
const iterator = requests();

async function worker() {
  for (;;) {
    if (sent >= maxRequests) { stoppedBy ??= `the request cap (${maxRequests})`; return; }
    if (performance.now() - started > budgetMs) { stoppedBy ??= `the time budget (${budgetMs / 1000} s)`; return; }
    const next = iterator.next();
    if (next.done) return;
    const r = next.value;
    sent++;
    const request = await signRequest({ endpoint, method: "POST", path: "/", query: "", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: Buffer.from(r.body, "latin1") },
      { credentials, region: "us-east-1", service: r.service, date: new Date() });
    const answer = readAnswer(await send(request, 30_000));
    byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    const bad = answer.status >= 500 || answer.status === 0 ? "5xx or no answer" : !answer.envelope ? "not AWS's envelope with a request id" : null;
    if (bad) {
      // One example per operation and parameter, with how many of its values failed.
      const slot = `${r.operation} ${r.slot}`;
      const seen = failingSlots.get(slot);
      if (seen) seen.count++;
      else {
        const failure = { problem: bad, operation: r.operation, parameter: r.slot, value: r.label, status: answer.status, code: answer.code, message: answer.message?.slice(0, 200), transportError: answer.transportError, count: 1 };
        failingSlots.set(slot, failure);
        failures.push(failure);
      }
    }
  }
}

await Promise.all(Array.from({ length: inFlight }, worker));
const total = ["iam", "sts"].reduce((n, s) => n + served[s].reduce((m, op) => m + (model[s].operations[op] ?? []).reduce((k, slot) => k + hostileValues(slot).length, 0), 0), 0);
const serverErrors = Object.entries(byStatus).filter(([s]) => Number(s) >= 500 || Number(s) === 0).reduce((n, [, c]) => n + c, 0);
const result = {
  operations: served.iam.length + served.sts.length,
  parameters: ["iam", "sts"].reduce((n, s) => n + served[s].reduce((m, op) => m + (model[s].operations[op]?.length ?? 0), 0), 0),
  planned: total, requests: sent, complete: sent === total, stoppedBy: sent === total ? null : stoppedBy,
  seconds: Math.round((performance.now() - started) / 100) / 10, byStatus, serverErrors,
  notEnvelope: failures.filter((f) => f.problem !== "5xx or no answer").reduce((n, f) => n + f.count, 0), failingParameters: failures.length, failures,
};
fs.writeFileSync(resultPath, JSON.stringify(result, null, 1));
console.log(JSON.stringify({ ...result, failures: undefined }));
