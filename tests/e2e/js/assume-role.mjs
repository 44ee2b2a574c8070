// AssumeRole as AWS documents it, through the AWS SDK for JavaScript v3: managed session policies,
// session tags and transitive tags, ExternalId, SourceIdentity, the session name's pattern, role
// chaining's one hour, and GetSessionToken credentials kept out of IAM without MFA.
// Prints one JSON line per check; exits 1 if any check failed.
import { IAMClient, AttachRolePolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, ListUsersCommand,
  PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { STSClient, AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";

const endpoint = process.env.LOCALIAM_ENDPOINT;
const account = "111122223333";
const root = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const iam = (credentials) => new IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const sts = (credentials) => new STSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const results = [];
const check = (name, ok, detail) => results.push({ name, ok: Boolean(ok), detail });
const fails = async (promise) => { try { await promise; return null; } catch (e) { return e; } };
const doc = (...statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const keys = (k) => ({ accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, sessionToken: k.SessionToken });
const roleArn = (name) => `arn:aws:iam::${account}:role/${name}`;
const devArn = `arn:aws:iam::${account}:user/dev`;
const trusts = (principal, actions, Condition) => ({ Effect: "Allow", Principal: { AWS: principal }, Action: actions, ...(Condition ? { Condition } : {}) });

const admin = iam(root);
await admin.send(new CreateUserCommand({ UserName: "dev" }));
const dev = keys((await admin.send(new CreateAccessKeyCommand({ UserName: "dev" }))).AccessKey);
await admin.send(new CreateRoleCommand({ RoleName: "Admin", AssumeRolePolicyDocument: doc(trusts(devArn, ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"])),
  MaxSessionDuration: 43200 }));
await admin.send(new AttachRolePolicyCommand({ RoleName: "Admin", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
await admin.send(new CreateRoleCommand({ RoleName: "Ops", MaxSessionDuration: 43200,
  AssumeRolePolicyDocument: doc(trusts([devArn, roleArn("Admin")], ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"])) }));
await admin.send(new PutRolePolicyCommand({ RoleName: "Ops", PolicyName: "OpsTeamLists",
  PolicyDocument: doc({ Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } }) }));
await admin.send(new CreateRoleCommand({ RoleName: "Vendor",
  AssumeRolePolicyDocument: doc(trusts(devArn, "sts:AssumeRole", { StringEquals: { "sts:ExternalId": "Example987" } })) }));

const readOnly = await sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Admin"), RoleSessionName: "read",
  PolicyArns: [{ arn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }] }));
check("PolicyArns: the response reports a packed size", readOnly.PackedPolicySize > 0 && readOnly.PackedPolicySize <= 100, readOnly.PackedPolicySize);
const listed = await iam(keys(readOnly.Credentials)).send(new ListUsersCommand({}));
check("PolicyArns: a read-only session of an admin role may read", listed.Users.length === 1);
const created = await fails(iam(keys(readOnly.Credentials)).send(new CreateUserCommand({ UserName: "intruder" })));
check("PolicyArns: and may not create users", created?.name === "AccessDenied" && created.message.includes("because no session policy allows the iam:CreateUser action"),
  created?.message);

const tagged = await sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Ops"), RoleSessionName: "tagged", Tags: [{ Key: "team", Value: "ops" }] }));
check("Tags: a passed tag is the session's aws:PrincipalTag", (await iam(keys(tagged.Credentials)).send(new ListUsersCommand({}))).Users.length === 1);
const untagged = await sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Ops"), RoleSessionName: "untagged" }));
const notOps = await fails(iam(keys(untagged.Credentials)).send(new ListUsersCommand({})));
check("Tags: without it the condition is not met", notOps?.name === "AccessDenied", notOps?.message);

const hop1 = await sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Admin"), RoleSessionName: "hop1", DurationSeconds: 7200,
  Tags: [{ Key: "team", Value: "ops" }], TransitiveTagKeys: ["team"], SourceIdentity: "DevUser" }));
check("SourceIdentity: returned by AssumeRole", hop1.SourceIdentity === "DevUser", hop1.SourceIdentity);
const hop2 = await sts(keys(hop1.Credentials)).send(new AssumeRoleCommand({ RoleArn: roleArn("Ops"), RoleSessionName: "hop2" }));
check("TransitiveTagKeys: the chained session inherits the tag", (await iam(keys(hop2.Credentials)).send(new ListUsersCommand({}))).Users.length === 1);
check("SourceIdentity: the chained session keeps it", hop2.SourceIdentity === "DevUser", hop2.SourceIdentity);
const long = await fails(sts(keys(hop1.Credentials)).send(new AssumeRoleCommand({ RoleArn: roleArn("Ops"), RoleSessionName: "hop3", DurationSeconds: 7200 })));
check("role chaining is capped at one hour", long?.name === "ValidationError"
  && long.message === "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", long?.message);

const vendor = await sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Vendor"), RoleSessionName: "v1", ExternalId: "Example987" }));
check("ExternalId: the one the trust policy requires is accepted", vendor.AssumedRoleUser.Arn === `arn:aws:sts::${account}:assumed-role/Vendor/v1`);
const wrongId = await fails(sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Vendor"), RoleSessionName: "v2", ExternalId: "Example988" })));
check("ExternalId: another is refused", wrongId?.name === "AccessDenied", wrongId?.message);

const badName = await fails(sts(dev).send(new AssumeRoleCommand({ RoleArn: roleArn("Admin"), RoleSessionName: "bad name" })));
check("RoleSessionName must match [\\w+=,.@-]*", badName?.name === "ValidationError" && badName.message
  === "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
  badName?.message);

const token = keys((await sts(dev).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials);
const iamWithToken = await fails(iam(token).send(new ListUsersCommand({})));
check("GetSessionToken credentials without MFA cannot call IAM", iamWithToken?.name === "InvalidClientTokenId", iamWithToken?.name);

for (const r of results) console.log(JSON.stringify(r));
process.exit(results.every((r) => r.ok) ? 0 : 1);
