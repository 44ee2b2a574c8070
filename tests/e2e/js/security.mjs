// Regression checks for privilege escalations found in review, through the AWS SDK for JavaScript v3.
// Prints one JSON line per check; exits 1 if any check failed.
import { IAMClient, CreateUserCommand, CreateAccessKeyCommand, CreateRoleCommand, PutRolePolicyCommand, PutUserPolicyCommand,
  CreateLoginProfileCommand, DeleteRolePolicyCommand, DeleteRoleCommand, SimulatePrincipalPolicyCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";

const endpoint = process.env.LOCALIAM_ENDPOINT;
const account = "111122223333";
const root = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const iam = (credentials) => new IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const sts = (credentials) => new STSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const results = [];
const check = (name, ok, detail) => results.push({ name, ok: Boolean(ok), detail });
const fails = async (promise) => { try { await promise; return null; } catch (e) { return e; } };
const policy = (...statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const keys = (k) => ({ accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, sessionToken: k.SessionToken });
const trustAccount = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" });

const admin = iam(root);
await admin.send(new CreateUserCommand({ UserName: "mallory" }));
await admin.send(new PutUserPolicyCommand({ UserName: "mallory", PolicyName: "AssumeSandbox",
  PolicyDocument: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${account}:role/sandbox/*` }) }));
const mallory = keys((await admin.send(new CreateAccessKeyCommand({ UserName: "mallory" }))).AccessKey);
await admin.send(new CreateRoleCommand({ RoleName: "Admin", AssumeRolePolicyDocument: trustAccount }));
await admin.send(new PutRolePolicyCommand({ RoleName: "Admin", PolicyName: "All", PolicyDocument: policy({ Effect: "Allow", Action: "*", Resource: "*" }) }));
await admin.send(new CreateRoleCommand({ RoleName: "Helper", Path: "/sandbox/", AssumeRolePolicyDocument: trustAccount }));
await admin.send(new PutRolePolicyCommand({ RoleName: "Helper", PolicyName: "Keys",
  PolicyDocument: policy({ Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:*LoginProfile", "sts:AssumeRole"], Resource: "*" },
    { Effect: "Deny", Action: "iam:*LoginProfile", Resource: `arn:aws:iam::${account}:user/admin` }) }));
await admin.send(new CreateUserCommand({ UserName: "admin" }));

const wrongPath = await fails(sts(mallory).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/sandbox/Admin`, RoleSessionName: "s1" })));
check("a role ARN with another path does not reach the role", wrongPath?.name === "AccessDenied", wrongPath?.message);

const helper = keys((await sts(mallory).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/sandbox/Helper`, RoleSessionName: "admin" }))).Credentials);
const rootKey = await fails(iam(helper).send(new CreateAccessKeyCommand({})));
check("a role session cannot create root's access key", rootKey?.name === "ValidationError" && rootKey.message.includes("Must specify userName"), rootKey?.message);
const profile = await fails(iam(helper).send(new CreateLoginProfileCommand({ Password: "Sup3r-Secret-Pass" })));
check("a role session cannot set a password for the user its session name names", profile?.name === "ValidationError", profile?.message);

const narrowed = keys((await sts(mallory).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/sandbox/Helper`, RoleSessionName: "n1",
  Policy: policy({ Effect: "Allow", Action: "iam:ListAccessKeys", Resource: "*" }) }))).Credentials);
const chained = await fails(sts(narrowed).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Admin`, RoleSessionName: "n2" })));
check("a session policy is not shed by chaining roles", chained?.name === "AccessDenied" && chained.message.includes("session policy"), chained?.message);

const crafted = await fails(admin.send(new SimulatePrincipalPolicyCommand({
  PolicySourceArn: `arn:aws:iam::${account}:role/x:user/mallory`, ActionNames: ["iam:ListUsers"] })));
check("the simulator reads the ARN exactly and finds no such role", crafted?.name?.startsWith("NoSuchEntity") && crafted.message.includes("role with name mallory"), crafted?.message);

await admin.send(new DeleteRolePolicyCommand({ RoleName: "Helper", PolicyName: "Keys" }));
await admin.send(new DeleteRoleCommand({ RoleName: "Helper" }));
const orphan = await fails(sts(helper).send(new GetCallerIdentityCommand({})));
check("a session of a deleted role is refused", orphan?.name === "InvalidClientTokenId", orphan?.name);
const orphanList = await fails(iam(helper).send(new ListUsersCommand({})));
check("and cannot reach IAM either", orphanList?.name === "InvalidClientTokenId", orphanList?.name);

for (const r of results) console.log(JSON.stringify(r));
process.exit(results.every((r) => r.ok) ? 0 : 1);
