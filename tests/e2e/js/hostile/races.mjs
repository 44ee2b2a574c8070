// Concurrent attempts at each quota and unique name through the served API (scripts/hostile-crash.sh):
// ROUNDS rounds (default 3; LOCALIAM_LONG_TESTS=1: 10) of WIDTH requests at once (default 20) per
// quota, each round on fresh entities. Exactly AWS's number succeed; every other answer is AWS's
// error. Prints the figures as JSON; exits 1 on any miss.
import * as iam from "@aws-sdk/client-iam";

const client = new iam.IAMClient({ endpoint: process.env.LOCALIAM_ENDPOINT, region: "us-east-1", maxAttempts: 1 });
const call = (operation, params) => client.send(new iam[`${operation}Command`](params));
const long = process.env.LOCALIAM_LONG_TESTS === "1";
const rounds = Number(process.env.ROUNDS ?? (long ? 10 : 3));
const width = Number(process.env.WIDTH ?? 20);
const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] });
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }] });
const arn = (rest) => `arn:aws:iam::111122223333:${rest}`;
const cases = (r) => [
  { quota: "access keys per user", allowed: 2, code: "LimitExceeded", setup: [["CreateUser", { UserName: `k${r}` }]], request: () => ["CreateAccessKey", { UserName: `k${r}` }] },
  { quota: "versions per policy", allowed: 4, code: "LimitExceeded", setup: [["CreatePolicy", { PolicyName: `v${r}`, PolicyDocument: doc }]], request: () => ["CreatePolicyVersion", { PolicyArn: arn(`policy/v${r}`), PolicyDocument: doc }] },
  { quota: "groups per user", allowed: 10, code: "LimitExceeded", setup: [["CreateUser", { UserName: `g${r}` }], ...Array.from({ length: width }, (_, i) => ["CreateGroup", { GroupName: `g${r}-${i}` }])],
    request: (i) => ["AddUserToGroup", { UserName: `g${r}`, GroupName: `g${r}-${i}` }] },
  { quota: "managed policies per user", allowed: 10, code: "LimitExceeded", setup: [["CreateUser", { UserName: `a${r}` }], ...Array.from({ length: width }, (_, i) => ["CreatePolicy", { PolicyName: `a${r}-${i}`, PolicyDocument: doc }])],
    request: (i) => ["AttachUserPolicy", { UserName: `a${r}`, PolicyArn: arn(`policy/a${r}-${i}`) }] },
  { quota: "managed policies per role", allowed: 10, code: "LimitExceeded", setup: [["CreateRole", { RoleName: `ar${r}`, AssumeRolePolicyDocument: trust }]],
    request: (i) => ["AttachRolePolicy", { RoleName: `ar${r}`, PolicyArn: arn(`policy/a${r}-${i}`) }] },
  { quota: "managed policies per group", allowed: 10, code: "LimitExceeded", setup: [], request: (i) => ["AttachGroupPolicy", { GroupName: `g${r}-0`, PolicyArn: arn(`policy/a${r}-${i}`) }] },
  { quota: "one user per name, any case", allowed: 1, code: "EntityAlreadyExists", setup: [], request: (i) => ["CreateUser", { UserName: i % 2 ? `twin${r}` : `TWIN${r}` }] },
  { quota: "one group per name, any case", allowed: 1, code: "EntityAlreadyExists", setup: [], request: (i) => ["CreateGroup", { GroupName: i % 2 ? `gtwin${r}` : `GTWIN${r}` }] },
  { quota: "one role per name, any case", allowed: 1, code: "EntityAlreadyExists", setup: [], request: (i) => ["CreateRole", { RoleName: i % 2 ? `rtwin${r}` : `RTWIN${r}`, AssumeRolePolicyDocument: trust }] },
  { quota: "one policy per name", allowed: 1, code: "EntityAlreadyExists", setup: [], request: () => ["CreatePolicy", { PolicyName: `ptwin${r}`, PolicyDocument: doc }] },
  { quota: "one login profile per user", allowed: 1, code: "EntityAlreadyExists", setup: [["CreateUser", { UserName: `lp${r}` }]], request: () => ["CreateLoginProfile", { UserName: `lp${r}`, Password: "Race-Password-123!" }] },
  { quota: "one role per instance profile", allowed: 1, code: "LimitExceeded",
    setup: [["CreateInstanceProfile", { InstanceProfileName: `ip${r}` }], ...Array.from({ length: width }, (_, i) => ["CreateRole", { RoleName: `ip${r}-${i}`, AssumeRolePolicyDocument: trust }])],
    request: (i) => ["AddRoleToInstanceProfile", { InstanceProfileName: `ip${r}`, RoleName: `ip${r}-${i}` }] },
  { quota: "service-specific credentials per user and service", allowed: 2, code: "LimitExceeded", setup: [["CreateUser", { UserName: `sc${r}` }]],
    request: () => ["CreateServiceSpecificCredential", { UserName: `sc${r}`, ServiceName: "codecommit.amazonaws.com" }] },
];

const figures = { rounds, width, attempts: 0, succeeded: 0, refusedWithTheRightCode: 0, wrong: [] };
for (let r = 0; r < rounds; r++) {
  for (const c of cases(r)) {
    for (const [operation, params] of c.setup) await call(operation, params);
    const answers = await Promise.all(Array.from({ length: width }, (_, i) => {
      const [operation, params] = c.request(i);
      return call(operation, params).then(() => null, (e) => ({ code: e.Error?.Code ?? e.Code ?? e.name, status: e.$metadata?.httpStatusCode }));
    }));
    const ok = answers.filter((a) => a === null).length;
    const right = answers.filter((a) => a && a.code === c.code && a.status === 409).length;
    figures.attempts += width;
    figures.succeeded += ok;
    figures.refusedWithTheRightCode += right;
    if (ok !== c.allowed || ok + right !== width) figures.wrong.push({ round: r, quota: c.quota, allowed: c.allowed, succeeded: ok, others: answers.filter((a) => a && a.code !== c.code) });
  }
}
console.log(JSON.stringify(figures));
process.exit(figures.wrong.length === 0 ? 0 : 1);
