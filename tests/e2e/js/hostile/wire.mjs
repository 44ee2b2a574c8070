// The wire under the hostile suite: requests signed by the AWS SDK's own SigV4 signer
// (@smithy/signature-v4), sent byte for byte with node:http, so a case can send what no client
// would (bad bytes, tampered bodies, replays, other regions, other services, odd dates).
import http from "node:http";
import crypto from "node:crypto";
import { SignatureV4, getCanonicalHeaders, getPayloadHash } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";

/** SHA-256 and HMAC for the signer, from node:crypto: the pure-JS hash is too slow for megabyte bodies. */
export class NodeSha256 {
  constructor(secret) {
    this.hash = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", Buffer.from(secret));
  }
  update(data) {
    this.hash.update(typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

export const signingNames = { iam: "iam", sts: "sts", billing: "billing" };
export const versions = { iam: "2010-05-08", sts: "2011-06-15" };

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** RFC 3986 percent-encoding of a string's UTF-8 bytes, as AWS's Query protocol wants. */
export const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

/** A Query form body from parameters; values are encoded unless given as { raw: "already%20encoded" }. */
export function formBody(params) {
  return Object.entries(params)
    .map(([k, v]) => `${encode(k)}=${v !== null && typeof v === "object" && "raw" in v ? v.raw : encode(String(v))}`)
    .join("&");
}

/**
 * Signs { method, path, query (raw string), headers, body (Buffer) } with the SDK's signer.
 * sign: { credentials, region, service, date (Date), presign: { expires } }.
 * Returns the same shape with the signature in the Authorization header or the query string.
 */
export async function signRequest(request, sign) {
  const endpoint = new URL(request.endpoint);
  const signer = new SignatureV4({ service: sign.service, region: sign.region, sha256: NodeSha256, credentials: sign.credentials });
  const query = parseQuery(request.query ?? "");
  const http = new HttpRequest({
    protocol: endpoint.protocol, hostname: endpoint.hostname, port: Number(endpoint.port), method: request.method,
    path: request.path, query, headers: { host: endpoint.host, ...request.headers }, body: request.body,
  });
  if (sign.presign) {
    const presigned = await signer.presign(http, { signingDate: sign.date, expiresIn: sign.presign.expires ?? 900 });
    return { ...request, headers: presigned.headers, query: serializeQuery(presigned.query) };
  }
  const signed = await signer.sign(http, { signingDate: sign.date });
  return { ...request, headers: signed.headers, query: serializeQuery(signed.query) };
}

/**
 * Signs a request whose X-Amz-Date header is given as written (any format), building the canonical
 * request with the SDK's own helpers and HMAC-ing with the SDK's signString: a valid signature over
 * a date a strict server must refuse.
 */
export async function signWithDateHeader(request, sign, amzDateHeader) {
  const endpoint = new URL(request.endpoint);
  const signer = new SignatureV4({ service: sign.service, region: sign.region, sha256: NodeSha256, credentials: sign.credentials });
  const headers = { host: endpoint.host, ...request.headers, "x-amz-date": amzDateHeader };
  if (sign.credentials.sessionToken) headers["x-amz-security-token"] = sign.credentials.sessionToken;
  const http = new HttpRequest({ method: request.method, path: request.path, query: parseQuery(request.query ?? ""), headers, body: request.body });
  const canonicalHeaders = getCanonicalHeaders(http);
  const canonical = signer.createCanonicalRequest(http, canonicalHeaders, await getPayloadHash(http, NodeSha256));
  const longDate = sign.date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const scope = `${longDate.slice(0, 8)}/${sign.region}/${sign.service}/aws4_request`;
  const stringToSign = await signer.createStringToSign(longDate, scope, canonical, "AWS4-HMAC-SHA256");
  const signature = await signer.signString(stringToSign, { signingDate: sign.date, signingRegion: sign.region, signingService: sign.service });
  const signedHeaders = Object.keys(canonicalHeaders).sort().join(";");
  return {
    ...request,
    headers: { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${sign.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` },
  };
}

/** Sends the request as it is; resolves with status, headers, body text and elapsed milliseconds. */
export function send(request, timeoutMs = 15000) {
  const endpoint = new URL(request.endpoint);
  const path = request.path + (request.query ? "?" + request.query : "");
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: endpoint.hostname, port: endpoint.port, method: request.method, path, headers: request.headers, agent: keepAlive }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
      res.on("error", (e) => resolve({ status: 0, transportError: e.message, ms: performance.now() - started }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (e) => resolve({ status: 0, transportError: e.message, ms: performance.now() - started }));
    if (request.body !== undefined && request.body.length > 0) req.write(request.body);
    req.end();
  });
}

/** What an answer says: AWS's code, message and request id, and whether its envelope is AWS's. */
export function readAnswer(response) {
  const { status, body = "", headers = {} } = response;
  const result = { status, ms: Math.round(response.ms ?? 0), transportError: response.transportError };
  if (response.transportError) return { ...result, envelope: false };
  const type = String(headers["content-type"] ?? "");
  if (type.includes("json")) {
    let json = null;
    try { json = body ? JSON.parse(body) : {}; } catch { /* not JSON: not AWS's envelope */ }
    const requestId = headers["x-amzn-requestid"];
    const code = json?.__type ? String(json.__type).split("#").pop() : undefined;
    return { ...result, code, message: json?.message ?? json?.Message, requestId, output: status < 300 ? json : undefined, envelope: json !== null && (status < 300 || code !== undefined) };
  }
  const unescape = (s) => s?.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, "&");
  const tag = (name) => unescape(body.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1]);
  const requestId = tag("RequestId");
  if (status >= 300) {
    const code = tag("Code");
    const envelope = /^(<\?xml[^>]*\?>\s*)?<ErrorResponse[\s>]/.test(body.trimStart()) && /<Error>[\s\S]*<Code>[^<]+<\/Code>[\s\S]*<\/Error>/.test(body) && Boolean(requestId);
    return { ...result, code, message: tag("Message"), requestId, envelope };
  }
  const envelope = /^(<\?xml[^>]*\?>\s*)?<\w+Response[\s>]/.test(body.trimStart()) && /<ResponseMetadata>\s*<RequestId>[^<]+<\/RequestId>/.test(body);
  return { ...result, requestId, envelope, body: body.length <= 200_000 ? body : undefined };
}

export function parseQuery(raw) {
  const query = {};
  for (const part of raw.split("&").filter(Boolean)) {
    const i = part.indexOf("=");
    const name = decodeLoose(i < 0 ? part : part.slice(0, i));
    const value = decodeLoose(i < 0 ? "" : part.slice(i + 1));
    query[name] = name in query ? [].concat(query[name], value) : value;
  }
  return query;
}

function serializeQuery(query) {
  return Object.entries(query ?? {})
    .flatMap(([k, v]) => [].concat(v).map((one) => `${encode(k)}=${encode(String(one))}`))
    .join("&");
}

function decodeLoose(text) {
  try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch { return text; }
}
