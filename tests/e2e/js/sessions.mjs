// STS sessions through the AWS SDK for JavaScript v3: AssumeRole (trust policy, session policy),
// GetSessionToken, and the temporary credentials they return used against IAM and STS.
// Prints one JSON line per check; exits 1 if any check failed.
import { IAMClient, CreateUserCommand, CreateAccessKeyCommand, CreateRoleCommand, PutRolePolicyCommand, PutUserPolicyCommand,
  ListUsersCommand, GetUserCommand } from "@aws-sdk/client-iam";
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";

const endpoint = process.env.LOCALIAM_ENDPOINT;
const account = "111122223333";
const root = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const iam = (credentials) => new IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const sts = (credentials) => new STSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const results = [];
const check = (name, ok, detail) => results.push({ name, ok: Boolean(ok), detail });
const fails = async (promise) => { try { await promise; return null; } catch (e) { return e; } };
const policy = (statement) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const keys = (k) => ({ accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, sessionToken: k.SessionToken });

const admin = iam(root);
const trustAccount = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" });
await admin.send(new CreateRoleCommand({ RoleName: "Deployer", AssumeRolePolicyDocument: trustAccount }));
await admin.send(new PutRolePolicyCommand({ RoleName: "Deployer", PolicyName: "ReadIam",
  PolicyDocument: policy({ Effect: "Allow", Action: ["iam:ListUsers", "iam:GetUser"], Resource: "*" }) }));
const trustOps = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:user/ops` }, Action: "sts:AssumeRole" });
await admin.send(new CreateRoleCommand({ RoleName: "OpsOnly", AssumeRolePolicyDocument: trustOps }));
for (const name of ["dev", "ops", "nobody"]) await admin.send(new CreateUserCommand({ UserName: name }));
await admin.send(new PutUserPolicyCommand({ UserName: "dev", PolicyName: "MayAssume",
  PolicyDocument: policy({ Effect: "Allow", Action: ["sts:AssumeRole", "sts:GetSessionToken"], Resource: "*" }) }));
const dev = keys((await admin.send(new CreateAccessKeyCommand({ UserName: "dev" }))).AccessKey);
const ops = keys((await admin.send(new CreateAccessKeyCommand({ UserName: "ops" }))).AccessKey);
const nobody = keys((await admin.send(new CreateAccessKeyCommand({ UserName: "nobody" }))).AccessKey);

const assumed = await sts(dev).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Deployer`, RoleSessionName: "s1" }));
check("AssumeRole returns ASIA credentials", assumed.Credentials.AccessKeyId.startsWith("ASIA") && assumed.Credentials.SessionToken.length > 100
  && assumed.AssumedRoleUser.Arn === `arn:aws:sts::${account}:assumed-role/Deployer/s1`, JSON.stringify(assumed.AssumedRoleUser));
const session = keys(assumed.Credentials);
const me = await sts(session).send(new GetCallerIdentityCommand({}));
check("the session's identity is the assumed role", me.Arn === `arn:aws:sts::${account}:assumed-role/Deployer/s1` && me.UserId.endsWith(":s1"), JSON.stringify(me));
const listed = await iam(session).send(new ListUsersCommand({}));
check("the session has the role's permissions", listed.Users.length === 3);
const denied = await fails(iam(session).send(new CreateUserCommand({ UserName: "x" })));
check("and only those", denied?.name === "AccessDenied" && denied.message.includes(`assumed-role/Deployer/s1 is not authorized to perform: iam:CreateUser`), denied?.message);

const narrowed = keys((await sts(dev).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Deployer`, RoleSessionName: "s2",
  Policy: policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }) }))).Credentials);
const narrowDenied = await fails(iam(narrowed).send(new ListUsersCommand({})));
check("a session policy narrows the session", narrowDenied?.name === "AccessDenied" && narrowDenied.message.includes("because no session policy allows the iam:ListUsers action"), narrowDenied?.message);
const narrowAllowed = await iam(narrowed).send(new GetUserCommand({ UserName: "dev" }));
check("what both allow still works", narrowAllowed.User.UserName === "dev");

const noIdentity = await fails(sts(nobody).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Deployer`, RoleSessionName: "s3" })));
check("a trust policy naming the account needs an identity policy too", noIdentity?.name === "AccessDenied", noIdentity?.message);
const notTrusted = await fails(sts(dev).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/OpsOnly`, RoleSessionName: "s4" })));
check("a role whose trust policy does not name the caller refuses it", notTrusted?.name === "AccessDenied" && notTrusted.message.includes("because no resource-based policy allows the sts:AssumeRole action"), notTrusted?.message);
const opsSession = await sts(ops).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/OpsOnly`, RoleSessionName: "s5" }));
check("a trust policy naming the user is enough on its own", opsSession.Credentials.AccessKeyId.startsWith("ASIA"));
const rootAssume = await fails(sts(root).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Deployer`, RoleSessionName: "s6" })));
check("root may not assume roles", rootAssume?.message === "Roles may not be assumed by root accounts.", rootAssume?.message);

const token = await sts(dev).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
const devSession = keys(token.Credentials);
check("GetSessionToken keeps the user's identity", (await sts(devSession).send(new GetCallerIdentityCommand({}))).Arn === `arn:aws:iam::${account}:user/dev`);
const again = await fails(sts(devSession).send(new GetSessionTokenCommand({})));
check("GetSessionToken refuses session credentials", again?.name === "AccessDenied", again?.message);
const forged = await fails(sts({ ...devSession, sessionToken: devSession.sessionToken.slice(0, -4) + "AAAA" }).send(new GetCallerIdentityCommand({})));
check("a wrong session token is refused", forged?.name === "InvalidClientTokenId", forged?.name);

for (const r of results) console.log(JSON.stringify(r));
process.exit(results.every((r) => r.ok) ? 0 : 1);
