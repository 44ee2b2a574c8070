#!/usr/bin/python3
"""Every IAM and STS operation of Debian's boto3 against LocalIam: a happy path and the main errors.

boto3 parses responses more strictly than the AWS CLI in places (a missing result element, a
timestamp in another form, a member of the wrong type), so each call here must parse as well as
answer. Prints one JSON line per check, {"check", "op", "ok", "detail"}, then one line per model
operation that no check exercised. Driven by tests/LocalIam.E2E.Tests/Boto3Tests.cs.

Usage: boto3_sweep.py ENDPOINT ACCESS_KEY_ID SECRET MATERIALS_JSON
MATERIALS_JSON holds what the test made: a server certificate and its key, a signing certificate,
an SSH public key and SAML metadata.
"""
import base64
import datetime
import hashlib
import hmac
import json
import struct
import sys
import time
import traceback

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, KEY_ID, SECRET, MATERIALS = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
ACCOUNT = "111122223333"
CONFIG = Config(retries={"max_attempts": 1}, parameter_validation=True)

exercised = set()
user_key = {}  # the sweep user's access key, made in credentials(), used by sts_calls() and federation()


def client(service, key_id=KEY_ID, secret=SECRET, token=None):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id=key_id,
                        aws_secret_access_key=secret, aws_session_token=token, config=CONFIG)


def report(check, op, ok, detail=""):
    print(json.dumps({"check": check, "op": op, "ok": ok, "detail": detail}), flush=True)


def call(c, op, check=None, error=None, status=None, **params):
    """Calls OP with PARAMS; passes when it parses and, with ERROR, fails with that code (and STATUS)."""
    service = c.meta.service_model.service_name
    exercised.add((service, op))
    check = check or op
    try:
        response = getattr(c, botocore.xform_name(op))(**params)
    except ClientError as e:
        code, http = e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
        ok = error == code and (status is None or status == http)
        report(check, op, ok, "" if ok else f"{code} ({http}): {e.response['Error'].get('Message')}")
        return None
    except Exception as e:  # a response boto3 cannot parse
        report(check, op, False, f"{type(e).__name__}: {e}")
        return None
    if error:
        report(check, op, False, f"succeeded; expected {error}")
        return None
    report(check, op, True)
    return response


def has(response, check, *path, kind=None):
    """Passes when RESPONSE holds PATH (keys and indexes), of KIND when given."""
    value = response
    try:
        for step in path:
            value = value[step]
    except (KeyError, IndexError, TypeError):
        report(check, "", False, f"missing {'.'.join(map(str, path))}")
        return None
    if kind is not None and not isinstance(value, kind):
        report(check, "", False, f"{'.'.join(map(str, path))} is {type(value).__name__}, not {kind.__name__}")
        return None
    return value


def totp(seed, step):
    digest = hmac.new(seed, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def policy(action="s3:GetObject", resource="*"):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})


TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]})


def users_and_groups(iam):
    created = call(iam, "CreateUser", UserName="b3-user", Path="/b3/", Tags=[{"Key": "team", "Value": "a"}])
    if created:
        has(created, "CreateUser", "User", "CreateDate", kind=datetime.datetime)
    call(iam, "CreateUser", "CreateUser exists", error="EntityAlreadyExists", status=409, UserName="B3-USER")
    call(iam, "CreateUser", "CreateUser bad name", error="ValidationError", status=400, UserName="bad name")
    got = call(iam, "GetUser", UserName="b3-user")
    if got:
        has(got, "GetUser", "User", "Tags", 0, "Key")
    call(iam, "GetUser", "GetUser missing", error="NoSuchEntity", status=404, UserName="nobody")
    call(iam, "GetUser", "GetUser caller")
    listed = call(iam, "ListUsers", PathPrefix="/b3/")
    if listed and [u["UserName"] for u in listed["Users"]] != ["b3-user"]:
        report("ListUsers path", "ListUsers", False, str(listed["Users"]))
    call(iam, "UpdateUser", UserName="b3-user", NewPath="/b3/moved/")
    call(iam, "TagUser", UserName="b3-user", Tags=[{"Key": "env", "Value": "dev"}])
    tags = call(iam, "ListUserTags", UserName="b3-user")
    if tags and [t["Key"] for t in tags["Tags"]] != ["env", "team"]:
        report("ListUserTags order", "ListUserTags", False, str(tags["Tags"]))
    call(iam, "UntagUser", UserName="b3-user", TagKeys=["env"])

    call(iam, "CreateGroup", GroupName="b3-group")
    call(iam, "CreateGroup", "CreateGroup exists", error="EntityAlreadyExists", GroupName="b3-group")
    call(iam, "AddUserToGroup", GroupName="b3-group", UserName="b3-user")
    group = call(iam, "GetGroup", GroupName="b3-group")
    if group:
        has(group, "GetGroup", "Users", 0, "UserName")
    call(iam, "ListGroups")
    call(iam, "ListGroupsForUser", UserName="b3-user")
    call(iam, "UpdateGroup", GroupName="b3-group", NewPath="/b3/")
    call(iam, "PutGroupPolicy", GroupName="b3-group", PolicyName="inline", PolicyDocument=policy())
    call(iam, "PutGroupPolicy", "PutGroupPolicy malformed", error="MalformedPolicyDocument", GroupName="b3-group",
         PolicyName="bad", PolicyDocument='{"Statement": []}')
    inline = call(iam, "GetGroupPolicy", GroupName="b3-group", PolicyName="inline")
    # boto3 decodes the URL-encoded document into a dict, as it does for every policy document member.
    if inline and not (isinstance(inline["PolicyDocument"], dict) and inline["PolicyDocument"]["Statement"][0]["Action"] == "s3:GetObject"):
        report("GetGroupPolicy document", "GetGroupPolicy", False, inline["PolicyDocument"])
    call(iam, "ListGroupPolicies", GroupName="b3-group")
    call(iam, "DeleteGroup", "DeleteGroup conflict", error="DeleteConflict", status=409, GroupName="b3-group")
    call(iam, "DeleteGroupPolicy", GroupName="b3-group", PolicyName="inline")

    call(iam, "PutUserPolicy", UserName="b3-user", PolicyName="inline", PolicyDocument=policy(["iam:ChangePassword", "sts:AssumeRole", "sts:GetFederationToken"]))
    call(iam, "GetUserPolicy", UserName="b3-user", PolicyName="inline")
    call(iam, "ListUserPolicies", UserName="b3-user")


def managed_policies(iam):
    created = call(iam, "CreatePolicy", PolicyName="b3-policy", Path="/b3/", PolicyDocument=policy(), Description="sweep")
    arn = created["Policy"]["Arn"] if created else f"arn:aws:iam::{ACCOUNT}:policy/b3/b3-policy"
    if created and "Description" in created["Policy"]:
        report("CreatePolicy no Description", "CreatePolicy", False, "Description in CreatePolicy's answer")
    call(iam, "CreatePolicy", "CreatePolicy trust principal", error="MalformedPolicyDocument", PolicyName="b3-bad",
         PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}))
    got = call(iam, "GetPolicy", PolicyArn=arn)
    if got:
        has(got, "GetPolicy", "Policy", "Tags", kind=list)
    call(iam, "GetPolicy", "GetPolicy AWS managed", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    call(iam, "GetPolicy", "GetPolicy missing", error="NoSuchEntity", PolicyArn=f"arn:aws:iam::{ACCOUNT}:policy/none")
    call(iam, "GetPolicy", "GetPolicy bad arn", error="InvalidInput", PolicyArn="not-an-arn-not-an-arn")
    call(iam, "ListPolicies", Scope="Local")
    call(iam, "ListPolicies", "ListPolicies AWS paged", Scope="AWS", MaxItems=5)
    call(iam, "CreatePolicyVersion", PolicyArn=arn, PolicyDocument=policy("s3:PutObject"), SetAsDefault=True)
    call(iam, "GetPolicyVersion", PolicyArn=arn, VersionId="v2")
    call(iam, "ListPolicyVersions", PolicyArn=arn)
    call(iam, "SetDefaultPolicyVersion", PolicyArn=arn, VersionId="v1")
    call(iam, "DeletePolicyVersion", PolicyArn=arn, VersionId="v2")
    call(iam, "DeletePolicyVersion", "DeletePolicyVersion default", error="DeleteConflict", PolicyArn=arn, VersionId="v1")
    call(iam, "TagPolicy", PolicyArn=arn, Tags=[{"Key": "k", "Value": "v"}])
    call(iam, "ListPolicyTags", PolicyArn=arn)
    call(iam, "UntagPolicy", PolicyArn=arn, TagKeys=["k"])
    call(iam, "AttachUserPolicy", UserName="b3-user", PolicyArn=arn)
    call(iam, "AttachGroupPolicy", GroupName="b3-group", PolicyArn=arn)
    call(iam, "ListAttachedUserPolicies", UserName="b3-user")
    call(iam, "ListAttachedGroupPolicies", GroupName="b3-group")
    entities = call(iam, "ListEntitiesForPolicy", PolicyArn=arn, EntityFilter="User")
    if entities and (entities["PolicyGroups"] or [u["UserName"] for u in entities["PolicyUsers"]] != ["b3-user"]):
        report("ListEntitiesForPolicy filter", "ListEntitiesForPolicy", False, str(entities))
    call(iam, "DeletePolicy", "DeletePolicy attached", error="DeleteConflict", PolicyArn=arn)
    call(iam, "PutUserPermissionsBoundary", UserName="b3-user", PermissionsBoundary=arn)
    call(iam, "PutUserPermissionsBoundary", "PutUserPermissionsBoundary bad arn", error="InvalidInput",
         UserName="b3-user", PermissionsBoundary="arn:aws:s3:::bucket-of-the-sweep")
    call(iam, "DeleteUserPermissionsBoundary", UserName="b3-user")
    call(iam, "GetAccountAuthorizationDetails", Filter=["User", "Group", "LocalManagedPolicy"])
    return arn


def roles(iam, policy_arn):
    created = call(iam, "CreateRole", RoleName="b3-role", AssumeRolePolicyDocument=TRUST, MaxSessionDuration=7200,
                   Tags=[{"Key": "t", "Value": "1"}])
    if created and ("MaxSessionDuration" in created["Role"] or "RoleLastUsed" in created["Role"]):
        report("CreateRole members", "CreateRole", False, "MaxSessionDuration or RoleLastUsed in CreateRole's answer")
    call(iam, "CreateRole", "CreateRole bad trust", error="MalformedPolicyDocument", RoleName="b3-bad",
         AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "s3:GetObject"}]}))
    got = call(iam, "GetRole", RoleName="b3-role")
    if got:
        has(got, "GetRole", "Role", "MaxSessionDuration", kind=int)
        has(got, "GetRole", "Role", "RoleLastUsed", kind=dict)
    call(iam, "ListRoles", PathPrefix="/")
    call(iam, "UpdateRole", RoleName="b3-role", Description="updated", MaxSessionDuration=3600)
    call(iam, "UpdateRoleDescription", RoleName="b3-role", Description="again")
    call(iam, "UpdateAssumeRolePolicy", RoleName="b3-role", PolicyDocument=TRUST)
    call(iam, "PutRolePolicy", RoleName="b3-role", PolicyName="inline", PolicyDocument=policy("sts:GetCallerIdentity"))
    call(iam, "GetRolePolicy", RoleName="b3-role", PolicyName="inline")
    call(iam, "ListRolePolicies", RoleName="b3-role")
    call(iam, "AttachRolePolicy", RoleName="b3-role", PolicyArn=policy_arn)
    call(iam, "ListAttachedRolePolicies", RoleName="b3-role")
    call(iam, "PutRolePermissionsBoundary", RoleName="b3-role", PermissionsBoundary=policy_arn)
    call(iam, "DeleteRolePermissionsBoundary", RoleName="b3-role")
    call(iam, "TagRole", RoleName="b3-role", Tags=[{"Key": "u", "Value": "2"}])
    call(iam, "ListRoleTags", RoleName="b3-role", MaxItems=1)
    call(iam, "UntagRole", RoleName="b3-role", TagKeys=["u"])
    call(iam, "CreateInstanceProfile", InstanceProfileName="b3-profile", Tags=[{"Key": "p", "Value": "1"}])
    call(iam, "AddRoleToInstanceProfile", InstanceProfileName="b3-profile", RoleName="b3-role")
    call(iam, "AddRoleToInstanceProfile", "AddRoleToInstanceProfile full", error="LimitExceeded",
         InstanceProfileName="b3-profile", RoleName="b3-role")
    profile = call(iam, "GetInstanceProfile", InstanceProfileName="b3-profile")
    if profile:
        has(profile, "GetInstanceProfile", "InstanceProfile", "Roles", 0, "RoleName")
    call(iam, "ListInstanceProfiles")
    call(iam, "ListInstanceProfilesForRole", RoleName="b3-role")
    call(iam, "TagInstanceProfile", InstanceProfileName="b3-profile", Tags=[{"Key": "q", "Value": "2"}])
    call(iam, "ListInstanceProfileTags", InstanceProfileName="b3-profile")
    call(iam, "UntagInstanceProfile", InstanceProfileName="b3-profile", TagKeys=["q"])
    call(iam, "DeleteRole", "DeleteRole conflict", error="DeleteConflict", RoleName="b3-role")


def credentials(iam, materials):
    key = call(iam, "CreateAccessKey", UserName="b3-user")
    if key:
        user_key.update(key["AccessKey"])
    key_id = key["AccessKey"]["AccessKeyId"] if key else "AKIAIOSFODNN7EXAMPLE"
    call(iam, "ListAccessKeys", UserName="b3-user")
    call(iam, "GetAccessKeyLastUsed", AccessKeyId=key_id)
    call(iam, "UpdateAccessKey", UserName="b3-user", AccessKeyId=key_id, Status="Inactive")
    call(iam, "UpdateAccessKey", UserName="b3-user", AccessKeyId=key_id, Status="Active")

    call(iam, "UpdateAccountPasswordPolicy", MinimumPasswordLength=12, RequireNumbers=True, AllowUsersToChangePassword=True)
    got = call(iam, "GetAccountPasswordPolicy")
    if got and "MaxPasswordAge" in got["PasswordPolicy"]:
        report("GetAccountPasswordPolicy unset members", "GetAccountPasswordPolicy", False, str(got["PasswordPolicy"]))
    call(iam, "CreateLoginProfile", UserName="b3-user", Password="Sweep-Password-1", PasswordResetRequired=False)
    call(iam, "GetLoginProfile", UserName="b3-user")
    call(iam, "UpdateLoginProfile", UserName="b3-user", Password="Sweep-Password-2")
    call(iam, "UpdateLoginProfile", "UpdateLoginProfile weak", error="PasswordPolicyViolation", UserName="b3-user", Password="weakpassword")
    if key:
        user = client("iam", key["AccessKey"]["AccessKeyId"], key["AccessKey"]["SecretAccessKey"])
        call(user, "ChangePassword", OldPassword="Sweep-Password-2", NewPassword="Sweep-Password-3")
        call(user, "ChangePassword", "ChangePassword wrong old password", error="InvalidInput",
             OldPassword="wrong-password-1", NewPassword="Sweep-Password-4")
        session = call(client("sts", key["AccessKey"]["AccessKeyId"], key["AccessKey"]["SecretAccessKey"]), "GetSessionToken", DurationSeconds=900)
        if session:
            has(session, "GetSessionToken", "Credentials", "SessionToken", kind=str)

    cert = call(iam, "UploadSigningCertificate", UserName="b3-user", CertificateBody=materials["signingCertificate"])
    cert_id = cert["Certificate"]["CertificateId"] if cert else "x" * 24
    call(iam, "UploadSigningCertificate", "UploadSigningCertificate malformed", error="MalformedCertificate",
         UserName="b3-user", CertificateBody="-----BEGIN CERTIFICATE-----\nnot\n-----END CERTIFICATE-----")
    call(iam, "ListSigningCertificates", UserName="b3-user")
    call(iam, "UpdateSigningCertificate", UserName="b3-user", CertificateId=cert_id, Status="Inactive")
    call(iam, "DeleteSigningCertificate", UserName="b3-user", CertificateId=cert_id)

    ssh = call(iam, "UploadSSHPublicKey", UserName="b3-user", SSHPublicKeyBody=materials["sshPublicKey"])
    ssh_id = ssh["SSHPublicKey"]["SSHPublicKeyId"] if ssh else "APKA" + "0" * 16
    call(iam, "UploadSSHPublicKey", "UploadSSHPublicKey invalid", error="InvalidPublicKey", UserName="b3-user", SSHPublicKeyBody="ssh-rsa AAAA")
    call(iam, "GetSSHPublicKey", UserName="b3-user", SSHPublicKeyId=ssh_id, Encoding="PEM")
    call(iam, "ListSSHPublicKeys", UserName="b3-user")
    call(iam, "UpdateSSHPublicKey", UserName="b3-user", SSHPublicKeyId=ssh_id, Status="Inactive")
    call(iam, "DeleteSSHPublicKey", UserName="b3-user", SSHPublicKeyId=ssh_id)

    ssc = call(iam, "CreateServiceSpecificCredential", UserName="b3-user", ServiceName="codecommit.amazonaws.com")
    ssc_id = ssc["ServiceSpecificCredential"]["ServiceSpecificCredentialId"] if ssc else "ACCA" + "0" * 16
    call(iam, "ListServiceSpecificCredentials", UserName="b3-user")
    call(iam, "ResetServiceSpecificCredential", UserName="b3-user", ServiceSpecificCredentialId=ssc_id)
    call(iam, "UpdateServiceSpecificCredential", UserName="b3-user", ServiceSpecificCredentialId=ssc_id, Status="Inactive")
    call(iam, "DeleteServiceSpecificCredential", UserName="b3-user", ServiceSpecificCredentialId=ssc_id)

    device = call(iam, "CreateVirtualMFADevice", VirtualMFADeviceName="b3-phone", Tags=[{"Key": "m", "Value": "1"}])
    if device:
        serial = device["VirtualMFADevice"]["SerialNumber"]
        text = device["VirtualMFADevice"]["Base32StringSeed"].decode()
        seed = base64.b32decode(text + "=" * (-len(text) % 8))
        step = int(time.time()) // 30
        call(iam, "EnableMFADevice", "EnableMFADevice wrong codes", error="InvalidAuthenticationCode", UserName="b3-user",
             SerialNumber=serial, AuthenticationCode1="000000" if totp(seed, step - 1) != "000000" else "111111",
             AuthenticationCode2="000000" if totp(seed, step) != "000000" else "111111")
        call(iam, "EnableMFADevice", UserName="b3-user", SerialNumber=serial,
             AuthenticationCode1=totp(seed, step - 1), AuthenticationCode2=totp(seed, step))
        call(iam, "ListMFADevices", UserName="b3-user")
        call(iam, "ListVirtualMFADevices", AssignmentStatus="Assigned")
        call(iam, "TagMFADevice", SerialNumber=serial, Tags=[{"Key": "n", "Value": "2"}])
        call(iam, "ListMFADeviceTags", SerialNumber=serial)
        call(iam, "UntagMFADevice", SerialNumber=serial, TagKeys=["n"])
        step = int(time.time()) // 30
        call(iam, "ResyncMFADevice", UserName="b3-user", SerialNumber=serial,
             AuthenticationCode1=totp(seed, step), AuthenticationCode2=totp(seed, step + 1))
        call(iam, "DeleteVirtualMFADevice", "DeleteVirtualMFADevice in use", error="DeleteConflict", SerialNumber=serial)
        call(iam, "DeactivateMFADevice", UserName="b3-user", SerialNumber=serial)
        call(iam, "DeleteVirtualMFADevice", SerialNumber=serial)


def providers_and_certificates(iam, materials):
    oidc = call(iam, "CreateOpenIDConnectProvider", Url="https://token.example.com", ClientIDList=["sts.amazonaws.com"],
                ThumbprintList=["a" * 40], Tags=[{"Key": "o", "Value": "1"}])
    oidc_arn = oidc["OpenIDConnectProviderArn"] if oidc else f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.example.com"
    call(iam, "CreateOpenIDConnectProvider", "CreateOpenIDConnectProvider exists", error="EntityAlreadyExists",
         Url="https://token.example.com", ThumbprintList=["a" * 40])
    call(iam, "GetOpenIDConnectProvider", OpenIDConnectProviderArn=oidc_arn)
    call(iam, "ListOpenIDConnectProviders")
    call(iam, "AddClientIDToOpenIDConnectProvider", OpenIDConnectProviderArn=oidc_arn, ClientID="app")
    call(iam, "RemoveClientIDFromOpenIDConnectProvider", OpenIDConnectProviderArn=oidc_arn, ClientID="app")
    call(iam, "UpdateOpenIDConnectProviderThumbprint", OpenIDConnectProviderArn=oidc_arn, ThumbprintList=["b" * 40])
    call(iam, "TagOpenIDConnectProvider", OpenIDConnectProviderArn=oidc_arn, Tags=[{"Key": "x", "Value": "y"}])
    call(iam, "ListOpenIDConnectProviderTags", OpenIDConnectProviderArn=oidc_arn)
    call(iam, "UntagOpenIDConnectProvider", OpenIDConnectProviderArn=oidc_arn, TagKeys=["x"])
    call(iam, "DeleteOpenIDConnectProvider", OpenIDConnectProviderArn=oidc_arn)

    saml = call(iam, "CreateSAMLProvider", Name="b3-idp", SAMLMetadataDocument=materials["samlMetadata"])
    saml_arn = saml["SAMLProviderArn"] if saml else f"arn:aws:iam::{ACCOUNT}:saml-provider/b3-idp"
    call(iam, "CreateSAMLProvider", "CreateSAMLProvider not xml", error="InvalidInput", Name="b3-bad", SAMLMetadataDocument="x" * 1000)
    call(iam, "GetSAMLProvider", SAMLProviderArn=saml_arn)
    call(iam, "ListSAMLProviders")
    call(iam, "UpdateSAMLProvider", SAMLProviderArn=saml_arn, SAMLMetadataDocument=materials["samlMetadata"])
    call(iam, "TagSAMLProvider", SAMLProviderArn=saml_arn, Tags=[{"Key": "s", "Value": "1"}])
    call(iam, "ListSAMLProviderTags", SAMLProviderArn=saml_arn)
    call(iam, "UntagSAMLProvider", SAMLProviderArn=saml_arn, TagKeys=["s"])
    call(iam, "DeleteSAMLProvider", SAMLProviderArn=saml_arn)

    call(iam, "UploadServerCertificate", ServerCertificateName="b3-cert", CertificateBody=materials["serverCertificate"],
         PrivateKey=materials["serverPrivateKey"], Path="/b3/")
    call(iam, "UploadServerCertificate", "UploadServerCertificate key mismatch", error="KeyPairMismatch",
         ServerCertificateName="b3-other", CertificateBody=materials["serverCertificate"], PrivateKey=materials["otherPrivateKey"])
    got = call(iam, "GetServerCertificate", ServerCertificateName="b3-cert")
    if got:
        has(got, "GetServerCertificate", "ServerCertificate", "ServerCertificateMetadata", "Expiration")
    call(iam, "ListServerCertificates", PathPrefix="/b3/")
    call(iam, "TagServerCertificate", ServerCertificateName="b3-cert", Tags=[{"Key": "c", "Value": "1"}])
    call(iam, "ListServerCertificateTags", ServerCertificateName="b3-cert")
    call(iam, "UntagServerCertificate", ServerCertificateName="b3-cert", TagKeys=["c"])
    call(iam, "UpdateServerCertificate", ServerCertificateName="b3-cert", NewServerCertificateName="b3-cert2")
    call(iam, "DeleteServerCertificate", ServerCertificateName="b3-cert2")


def account(iam):
    call(iam, "CreateAccountAlias", AccountAlias="b3-sweep")
    call(iam, "CreateAccountAlias", "CreateAccountAlias bad", error="ValidationError", AccountAlias="Bad_Alias")
    aliases = call(iam, "ListAccountAliases")
    if aliases and aliases["AccountAliases"] != ["b3-sweep"]:
        report("ListAccountAliases", "ListAccountAliases", False, str(aliases))
    call(iam, "DeleteAccountAlias", AccountAlias="b3-sweep")
    summary = call(iam, "GetAccountSummary")
    if summary:
        has(summary, "GetAccountSummary", "SummaryMap", "Users", kind=int)
    started = call(iam, "GenerateCredentialReport")
    if started and started["State"] not in ("STARTED", "COMPLETE"):
        report("GenerateCredentialReport state", "GenerateCredentialReport", False, started["State"])
    for _ in range(20):
        again = call(iam, "GenerateCredentialReport", "GenerateCredentialReport until COMPLETE")
        if not again or again["State"] == "COMPLETE":
            break
        time.sleep(0.5)
    report_ = call(iam, "GetCredentialReport")
    if report_ and not report_["Content"].startswith(b"user,arn,user_creation_time"):
        report("GetCredentialReport content", "GetCredentialReport", False, report_["Content"][:60].decode())
    call(iam, "GetContextKeysForCustomPolicy", PolicyInputList=[json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a"}}}]})])
    call(iam, "GetContextKeysForPrincipalPolicy", PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:user/b3/moved/b3-user")
    simulated = call(iam, "SimulateCustomPolicy", PolicyInputList=[policy()], ActionNames=["s3:GetObject", "s3:PutObject"])
    if simulated and [r["EvalDecision"] for r in simulated["EvaluationResults"]] != ["allowed", "implicitDeny"]:
        report("SimulateCustomPolicy decisions", "SimulateCustomPolicy", False, str(simulated["EvaluationResults"]))
    call(iam, "SimulatePrincipalPolicy", PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:user/b3/moved/b3-user", ActionNames=["s3:GetObject"])
    call(iam, "SimulatePrincipalPolicy", "SimulatePrincipalPolicy missing", error="NoSuchEntity",
         PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:user/nobody", ActionNames=["s3:GetObject"])
    call(iam, "DeleteAccountPasswordPolicy")
    call(iam, "DeleteAccountPasswordPolicy", "DeleteAccountPasswordPolicy none", error="NoSuchEntity")


def remaining_operations(iam):
    """Service-linked roles, policies granting service access, the token version, the Organizations reports, STS key info."""
    created = call(iam, "CreateServiceLinkedRole", AWSServiceName="batch.amazonaws.com")
    if created:
        has(created, "CreateServiceLinkedRole path", "Role", "Path", kind=str)
    call(iam, "CreateServiceLinkedRole", "CreateServiceLinkedRole suffix refused", error="InvalidInput",
         AWSServiceName="ecs.amazonaws.com", CustomSuffix="b3")
    call(iam, "DeleteRole", "DeleteRole service-linked", error="UnmodifiableEntity", status=400, RoleName="AWSServiceRoleForBatch")
    deleted = call(iam, "DeleteServiceLinkedRole", RoleName="AWSServiceRoleForBatch")
    if deleted:
        status = call(iam, "GetServiceLinkedRoleDeletionStatus", DeletionTaskId=deleted["DeletionTaskId"])
        if status and status["Status"] != "SUCCEEDED":
            report("GetServiceLinkedRoleDeletionStatus status", "GetServiceLinkedRoleDeletionStatus", False, status["Status"])
    call(iam, "DeleteServiceLinkedRole", "DeleteServiceLinkedRole missing", error="NoSuchEntity", RoleName="AWSServiceRoleForBatch")
    granted = call(iam, "ListPoliciesGrantingServiceAccess", Arn=f"arn:aws:iam::{ACCOUNT}:user/b3/moved/b3-user", ServiceNamespaces=["s3", "iam"])
    if granted:
        has(granted, "ListPoliciesGrantingServiceAccess shape", "PoliciesGrantingServiceAccess", 0, "Policies", kind=list)
    call(iam, "SetSecurityTokenServicePreferences", GlobalEndpointTokenVersion="v2Token")
    summary = call(iam, "GetAccountSummary", "GetAccountSummary token version")
    if summary and summary["SummaryMap"].get("GlobalEndpointTokenVersion") != 2:
        report("GlobalEndpointTokenVersion", "SetSecurityTokenServicePreferences", False, str(summary["SummaryMap"]))
    call(iam, "SetSecurityTokenServicePreferences", "SetSecurityTokenServicePreferences back", GlobalEndpointTokenVersion="v1Token")
    call(iam, "GenerateOrganizationsAccessReport", error="OrganizationNotFoundException", EntityPath="o-a1b2c3d4e5/r-f6g7")
    call(iam, "GetOrganizationsAccessReport", error="NoSuchEntity", JobId="0" * 8 + "-0000-0000-0000-" + "0" * 12)
    sts = client("sts")
    info = call(sts, "GetAccessKeyInfo", AccessKeyId="ASIAY34FZKBOKMUTVV7A")
    if info and info["Account"] != "609629065308":
        report("GetAccessKeyInfo account", "GetAccessKeyInfo", False, info["Account"])
    call(sts, "DecodeAuthorizationMessage", error="InvalidAuthorizationMessageException", EncodedMessage="not-a-message")


def sts_calls(iam):
    sts = client("sts")
    me = call(sts, "GetCallerIdentity")
    if me and me["Account"] != ACCOUNT:
        report("GetCallerIdentity account", "GetCallerIdentity", False, str(me))
    call(sts, "AssumeRole", "AssumeRole as root", error="AccessDenied", status=403,
         RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-role", RoleSessionName="sweep")
    if not user_key:
        report("AssumeRole", "AssumeRole", False, "no access key for the sweep user")
        return
    sts = client("sts", user_key["AccessKeyId"], user_key["SecretAccessKey"])
    assumed = call(sts, "AssumeRole", RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-role", RoleSessionName="sweep", DurationSeconds=900)
    if assumed:
        has(assumed, "AssumeRole", "Credentials", "Expiration", kind=datetime.datetime)
        creds = assumed["Credentials"]
        role = client("sts", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        who = call(role, "GetCallerIdentity", "GetCallerIdentity as the role")
        if who and who["Arn"] != f"arn:aws:sts::{ACCOUNT}:assumed-role/b3-role/sweep":
            report("assumed-role ARN", "GetCallerIdentity", False, who["Arn"])
    call(sts, "AssumeRole", "AssumeRole bad session name", error="ValidationError", RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-role",
         RoleSessionName="bad name")
    call(sts, "AssumeRole", "AssumeRole missing role", error="AccessDenied", status=403,
         RoleArn=f"arn:aws:iam::{ACCOUNT}:role/nobody", RoleSessionName="ss")


def last_accessed(iam):
    """The role sts_calls() assumed used STS (GetCallerIdentity) and never S3, though its policies allow both."""
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/b3-role"
    job = call(iam, "GenerateServiceLastAccessedDetails", Arn=role_arn, Granularity="ACTION_LEVEL")
    if job:
        details = call(iam, "GetServiceLastAccessedDetails", JobId=job["JobId"], MaxItems=10)
        if details:
            has(details, "GetServiceLastAccessedDetails completed", "JobCompletionDate", kind=datetime.datetime)
            services = {s["ServiceNamespace"]: s for s in details["ServicesLastAccessed"]}
            sts = services.get("sts", {})
            if not isinstance(sts.get("LastAuthenticated"), datetime.datetime) or sts.get("LastAuthenticatedEntity") != role_arn:
                report("GetServiceLastAccessedDetails used", "GetServiceLastAccessedDetails", False, str(details["ServicesLastAccessed"]))
            if "s3" not in services or "LastAuthenticated" in services["s3"] or services["s3"].get("TotalAuthenticatedEntities") != 0:
                report("GetServiceLastAccessedDetails never used", "GetServiceLastAccessedDetails", False, str(details["ServicesLastAccessed"]))
            actions = {a["ActionName"]: a for a in sts.get("TrackedActionsLastAccessed", [])}
            if not isinstance(actions.get("GetCallerIdentity", {}).get("LastAccessedTime"), datetime.datetime):
                report("GetServiceLastAccessedDetails action level", "GetServiceLastAccessedDetails", False, str(sts))
        entities = call(iam, "GetServiceLastAccessedDetailsWithEntities", JobId=job["JobId"], ServiceNamespace="sts")
        if entities:
            has(entities, "GetServiceLastAccessedDetailsWithEntities entity", "EntityDetailsList", 0, "LastAuthenticated", kind=datetime.datetime)
    call(iam, "GenerateServiceLastAccessedDetails", "GenerateServiceLastAccessedDetails missing role", error="NoSuchEntity", status=404,
         Arn=f"arn:aws:iam::{ACCOUNT}:role/nobody")
    call(iam, "GenerateServiceLastAccessedDetails", "GenerateServiceLastAccessedDetails not an IAM entity", error="InvalidInput", status=400,
         Arn="arn:aws:s3:::a-bucket-of-the-sweep")
    call(iam, "GetServiceLastAccessedDetails", "GetServiceLastAccessedDetails unknown job", error="NoSuchEntity", status=404,
         JobId="0" * 8 + "-0000-0000-0000-" + "0" * 12)
    call(iam, "GetServiceLastAccessedDetailsWithEntities", "GetServiceLastAccessedDetailsWithEntities unknown job", error="NoSuchEntity",
         JobId="0" * 8 + "-0000-0000-0000-" + "0" * 12, ServiceNamespace="iam")


def federation(iam, materials):
    """Tokens made by LocalIam's test identity provider (the test passes them in) assume roles, unsigned."""
    unsigned = boto3.client("sts", endpoint_url=ENDPOINT, region_name="us-east-1", config=Config(
        signature_version=botocore.UNSIGNED, retries={"max_attempts": 1}))
    oidc = call(iam, "CreateOpenIDConnectProvider", "CreateOpenIDConnectProvider for federation", Url="https://token.b3.example",
                ClientIDList=["sts.amazonaws.com"], ThumbprintList=[materials["oidcThumbprint"]])
    saml = call(iam, "CreateSAMLProvider", "CreateSAMLProvider for federation", Name="b3-federation",
                SAMLMetadataDocument=materials["federationSamlMetadata"])
    if oidc:
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": oidc["OpenIDConnectProviderArn"]},
                 "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.b3.example:sub": "repo:org/app:*"}}}]}
        call(iam, "CreateRole", "CreateRole web identity", RoleName="b3-oidc-role", AssumeRolePolicyDocument=json.dumps(trust))
        assumed = call(unsigned, "AssumeRoleWithWebIdentity", RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-oidc-role",
                       RoleSessionName="ci", WebIdentityToken=materials["webIdentityToken"])
        if assumed:
            has(assumed, "AssumeRoleWithWebIdentity", "SubjectFromWebIdentityToken", kind=str)
            has(assumed, "AssumeRoleWithWebIdentity", "Credentials", "Expiration", kind=datetime.datetime)
        call(unsigned, "AssumeRoleWithWebIdentity", "AssumeRoleWithWebIdentity forged", error="InvalidIdentityToken", status=400,
             RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-oidc-role", RoleSessionName="ci",
             WebIdentityToken=materials["webIdentityToken"][:-8] + "AAAAAAAA")
        call(iam, "DeleteRole", "DeleteRole web identity", RoleName="b3-oidc-role")
        call(iam, "DeleteOpenIDConnectProvider", "DeleteOpenIDConnectProvider for federation", OpenIDConnectProviderArn=oidc["OpenIDConnectProviderArn"])
    if saml:
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": saml["SAMLProviderArn"]},
                 "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}
        call(iam, "CreateRole", "CreateRole SAML", RoleName="b3-saml-role", AssumeRolePolicyDocument=json.dumps(trust))
        assumed = call(unsigned, "AssumeRoleWithSAML", RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-saml-role",
                       PrincipalArn=saml["SAMLProviderArn"], SAMLAssertion=materials["samlResponse"])
        if assumed:
            has(assumed, "AssumeRoleWithSAML", "Subject", kind=str)
            has(assumed, "AssumeRoleWithSAML", "Credentials", "SessionToken", kind=str)
        call(unsigned, "AssumeRoleWithSAML", "AssumeRoleWithSAML not SAML", error="InvalidIdentityToken", status=400,
             RoleArn=f"arn:aws:iam::{ACCOUNT}:role/b3-saml-role", PrincipalArn=saml["SAMLProviderArn"],
             SAMLAssertion=base64.b64encode(b"<not-saml/>").decode())
        call(iam, "DeleteRole", "DeleteRole SAML", RoleName="b3-saml-role")
        call(iam, "DeleteSAMLProvider", "DeleteSAMLProvider for federation", SAMLProviderArn=saml["SAMLProviderArn"])
    if user_key:
        user = client("sts", user_key["AccessKeyId"], user_key["SecretAccessKey"])
        federated = call(user, "GetFederationToken", Name="b3-fed", Policy=policy("s3:GetObject"), DurationSeconds=900)
        if federated:
            has(federated, "GetFederationToken", "FederatedUser", "Arn", kind=str)
    call(client("sts"), "GetFederationToken", "GetFederationToken bad name", error="ValidationError", Name="bad name!")


def teardown(iam, policy_arn):
    call(iam, "RemoveRoleFromInstanceProfile", InstanceProfileName="b3-profile", RoleName="b3-role")
    call(iam, "DeleteInstanceProfile", InstanceProfileName="b3-profile")
    call(iam, "DetachRolePolicy", RoleName="b3-role", PolicyArn=policy_arn)
    call(iam, "DeleteRolePolicy", RoleName="b3-role", PolicyName="inline")
    call(iam, "DeleteRole", RoleName="b3-role")
    call(iam, "DetachGroupPolicy", GroupName="b3-group", PolicyArn=policy_arn)
    call(iam, "DetachUserPolicy", UserName="b3-user", PolicyArn=policy_arn)
    call(iam, "DeletePolicy", PolicyArn=policy_arn)
    call(iam, "RemoveUserFromGroup", GroupName="b3-group", UserName="b3-user")
    call(iam, "RemoveUserFromGroup", "RemoveUserFromGroup user first", error="NoSuchEntity", GroupName="none", UserName="nobody")
    call(iam, "DeleteGroup", GroupName="b3-group")
    call(iam, "DeleteUser", "DeleteUser conflict", error="DeleteConflict", UserName="b3-user")
    call(iam, "DeleteLoginProfile", UserName="b3-user")
    call(iam, "DeleteUserPolicy", UserName="b3-user", PolicyName="inline")
    for key in (call(iam, "ListAccessKeys", "ListAccessKeys before delete", UserName="b3-user") or {"AccessKeyMetadata": []})["AccessKeyMetadata"]:
        call(iam, "DeleteAccessKey", UserName="b3-user", AccessKeyId=key["AccessKeyId"])
    call(iam, "DeleteUser", UserName="b3-user")
    call(iam, "DeleteUser", "DeleteUser gone", error="NoSuchEntity", UserName="b3-user")


def coverage():
    session = botocore.session.get_session()
    for service in ("iam", "sts"):
        for op in session.get_service_model(service).operation_names:
            if (service, op) not in exercised:
                report(f"{service}:{op} exercised", op, False, "no check calls this operation")


def main():
    with open(MATERIALS, encoding="utf-8") as f:
        materials = json.load(f)
    iam = client("iam")
    policy_arn = f"arn:aws:iam::{ACCOUNT}:policy/b3/b3-policy"
    sections = [
        lambda: users_and_groups(iam), lambda: managed_policies(iam), lambda: roles(iam, policy_arn),
        lambda: credentials(iam, materials), lambda: providers_and_certificates(iam, materials), lambda: account(iam), lambda: remaining_operations(iam),
        lambda: sts_calls(iam), lambda: last_accessed(iam), lambda: federation(iam, materials), lambda: teardown(iam, policy_arn), coverage,
    ]
    for section in sections:
        try:
            section()
        except Exception:  # a check's own bug or an answer it did not expect: reported, and the next section runs
            report("section", "", False, traceback.format_exc(limit=3))


if __name__ == "__main__":
    main()
