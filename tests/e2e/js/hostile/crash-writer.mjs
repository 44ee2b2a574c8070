// Crash safety, two halves around a `kill -9` of `localiam serve` (scripts/hostile-crash.sh):
//   node crash-writer.mjs write ACKED.jsonl ROUND SECONDS  concurrent signed writes through the AWS SDK
//       for JavaScript v3 until the server dies or SECONDS pass; each write the server acknowledged
//       (HTTP 200) is appended to ACKED.jsonl before the next one starts.
//   node crash-writer.mjs verify ACKED.jsonl               every acknowledged write must be there.
// Prints one JSON line of figures.
import fs from "node:fs";
import * as iam from "@aws-sdk/client-iam";

const [mode, ackedPath, round = "0", secondsText = "20"] = process.argv.slice(2);
const client = new iam.IAMClient({ endpoint: process.env.LOCALIAM_ENDPOINT, region: "us-east-1", maxAttempts: 1,
  requestHandler: { requestTimeout: 10_000, connectionTimeout: 2_000 } });
const call = (operation, params) => client.send(new iam[`${operation}Command`](params));
const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] });

/** The writes of one worker, in order: each names what must exist once it was acknowledged. */
function* writes(worker) {
  for (let n = 0; ; n++) {
    const user = `crash-r${round}-w${worker}-${n}`;
    yield { operation: "CreateUser", params: { UserName: user }, check: { operation: "GetUser", params: { UserName: user } } };
    yield { operation: "TagUser", params: { UserName: user, Tags: [{ Key: "n", Value: String(n) }] }, check: { operation: "ListUserTags", params: { UserName: user }, tag: String(n) } };
    yield { operation: "PutUserPolicy", params: { UserName: user, PolicyName: "inline", PolicyDocument: policy }, check: { operation: "GetUserPolicy", params: { UserName: user, PolicyName: "inline" } } };
    if (n % 3 === 0) {
      const name = `crash-r${round}-w${worker}-p${n}`;
      yield { operation: "CreatePolicy", params: { PolicyName: name, PolicyDocument: policy }, check: { operation: "GetPolicy", params: { PolicyArn: `arn:aws:iam::111122223333:policy/${name}` } } };
      yield { operation: "AttachUserPolicy", params: { UserName: user, PolicyArn: `arn:aws:iam::111122223333:policy/${name}` },
        check: { operation: "ListAttachedUserPolicies", params: { UserName: user }, attached: name } };
    }
  }
}

if (mode === "write") {
  const deadline = Date.now() + Number(secondsText) * 1000;
  const figures = { attempted: 0, acknowledged: 0, refused: 0, unanswered: 0 };
  let serverGone = false;
  const worker = async (w) => {
    for (const write of writes(w)) {
      if (serverGone || Date.now() > deadline) return;
      figures.attempted++;
      try {
        await call(write.operation, write.params);
        fs.appendFileSync(ackedPath, JSON.stringify({ ...write.check, wrote: write.operation, check: write.check.operation, operation: undefined }) + "\n");
        figures.acknowledged++;
      } catch (e) {
        if (e.$metadata?.httpStatusCode) { figures.refused++; continue; }
        figures.unanswered++;
        serverGone = true;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  console.log(JSON.stringify({ round: Number(round), ...figures }));
} else {
  const lines = fs.existsSync(ackedPath) ? fs.readFileSync(ackedPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
  const missing = [];
  for (const ack of lines) {
    let ok = false;
    try {
      const output = await call(ack.check, ack.params);
      ok = ack.tag !== undefined ? output.Tags?.some((t) => t.Key === "n" && t.Value === ack.tag)
        : ack.attached !== undefined ? output.AttachedPolicies?.some((p) => p.PolicyName === ack.attached) : true;
    } catch (e) {
      ok = false;
    }
    if (!ok) missing.push(ack);
  }
  console.log(JSON.stringify({ acknowledged: lines.length, lost: missing.length, examples: missing.slice(0, 5) }));
  process.exit(missing.length === 0 ? 0 : 1);
}
