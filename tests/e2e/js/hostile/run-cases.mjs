// Runs a batch of the hostile catalogue's cases (tests/hostile/cases/*.json) through the AWS SDK for
// JavaScript v3 ("js") or through raw requests signed by the SDK's SigV4 signer ("raw"), in order,
// and writes what each answered; the C# runner compares that with what AWS answers.
// Usage: node run-cases.mjs FIXTURE.json CASES.json RESULTS.json CLOCK_OFFSET_SECONDS
import fs from "node:fs";
import * as iam from "@aws-sdk/client-iam";
import * as sts from "@aws-sdk/client-sts";
import { formBody, readAnswer, send, signRequest, signWithDateHeader, versions } from "./wire.mjs";

const [fixturePath, casesPath, resultsPath, offsetText = "0"] = process.argv.slice(2);
const fixture = JSON.parse(fs.readFileSync(fixturePath, "utf8"));
const cases = JSON.parse(fs.readFileSync(casesPath, "utf8"));
const endpoint = process.env.LOCALIAM_ENDPOINT;
const clockOffsetSeconds = Number(offsetText);
const caseTimeoutMs = 10_000;

/** ${name} in any string of a case: fixture values (account, key.NAME, ...) and generated bulk (${repeat:N:text}). */
function fill(value) {
  if (typeof value === "string") {
    return value
      .replace(/\$\{repeat:(\d+):([^}]*)\}/g, (_, n, text) => text.repeat(Number(n)))
      .replace(/\$\{nest:(\d+):([a-z]+)\}/g, (_, n, tag) => `<${tag}>`.repeat(Number(n)) + `</${tag}>`.repeat(Number(n)))
      .replace(/\$\{([A-Za-z0-9_.-]+)\}/g, (whole, name) => (name in fixture.vars ? fixture.vars[name] : name.startsWith("aws:") ? whole : missingVar(name)));
  }
  if (Array.isArray(value)) return value.map(fill);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  return value;
}

function missingVar(name) {
  throw new Error(`the fixture has no value \${${name}}`);
}

function principal(name) {
  if (name === "anonymous") return null;
  const credentials = fixture.principals[name];
  if (!credentials) throw new Error(fixture.missing?.[name] ? `the fixture could not make ${name}: ${fixture.missing[name]}` : `no attacker ${name} in the fixture`);
  return credentials;
}

const clientFor = (service, credentials) => {
  const config = { endpoint, region: "us-east-1", credentials, maxAttempts: 1, systemClockOffset: clockOffsetSeconds * 1000,
    requestHandler: { requestTimeout: caseTimeoutMs, connectionTimeout: 5000 } };
  return service === "sts" ? new sts.STSClient(config) : new iam.IAMClient(config);
};

/** Credentials for an attacker: a fixture name, or a session made now from one (assumeRole / getSessionToken). */
async function attackerCredentials(attacker) {
  if (typeof attacker === "string") return principal(attacker);
  const from = await attackerCredentials(attacker.from);
  const client = clientFor("sts", from);
  const made = attacker.assumeRole
    ? await client.send(new sts.AssumeRoleCommand(fill(attacker.assumeRole)))
    : await client.send(new sts.GetSessionTokenCommand(fill(attacker.getSessionToken ?? {})));
  const c = made.Credentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** One SDK call; an answer in the shape readAnswer gives. */
async function sdkCall(service, credentials, operation, params) {
  const module = service === "sts" ? sts : iam;
  const Command = module[`${operation}Command`];
  if (!Command) throw new Error(`the SDK has no ${service} operation ${operation}`);
  const started = performance.now();
  try {
    const { $metadata, ...output } = await clientFor(service, credentials).send(new Command(params));
    return { status: $metadata.httpStatusCode, requestId: $metadata.requestId, envelope: Boolean($metadata.requestId), output, ms: Math.round(performance.now() - started) };
  } catch (e) {
    const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? 0;
    // The wire code (e.Code), not the SDK's exception class name (LimitExceeded, not LimitExceededException).
    const code = e.Error?.Code ?? e.Code ?? e.name;
    return { status, code, message: e.message, requestId: e.$metadata?.requestId, envelope: Boolean(e.$metadata?.requestId) && code !== "Unknown", ms: Math.round(performance.now() - started) };
  }
}

/** A raw request: built, signed by the SDK's signer as the case says, tampered with, sent. */
async function rawRequest(raw, credentials) {
  const service = raw.service ?? "iam";
  const headers = { ...(raw.headers ?? {}) };
  let body = "";
  if (raw.json !== undefined) {
    body = JSON.stringify(raw.json);
    headers["content-type"] = "application/x-amz-json-1.0";
    headers["x-amz-target"] = raw.target;
  } else if (raw.body !== undefined || raw.form !== undefined) {
    body = raw.body ?? formBody({ ...raw.form, ...(raw.form.Version === undefined && !raw.noVersion ? { Version: versions[service] } : {}) });
    headers["content-type"] ??= "application/x-www-form-urlencoded; charset=utf-8";
  }
  let request = { endpoint, method: raw.method ?? "POST", path: raw.path ?? "/", query: raw.query ?? "", headers, body: Buffer.from(body, raw.bodyEncoding ?? "utf8") };
  const sign = raw.sign ?? {};
  if (credentials && !sign.none) {
    const date = new Date(Date.now() + (clockOffsetSeconds + (sign.skewSeconds ?? 0)) * 1000);
    const options = { credentials: sign.credentials ? principal(sign.credentials) : credentials, region: sign.region ?? "us-east-1", service: sign.service ?? (service === "billing" ? "billing" : service), date, presign: sign.presign };
    if (sign.keyId) options.credentials = { ...options.credentials, accessKeyId: fill(sign.keyId) };
    request = sign.amzDate ? await signWithDateHeader(request, options, dateAs(sign.amzDate, date)) : await signRequest(request, options);
  }
  for (const t of raw.tamper ?? []) request = tamper(request, t);
  return request;
}

/** An X-Amz-Date header in a format other than SigV4's basic one (or a literal value). */
function dateAs(format, date) {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  switch (format) {
    case "extended": return iso;
    case "rfc1123": return date.toUTCString();
    case "millis": return iso.replace(/[-:]/g, "").replace("Z", ".000Z");
    case "offset": return iso.replace(/[-:]/g, "").replace("Z", "+0000");
    default: return format;
  }
}

function tamper(request, t) {
  const r = { ...request, headers: { ...request.headers } };
  if (t.body) r.body = Buffer.from(r.body.toString("utf8").replace(t.body[0], t.body[1]), "utf8");
  if (t.query) r.query = t.query[1] === undefined ? r.query + t.query[0] : r.query.replace(new RegExp(t.query[0]), t.query[1]);
  if (t.header) r.headers[t.header[0]] = t.header[1];
  if (t.removeHeader) for (const name of Object.keys(r.headers)) if (name.toLowerCase() === t.removeHeader.toLowerCase()) delete r.headers[name];
  if (t.authorization) r.headers.authorization = r.headers.authorization.replace(new RegExp(t.authorization[0]), t.authorization[1]);
  if (t.flipSignature) {
    const flip = (sig) => sig.slice(0, -1) + (sig.endsWith("0") ? "1" : "0");
    if (r.headers.authorization) r.headers.authorization = r.headers.authorization.replace(/Signature=([0-9a-f]+)/, (_, s) => `Signature=${flip(s)}`);
    else r.query = r.query.replace(/X-Amz-Signature=([0-9a-f]+)/, (_, s) => `X-Amz-Signature=${flip(s)}`);
  }
  return r;
}

/** A step as root before a case (or between a replay's two sends); `save` keeps a created access key as a new attacker, `saveVar` an output value. */
async function rootStep(step) {
  const answer = await sdkCall(step.service ?? "iam", principal("root"), step.operation, fill(step.params ?? {}));
  if (answer.code) throw new Error(`setup ${step.operation} failed: ${answer.code}: ${answer.message}`);
  // saveVar: { OutputMember: "var.name" } keeps a value of the answer (a report's JobId) for ${var.name}.
  for (const [member, name] of Object.entries(step.saveVar ?? {})) fixture.vars[name] = answer.output[member];
  if (step.save) {
    const key = answer.output.AccessKey;
    fixture.principals[step.save] = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
    fixture.vars[`key.${step.save}`] = key.AccessKeyId;
  }
  return answer;
}

async function runOne(c) {
  for (const step of c.setup ?? []) await rootStep(step);
  const credentials = c.attacker === undefined ? null : await attackerCredentials(c.attacker);
  const result = { name: c.name };
  if (c.race) {
    const { service = "iam", operation } = c.request;
    const requests = c.request.paramsList
      ? c.request.paramsList.map(fill)
      : Array.from({ length: c.race }, (_, i) => fill(JSON.parse(JSON.stringify(c.request.params ?? {}).replaceAll("${i}", String(i)))));
    const answers = await Promise.all(requests.map((params) => sdkCall(service, credentials, operation, params)));
    result.race = { succeeded: answers.filter((a) => !a.code).length, failures: answers.filter((a) => a.code).map((a) => ({ code: a.code, status: a.status, message: a.message })) };
    result.answers = [];
  } else if (c.client === "raw") {
    const request = await rawRequest(fill(c.raw), credentials);
    if (c.raw.replay) {
      result.first = readAnswer(await send(request, caseTimeoutMs));
      for (const step of c.raw.replay.between ?? []) await rootStep(step);
    }
    result.answers = [readAnswer(await send(request, caseTimeoutMs))];
  } else {
    const { service = "iam", operation, params = {} } = c.request;
    result.answers = [await sdkCall(service, credentials, operation, fill(params))];
  }
  for (const after of c.after ?? []) {
    const who = await attackerCredentials(after.attacker);
    result.answers.push(await sdkCall(after.request.service ?? "iam", who, after.request.operation, fill(after.request.params ?? {})));
  }
  return result;
}

const results = [];
for (const c of cases) {
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ name: c.name, error: `no result within ${caseTimeoutMs} ms` }), caseTimeoutMs * 2).unref());
  try {
    results.push(await Promise.race([runOne(c), timeout]));
  } catch (e) {
    results.push({ name: c.name, error: e.message });
  }
}
fs.writeFileSync(resultsPath, JSON.stringify(results, null, 1));
console.log(JSON.stringify({ cases: results.length, errors: results.filter((r) => r.error).length }));
process.exit(0);
