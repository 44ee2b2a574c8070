// LocalIam's billing-setting operations on the AWS JSON 1.0 protocol (signing name "billing"),
// signed by the AWS SDK's own SigV4 signer. Returns { status, body }.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";

export async function callBilling(endpointUrl, credentials, operation, input = {}) {
  const endpoint = new URL(endpointUrl);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({ service: "billing", region: "us-east-1", sha256: Sha256, credentials });
  const signed = await signer.sign(new HttpRequest({
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: Number(endpoint.port),
    method: "POST",
    path: "/",
    headers: { host: endpoint.host, "content-type": "application/x-amz-json-1.0", "x-amz-target": `AWSBilling.${operation}` },
    body,
  }));
  const response = await fetch(endpoint.origin + "/", { method: "POST", headers: signed.headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
