// Builds the hostile suite's account once, as root, through the AWS SDK for JavaScript v3, and
// writes every attacker's credentials and the values cases refer to (${name}) as JSON.
// Usage: node fixture.mjs INPUT.json OUTPUT.json   (INPUT: { serverCertificate, serverKey, samlMetadata })
import fs from "node:fs";
import * as iam from "@aws-sdk/client-iam";
import * as sts from "@aws-sdk/client-sts";

const [inputPath, outputPath] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
const endpoint = process.env.LOCALIAM_ENDPOINT;
const account = "111122223333";
const root = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
const iamAs = (credentials) => new iam.IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const stsAs = (credentials) => new sts.STSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
const admin = iamAs(root);
const call = (operation, params = {}) => admin.send(new iam[`${operation}Command`](params));
const arn = (rest) => `arn:aws:iam::${account}:${rest}`;
const aws = (name) => `arn:aws:iam::aws:policy/${name}`;
const policy = (...statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const trustAccount = (...actions) => policy({ Effect: "Allow", Principal: { AWS: arn("root") }, Action: actions.length ? actions : "sts:AssumeRole" });
const keys = (k) => ({ accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, ...(k.SessionToken ? { sessionToken: k.SessionToken } : {}) });

const principals = { root };
const vars = { account, rootKeyId: root.accessKeyId };
const missing = {};

/** A credential that a defect may keep from being made: the cases that need it then fail saying why. */
async function optional(name, make) {
  try {
    principals[name] = keys(await make());
  } catch (e) {
    missing[name] = `${e.name}: ${e.message}`;
  }
}

async function user(name, { path, policies = [], inline, groups = [], boundary, key = true } = {}) {
  await call("CreateUser", { UserName: name, ...(path ? { Path: path } : {}), ...(boundary ? { PermissionsBoundary: boundary } : {}) });
  for (const p of policies) await call("AttachUserPolicy", { UserName: name, PolicyArn: p });
  if (inline) await call("PutUserPolicy", { UserName: name, PolicyName: `${name}-inline`, PolicyDocument: inline });
  for (const g of groups) await call("AddUserToGroup", { UserName: name, GroupName: g });
  if (key) {
    principals[name] = keys((await call("CreateAccessKey", { UserName: name })).AccessKey);
    vars[`key.${name}`] = principals[name].accessKeyId;
  }
}

async function group(name, { path, policies = [] } = {}) {
  await call("CreateGroup", { GroupName: name, ...(path ? { Path: path } : {}) });
  for (const p of policies) await call("AttachGroupPolicy", { GroupName: name, PolicyArn: p });
}

async function role(name, trust, { policies = [], inline, maxSessionDuration } = {}) {
  await call("CreateRole", { RoleName: name, AssumeRolePolicyDocument: trust, ...(maxSessionDuration ? { MaxSessionDuration: maxSessionDuration } : {}) });
  for (const p of policies) await call("AttachRolePolicy", { RoleName: name, PolicyArn: p });
  if (inline) await call("PutRolePolicy", { RoleName: name, PolicyName: `${name}-inline`, PolicyDocument: inline });
}

// Groups: the lab's admin group made by root, two groups that both grant IAMReadOnlyAccess, interns.
await group("Admins", { policies: [aws("AdministratorAccess")] });
await group("ReadersA", { policies: [aws("IAMReadOnlyAccess")] });
await group("ReadersB", { policies: [aws("IAMReadOnlyAccess")] });
await group("interns-group", { path: "/interns/" });
await group("Other-Group");

// The boss at /admins/ (names below are spelled in other cases by the cases), and its neighbours.
await user("boss", { path: "/admins/", policies: [aws("AdministratorAccess")] });
await call("CreateLoginProfile", { UserName: "boss", Password: "Boss-Password-123!" });
await user("bossassist", { policies: [aws("IAMReadOnlyAccess")] });
await call("CreateLoginProfile", { UserName: "bossassist", Password: "Assist-Password-123!" });

// Defect 1: AdministratorAccess attached directly AND through the Admins group; one policy through two groups.
await user("admin", { policies: [aws("AdministratorAccess")], groups: ["Admins"] });
await user("doubled", { groups: ["ReadersA", "ReadersB"] });
await user("reader", { policies: [aws("IAMReadOnlyAccess")] });
await user("peeker");

// Defect 2: allowed on user/*, denied on the boss by name, by path and by prefix.
const protectedTargets = [arn("user/admins/boss"), arn("user/boss*"), arn("group/Admins"), arn("role/AdminRole")];
await user("keymaker", { inline: policy(
  { Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:UpdateLoginProfile", "iam:GetUser", "iam:TagUser", "iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:DeleteLoginProfile"], Resource: arn("user/*") },
  { Effect: "Deny", Action: "iam:*", Resource: protectedTargets }) });
await user("joiner", { inline: policy(
  { Effect: "Allow", Action: ["iam:AddUserToGroup", "iam:AttachGroupPolicy", "iam:PutGroupPolicy", "iam:GetGroup"], Resource: arn("group/*") },
  { Effect: "Deny", Action: "iam:*", Resource: protectedTargets }) });
await user("editor", { inline: policy(
  { Effect: "Allow", Action: ["iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateRole", "iam:GetRole", "iam:SimulatePrincipalPolicy", "iam:UpdateLoginProfile", "iam:DeleteRole", "iam:TagRole"], Resource: "*" },
  { Effect: "Deny", Action: "iam:*", Resource: protectedTargets }) });
await user("assumer", { inline: policy(
  { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" },
  { Effect: "Deny", Action: "sts:AssumeRole", Resource: arn("role/AdminRole") }) });

// Defect 3: UpdateUser/UpdateGroup inside /interns/ only; GetAccessKeyLastUsed on one's own user; PassRole denied.
await user("intern1", { path: "/interns/", key: false });
await user("intern2", { path: "/interns/", key: false });
await user("renamer", { inline: policy({ Effect: "Allow", Action: ["iam:UpdateUser", "iam:UpdateGroup"], Resource: [arn("user/interns/*"), arn("group/interns/*")] }) });
await user("selfish", { inline: policy({ Effect: "Allow", Action: "iam:GetAccessKeyLastUsed", Resource: arn("user/${aws:username}") }) });
await user("passer", { inline: policy(
  { Effect: "Allow", Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:GetInstanceProfile"], Resource: "*" },
  { Effect: "Deny", Action: "iam:PassRole", Resource: "*" }) });
await user("nopass", { inline: policy({ Effect: "Allow", Action: ["iam:AddRoleToInstanceProfile"], Resource: "*" }) });

// Permissions boundary: a delegated admin with AdministratorAccess inside DelegatedBoundary.
const boundaryArn = arn("policy/DelegatedBoundary");
await call("CreatePolicy", { PolicyName: "DelegatedBoundary", PolicyDocument: policy(
  { Sid: "Read", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
  { Sid: "CreateBounded", Effect: "Allow", Action: ["iam:CreateUser", "iam:PutUserPermissionsBoundary"], Resource: arn("user/team/*"), Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn } } },
  { Sid: "ManageTeam", Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:TagUser", "iam:DeleteUser"], Resource: arn("user/team/*") },
  { Sid: "KeepBoundary", Effect: "Deny", Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"], Resource: boundaryArn },
  { Sid: "NoEscape", Effect: "Deny", Action: ["iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary"], Resource: "*" }) });
await user("delegated", { policies: [aws("AdministratorAccess")], boundary: boundaryArn });
vars.boundaryArn = boundaryArn;
await user("teammate", { path: "/team/", boundary: boundaryArn, key: false });

// Credentials that must be worth nothing: an inactive key, a deleted key, a deleted user's key.
await user("dormant");
await call("UpdateAccessKey", { UserName: "dormant", AccessKeyId: principals.dormant.accessKeyId, Status: "Inactive" });
await user("revoked");
await call("DeleteAccessKey", { UserName: "revoked", AccessKeyId: principals.revoked.accessKeyId });
await user("gone");
await call("DeleteAccessKey", { UserName: "gone", AccessKeyId: principals.gone.accessKeyId });
await call("DeleteUser", { UserName: "gone" });
principals.swapped = { accessKeyId: principals.reader.accessKeyId, secretAccessKey: principals.admin.secretAccessKey };
principals.forged = { accessKeyId: "AKIAFORGEDKEY0000001", secretAccessKey: "forgedSecretForgedSecretForgedSecret0001" };
principals.forgedSession = { accessKeyId: "ASIAFORGEDKEY0000001", secretAccessKey: "forgedSecretForgedSecretForgedSecret0001", sessionToken: "FQoGZXIvYXdzEForgedToken" };

// STS: who may assume what, and the roles whose trust policies say how.
await user("dev", { inline: policy({ Effect: "Allow", Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession", "sts:SetSourceIdentity"], Resource: "*" }) });
await role("AdminRole", trustAccount(), { policies: [aws("AdministratorAccess")] });
await role("OtherRole", trustAccount());
await role("ExternalRole", policy({ Effect: "Allow", Principal: { AWS: arn("root") }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "Unguessable-42" } } }),
  { policies: [aws("IAMReadOnlyAccess")] });
await role("TaggedRole", trustAccount("sts:AssumeRole", "sts:TagSession"), { inline: policy(
  { Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } } }) });
await role("UntaggableRole", trustAccount(), { policies: [aws("IAMReadOnlyAccess")] });
await role("SourceRole", trustAccount("sts:AssumeRole", "sts:SetSourceIdentity"), { policies: [aws("IAMReadOnlyAccess")] });
await role("LongRole", trustAccount(), { policies: [aws("AdministratorAccess")], maxSessionDuration: 43200 });
await role("ShortRole", trustAccount(), { maxSessionDuration: 3600 });
await call("CreateInstanceProfile", { InstanceProfileName: "pass-profile" });
await call("CreateInstanceProfile", { InstanceProfileName: "pass-profile-cli" });
await call("CreateInstanceProfile", { InstanceProfileName: "nopass-profile" });
await call("CreateInstanceProfile", { InstanceProfileName: "admin-profile" });

// Sessions made now, used by cases (and, once the server's clock has moved, found expired).
const dev = stsAs(principals.dev);
await optional("adminRoleSession", async () => (await dev.send(new sts.AssumeRoleCommand({ RoleArn: arn("role/AdminRole"), RoleSessionName: "hostile", DurationSeconds: 900 }))).Credentials);
await optional("longRoleSession", async () => (await dev.send(new sts.AssumeRoleCommand({ RoleArn: arn("role/LongRole"), RoleSessionName: "chain-start", DurationSeconds: 3600 }))).Credentials);
await optional("adminSession", async () => (await stsAs(principals.admin).send(new sts.GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials);
await optional("readerSession", async () => (await stsAs(principals.reader).send(new sts.GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials);

// Defect 1: what GetAccountSummary must count (one of each).
await call("CreateVirtualMFADevice", { VirtualMFADeviceName: "hostile-mfa" });
await call("CreateOpenIDConnectProvider", { Url: "https://oidc.hostile.example.com", ClientIDList: ["sts.amazonaws.com"], ThumbprintList: ["a".repeat(40), input.oidcThumbprint] });
await call("CreateSAMLProvider", { Name: "HostileIdp", SAMLMetadataDocument: input.samlMetadata });

// Federation: roles the providers' tokens may assume (tokens and SAML responses, good and forged, come
// from the C# side as ${token.NAME} and ${saml.NAME}); WebOpenRole admits everyone but denies the
// provider by its aws ARN, which must hold from aws-cn too.
const oidcProvider = arn("oidc-provider/oidc.hostile.example.com");
await role("WebRole", policy({ Effect: "Allow", Principal: { Federated: oidcProvider }, Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] }));
await role("WebOpenRole", policy(
  { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRoleWithWebIdentity" },
  { Effect: "Deny", Principal: { Federated: oidcProvider }, Action: "sts:AssumeRoleWithWebIdentity" }));
await role("SamlRole", policy({ Effect: "Allow", Principal: { Federated: arn("saml-provider/HostileIdp") }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"] }));
Object.assign(vars, input.federationVars ?? {});
await call("UploadServerCertificate", { ServerCertificateName: "hostile-cert", CertificateBody: input.serverCertificate, PrivateKey: input.serverKey });

fs.writeFileSync(outputPath, JSON.stringify({ account, principals, vars, missing }, null, 1));
console.log(JSON.stringify({ principals: Object.keys(principals).length, vars: Object.keys(vars).length, missing }));
