// The scenario of DESIGN.md through the AWS SDK for JavaScript v3 (IAM and STS clients).
// Prints one JSON line per check; exits 1 if any check failed.
import { IAMClient, CreateUserCommand, CreateAccessKeyCommand, CreateGroupCommand, AttachGroupPolicyCommand,
  AddUserToGroupCommand, ListUsersCommand, GetUserCommand, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { callBilling } from "./billing-client.mjs";

const endpoint = process.env.LOCALIAM_ENDPOINT;
const root = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const client = (credentials) => new IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const sts = (credentials) => new STSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const results = [];
const check = (name, ok, detail) => results.push({ name, ok: Boolean(ok), detail });

const iam = client(root);
await iam.send(new CreateGroupCommand({ GroupName: "Admins" }));
await iam.send(new AttachGroupPolicyCommand({ GroupName: "Admins", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
await iam.send(new CreateUserCommand({ UserName: "admin" }));
await iam.send(new CreateUserCommand({ UserName: "outsider" }));
await iam.send(new AddUserToGroupCommand({ GroupName: "Admins", UserName: "admin" }));
const adminKey = (await iam.send(new CreateAccessKeyCommand({ UserName: "admin" }))).AccessKey;
check("root creates an admin key", adminKey.AccessKeyId.startsWith("AKIA") && adminKey.SecretAccessKey.length === 40);

const admin = client({ accessKeyId: adminKey.AccessKeyId, secretAccessKey: adminKey.SecretAccessKey });
const me = await sts({ accessKeyId: adminKey.AccessKeyId, secretAccessKey: adminKey.SecretAccessKey }).send(new GetCallerIdentityCommand({}));
check("STS GetCallerIdentity names the admin", me.Arn === "arn:aws:iam::111122223333:user/admin", me.Arn);

await admin.send(new CreateGroupCommand({ GroupName: "BillingReadOnlyGroup" }));
await admin.send(new AttachGroupPolicyCommand({ GroupName: "BillingReadOnlyGroup", PolicyArn: "arn:aws:iam::aws:policy/job-function/Billing" }));
for (const name of ["gexter1", "gexter2"]) {
  await admin.send(new CreateUserCommand({ UserName: name }));
  await admin.send(new AddUserToGroupCommand({ GroupName: "BillingReadOnlyGroup", UserName: name }));
}
check("the admin built the billing group", true);

const g1Key = (await admin.send(new CreateAccessKeyCommand({ UserName: "gexter1" }))).AccessKey;
const gexter1 = client({ accessKeyId: g1Key.AccessKeyId, secretAccessKey: g1Key.SecretAccessKey });
try {
  await gexter1.send(new CreateUserCommand({ UserName: "intruder" }));
  check("gexter1 cannot create users", false, "CreateUser succeeded");
} catch (error) {
  check("gexter1 cannot create users", error.name === "AccessDenied" && error.message.includes("iam:CreateUser")
    && error.message.includes("because no identity-based policy allows the iam:CreateUser action"), error.message);
}

const simulate = async (principal) => (await iam.send(new SimulatePrincipalPolicyCommand({
  PolicySourceArn: `arn:aws:iam::111122223333:user/${principal}`, ActionNames: ["aws-portal:ViewBilling"] }))).EvaluationResults[0];
const adminCredentials = { accessKeyId: adminKey.AccessKeyId, secretAccessKey: adminKey.SecretAccessKey };
const g1Credentials = { accessKeyId: g1Key.AccessKeyId, secretAccessKey: g1Key.SecretAccessKey };

let off = await simulate("gexter1");
check("setting off: gexter1 implicitDeny, decided by the setting", off.EvalDecision === "implicitDeny"
  && off.EvalDecisionDetails?.["IAM user and role access to Billing information"] === "implicitDeny", JSON.stringify(off));
const adminFlip = await callBilling(endpoint, adminCredentials, "UpdateIAMAccessPreference", { Enabled: true });
check("admin cannot turn the setting on", adminFlip.status === 403 && adminFlip.body.__type === "AccessDeniedException"
  && adminFlip.body.message.includes("only the AWS account root user"), JSON.stringify(adminFlip));
const g1Read = await callBilling(endpoint, g1Credentials, "GetIAMAccessPreference");
check("gexter1 cannot read billing while it is off", g1Read.status === 403, JSON.stringify(g1Read));
const rootFlip = await callBilling(endpoint, root, "UpdateIAMAccessPreference", { Enabled: true });
check("root turns the setting on", rootFlip.status === 200, JSON.stringify(rootFlip));
const on = await simulate("gexter1");
check("setting on: gexter1 allowed by job-function/Billing", on.EvalDecision === "allowed"
  && on.MatchedStatements[0].SourcePolicyId === "Billing" && on.MatchedStatements[0].SourcePolicyType === "aws-managed", JSON.stringify(on));
const g1ReadOn = await callBilling(endpoint, g1Credentials, "GetIAMAccessPreference");
check("gexter1 reads the setting once it is on", g1ReadOn.status === 200 && g1ReadOn.body.Enabled === true, JSON.stringify(g1ReadOn));
check("the admin sees billing too once it is on", (await simulate("admin")).EvalDecision === "allowed");
const outsider = await simulate("outsider");
check("a user in no group is still denied, by missing policy", outsider.EvalDecision === "implicitDeny"
  && !outsider.EvalDecisionDetails?.["IAM user and role access to Billing information"], JSON.stringify(outsider));
await callBilling(endpoint, root, "UpdateIAMAccessPreference", { Enabled: false });
check("root turns it off: gexter1 denied again", (await simulate("gexter1")).EvalDecision === "implicitDeny");
check("root keeps billing", (await callBilling(endpoint, root, "GetIAMAccessPreference")).body.Enabled === false);

let marker; let seen = 0;
for (let i = 0; i < 150; i++) {
  await iam.send(new CreateUserCommand({ UserName: `bulk-${String(i).padStart(3, "0")}` }));
}
do {
  const page = await iam.send(new ListUsersCommand({ MaxItems: 40, Marker: marker }));
  seen += page.Users.length;
  marker = page.IsTruncated ? page.Marker : undefined;
} while (marker);
check("pagination returns every user once", seen === 154, `saw ${seen}`);

const user = await admin.send(new GetUserCommand({}));
check("GetUser without a name describes the caller", user.User.UserName === "admin", user.User.Arn);
try {
  await gexter1.send(new GetUserCommand({}));
  check("gexter1 may not even read itself without iam:GetUser", false);
} catch (error) {
  check("gexter1 may not even read itself without iam:GetUser", error.name === "AccessDenied", error.message);
}

for (const r of results) console.log(JSON.stringify(r));
process.exit(results.every((r) => r.ok) ? 0 : 1);
