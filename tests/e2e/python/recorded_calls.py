#!/usr/bin/python3
"""Makes, against LocalIam, the calls behind AWS's recorded answers, with the recording tests' inputs.

The recordings are LocalStack's snapshot tests run against AWS through boto3
(tests/LocalIam.E2E.Tests/Data/aws-recorded-responses.json says which file, test and key each
answer comes from). Each function below repeats one of those tests' calls in its order, through
Debian's boto3, and prints one JSON line per answer the test recorded:
{"test", "key", "status", "body"} (the answer without ResponseMetadata; timestamps in ISO 8601),
or {"test", "failure"} when a call the test does not record fails. RecordedResponseTests compares
the answers with the recordings member by member.

Usage: recorded_calls.py ENDPOINT ACCESS_KEY_ID SECRET RECORDINGS_JSON
The calls run as an IAM user with AdministratorAccess, made here with the root keys given, as the
recording tests ran as an IAM principal of their account.
"""
import datetime
import json
import re
import sys
import time
import uuid
from urllib.parse import quote_plus

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, ROOT_KEY, ROOT_SECRET, RECORDINGS = sys.argv[1:5]
REGION = "us-east-1"
REPRODUCTIONS = {}


def reproduces(test):
    def register(function):
        REPRODUCTIONS[test] = function
        return function
    return register


def short_uid():
    return uuid.uuid4().hex[:8]


def client(service, keys, **config):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=keys[0],
                        aws_secret_access_key=keys[1], aws_session_token=keys[2] if len(keys) > 2 else None,
                        config=Config(retries={"max_attempts": 1}, **config))


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


class Recording:
    """One recording test's run: snapshots answers by key, as the test's snapshot.match did."""

    def __init__(self, test, keys, account):
        self.test = test
        self.account = account
        self.iam = client("iam", keys)
        self.sts = client("sts", keys)
        self.keys = keys
        self.cleanups = []

    def match(self, key, call):
        """Makes CALL and prints its answer, a success or an AWS error, under KEY; returns a success."""
        try:
            response = call()
        except ClientError as e:
            response = e.response
        status = response["ResponseMetadata"]["HTTPStatusCode"]
        body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
        print(json.dumps({"test": self.test, "key": key, "status": status, "body": plain(body)}), flush=True)
        return None if "Error" in body else response


def trust(principal, action="sts:AssumeRole", **statement):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Action": action, "Principal": principal, "Effect": "Allow", **statement}]})


def allow(actions, resources):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resources}]})


EC2_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
LAMBDA_TRUST = trust({"Service": "lambda.amazonaws.com"})
LIST_FUNCTIONS = allow(["lambda:ListFunctions"], ["*"])


# --- TestIAMExtensions and TestIAMIntegrations -------------------------------------------------

@reproduces("TestIAMIntegrations::test_update_assume_role_policy")
def update_assume_role_policy(r, _):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]})
    name = f"role-{short_uid()}"
    r.match("created_role", lambda: r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=policy))
    r.match("updated_policy", lambda: r.iam.update_assume_role_policy(RoleName=name, PolicyDocument=policy))
    r.iam.delete_role(RoleName=name)


@reproduces("TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document")
def malformed_trust(r, _):
    document = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Principal": "*",
              "Effect": "Allow",
            }
          ]
        }
        """
    r.match("invalid-json", lambda: r.iam.create_role(RoleName=f"role-{short_uid()}", AssumeRolePolicyDocument=document))


@reproduces("TestIAMIntegrations::test_list_roles_with_permission_boundary")
def list_roles_with_boundary(r, _):
    prefix, name = f"/{short_uid()}/", f"role-{short_uid()}"
    r.match("created_role", lambda: r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=EC2_TRUST, Path=prefix))
    arn = r.iam.create_policy(PolicyName=f"policy-{short_uid()}", PolicyDocument=LIST_FUNCTIONS)["Policy"]["Arn"]
    r.iam.put_role_permissions_boundary(RoleName=name, PermissionsBoundary=arn)
    r.match("list_roles_result", lambda: r.iam.list_roles(PathPrefix=prefix))


@reproduces("TestIAMIntegrations::test_create_describe_role")
def create_describe_role(r, _):
    prefix, name = f"/{short_uid()}/", f"role-{short_uid()}"
    r.match("create_role_result", lambda: r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=EC2_TRUST, Path=prefix))
    r.match("get_role_result", lambda: r.iam.get_role(RoleName=name))
    r.match("list_roles_result", lambda: r.iam.list_roles(PathPrefix=prefix))


def attach_policy(r, attach):
    """test_role_attach_policy and test_user_attach_policy: ATTACH(PolicyArn) for the entity made."""
    name = f"test-policy-{short_uid()}"
    created = r.match("create_policy_response", lambda: r.iam.create_policy(PolicyName=name, PolicyDocument=LIST_FUNCTIONS))
    arn = created["Policy"]["Arn"]
    r.match("non_existent_malformed_policy_arn", lambda: attach("longpolicynamebutnoarn"))
    r.match("existing_policy_name_provided", lambda: attach(name))
    r.match("valid_arn_not_existent", lambda: attach(f"{arn}123"))
    r.match("valid_policy_arn", lambda: attach(arn))


@reproduces("TestIAMIntegrations::test_role_attach_policy")
def role_attach_policy(r, _):
    name = f"test-role-{short_uid()}"
    r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=EC2_TRUST)
    attach_policy(r, lambda arn: r.iam.attach_role_policy(RoleName=name, PolicyArn=arn))


@reproduces("TestIAMIntegrations::test_user_attach_policy")
def user_attach_policy(r, _):
    name = f"test-role-{short_uid()}"
    r.iam.create_user(UserName=name)
    attach_policy(r, lambda arn: r.iam.attach_user_policy(UserName=name, PolicyArn=arn))


@reproduces("TestIAMExtensions::test_role_with_path_lifecycle")
def role_with_path(r, _):
    name, path = f"role-{short_uid()}", f"/path{short_uid()}/"
    r.match("create-role-response", lambda: r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=LAMBDA_TRUST, Path=path))
    r.match("get-role-response", lambda: r.iam.get_role(RoleName=name))
    r.match("delete-role-response", lambda: r.iam.delete_role(RoleName=name))


@reproduces("TestIAMIntegrations::test_delete_non_existent_policy_returns_no_such_entity")
def delete_missing_policy(r, _):
    r.match("delete-non-existent-policy-exc", lambda: r.iam.delete_policy(PolicyArn=f"arn:aws:iam::{r.account}:policy/non-existent-policy"))


@reproduces("TestIAMIntegrations::test_simulate_principle_policy")
def simulate_principal_policy(r, arn_type):
    policy = json.dumps({"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}})
    policy_arn = r.iam.create_policy(PolicyName=f"policy-{short_uid()}", PolicyDocument=policy)["Policy"]["Arn"]
    if arn_type == "role":
        name = f"role-{short_uid()}"
        document = json.dumps({"Version": "2012-10-17", "Statement": {
            "Sid": "", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "sts:AssumeRole"}})
        arn = r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=document)["Role"]["Arn"]
        r.iam.attach_role_policy(RoleName=name, PolicyArn=policy_arn)
    elif arn_type == "group":
        name = f"group-{short_uid()}"
        arn = r.iam.create_group(GroupName=name)["Group"]["Arn"]
        r.iam.attach_group_policy(GroupName=name, PolicyArn=policy_arn)
    else:
        name = f"user-{short_uid()}"
        arn = r.iam.create_user(UserName=name)["User"]["Arn"]
        r.iam.attach_user_policy(UserName=name, PolicyArn=policy_arn)
    # The recording's bucket name is written `bucket` (the test's transformer); this is that name.
    r.match("response", lambda: r.iam.simulate_principal_policy(
        PolicySourceArn=arn, ActionNames=["s3:PutObject", "s3:GetObjectVersion"], ResourceArns=["arn:aws:s3:::bucket"]))


# --- TestIAMPolicyEncoding ---------------------------------------------------------------------

def encoded_target():
    target = quote_plus(f"arn:aws:apigateway:{REGION}::/restapis/aaeeieije")
    return target, allow(["apigatway:PUT"], [f"arn:aws:apigateway:{REGION}::/tags/{target}"])


def inline_policy_encoding(r, kind):
    """test_put_user_policy_encoding and test_put_group_policy_encoding: the KIND's inline policy read back."""
    _, document = encoded_target()
    owner, policy = {f"{kind.capitalize()}Name": f"test-{kind}-{short_uid()}"}, f"test-policy-{short_uid()}"
    getattr(r.iam, f"create_{kind}")(**owner)
    getattr(r.iam, f"put_{kind}_policy")(PolicyName=policy, PolicyDocument=document, **owner)
    r.match("get-policy-response", lambda: getattr(r.iam, f"get_{kind}_policy")(PolicyName=policy, **owner))


reproduces("TestIAMPolicyEncoding::test_put_user_policy_encoding")(lambda r, _: inline_policy_encoding(r, "user"))
reproduces("TestIAMPolicyEncoding::test_put_group_policy_encoding")(lambda r, _: inline_policy_encoding(r, "group"))


@reproduces("TestIAMPolicyEncoding::test_put_role_policy_encoding")
def role_policy_encoding(r, _):
    target, document = encoded_target()
    assume = trust({"Service": "lambda.amazonaws.com"}, Condition={"StringEquals": {"aws:SourceArn": target}})
    role, policy, path = f"test-role-{short_uid()}", f"test-policy-{short_uid()}", f"/{short_uid()}/"
    r.match("create-role-response", lambda: r.iam.create_role(RoleName=role, AssumeRolePolicyDocument=assume, Path=path))
    r.iam.put_role_policy(RoleName=role, PolicyName=policy, PolicyDocument=document)
    r.match("get-policy-response", lambda: r.iam.get_role_policy(RoleName=role, PolicyName=policy))
    r.match("get-role-response", lambda: r.iam.get_role(RoleName=role))
    r.match("list-roles-response", lambda: r.iam.list_roles(PathPrefix=path))


# --- TestIAMServiceSpecificCredentials ---------------------------------------------------------

def user_with_credential(r, service="codecommit.amazonaws.com"):
    user = f"user-{short_uid()}"
    r.match("create-user-response", lambda: r.iam.create_user(UserName=user))
    created = r.match("create-service-specific-credential-response",
                      lambda: r.iam.create_service_specific_credential(UserName=user, ServiceName=service))
    return user, created["ServiceSpecificCredential"]["ServiceSpecificCredentialId"]


@reproduces("TestIAMServiceSpecificCredentials::test_service_specific_credential_lifecycle")
def credential_lifecycle(r, service):
    user, credential = user_with_credential(r, service)
    listed = lambda: r.iam.list_service_specific_credentials(UserName=user, ServiceName=service)  # noqa: E731
    r.match("list-service-specific-credentials-response-before-update", listed)
    r.match("update-service-specific-credential-response", lambda: r.iam.update_service_specific_credential(
        UserName=user, ServiceSpecificCredentialId=credential, Status="Inactive"))
    r.match("list-service-specific-credentials-response-after-update", listed)
    r.match("reset-service-specific-credential-response", lambda: r.iam.reset_service_specific_credential(
        UserName=user, ServiceSpecificCredentialId=credential))
    r.match("delete-service-specific-credentials-response", lambda: r.iam.delete_service_specific_credential(
        ServiceSpecificCredentialId=credential, UserName=user))


@reproduces("TestIAMServiceSpecificCredentials::test_create_service_specific_credential_invalid_user")
def credential_invalid_user(r, _):
    r.match("invalid-user-name-exception", lambda: r.iam.create_service_specific_credential(
        UserName="non-existent-user", ServiceName="codecommit.amazonaws.com"))
    r.match("invalid-user-and-service-exception", lambda: r.iam.create_service_specific_credential(
        UserName="non-existent-user", ServiceName="nonexistentservice.amazonaws.com"))


@reproduces("TestIAMServiceSpecificCredentials::test_create_service_specific_credential_invalid_service")
def credential_invalid_service(r, _):
    user = f"user-{short_uid()}"
    r.match("create-user-response", lambda: r.iam.create_user(UserName=user))
    for key, service in [("invalid-service-exception", "nonexistentservice.amazonaws.com"),
                         ("invalid-service-completely-malformed-exception", "o3on3n3onosneo"),
                         ("invalid-service-existing-but-unsupported-exception", "lambda.amazonaws.com")]:
        r.match(key, lambda: r.iam.create_service_specific_credential(UserName=user, ServiceName=service))


@reproduces("TestIAMServiceSpecificCredentials::test_list_service_specific_credential_different_service")
def credential_list_other_service(r, _):
    user = f"user-{short_uid()}"
    r.match("create-user-response", lambda: r.iam.create_user(UserName=user))
    r.match("list-service-specific-credentials-invalid-service", lambda: r.iam.list_service_specific_credentials(
        UserName=user, ServiceName="nonexistentservice.amazonaws.com"))
    r.match("create-service-specific-credential-response", lambda: r.iam.create_service_specific_credential(
        UserName=user, ServiceName="codecommit.amazonaws.com"))
    r.match("list-service-specific-credentials-response-wrong-service", lambda: r.iam.list_service_specific_credentials(
        UserName=user, ServiceName="cassandra.amazonaws.com"))


@reproduces("TestIAMServiceSpecificCredentials::test_delete_user_after_service_credential_created")
def credential_blocks_user_deletion(r, _):
    user, _ = user_with_credential(r)
    r.match("delete-user-existing-credential", lambda: r.iam.delete_user(UserName=user))


@reproduces("TestIAMServiceSpecificCredentials::test_id_match_user_mismatch")
def credential_wrong_user(r, _):
    _, credential = user_with_credential(r)
    wrong = "wrong-user-name"
    r.match("update-wrong-user-name", lambda: r.iam.update_service_specific_credential(
        UserName=wrong, ServiceSpecificCredentialId=credential, Status="Inactive"))
    r.match("reset-wrong-user-name", lambda: r.iam.reset_service_specific_credential(UserName=wrong, ServiceSpecificCredentialId=credential))
    r.match("delete-wrong-user-name", lambda: r.iam.delete_service_specific_credential(UserName=wrong, ServiceSpecificCredentialId=credential))


@reproduces("TestIAMServiceSpecificCredentials::test_user_match_id_mismatch")
def credential_wrong_id(r, wrong):
    user, _ = user_with_credential(r)
    r.match("update-wrong-id", lambda: r.iam.update_service_specific_credential(UserName=user, ServiceSpecificCredentialId=wrong, Status="Inactive"))
    r.match("reset-wrong-id", lambda: r.iam.reset_service_specific_credential(UserName=user, ServiceSpecificCredentialId=wrong))
    r.match("delete-wrong-id", lambda: r.iam.delete_service_specific_credential(UserName=user, ServiceSpecificCredentialId=wrong))


@reproduces("TestIAMServiceSpecificCredentials::test_invalid_update_parameters")
def credential_invalid_status(r, _):
    _, credential = user_with_credential(r)
    r.match("update-invalid-status", lambda: r.iam.update_service_specific_credential(ServiceSpecificCredentialId=credential, Status="Invalid"))


# --- TestIAMServiceRoles -----------------------------------------------------------------------

def service_role_answers(r, role):
    r.match("describe-response", lambda: r.iam.get_role(RoleName=role))
    r.match("inline-role-policies", lambda: r.iam.list_role_policies(RoleName=role))
    r.match("attached-role-policies", lambda: r.iam.list_attached_role_policies(RoleName=role))


def service_linked_role(r, **params):
    role = r.iam.create_service_linked_role(**params)["Role"]["RoleName"]
    r.cleanups.append(lambda: r.iam.delete_service_linked_role(RoleName=role))
    return role


@reproduces("TestIAMServiceRoles::test_service_role_lifecycle")
def service_role_lifecycle(r, service):
    service_role_answers(r, service_linked_role(r, AWSServiceName=service))


@reproduces("TestIAMServiceRoles::test_service_role_lifecycle_custom_suffix")
def service_role_custom_suffix(r, service):
    service_role_answers(r, service_linked_role(r, AWSServiceName=service, CustomSuffix=short_uid()))


@reproduces("TestIAMServiceRoles::test_service_role_lifecycle_custom_suffix_not_allowed")
def service_role_suffix_refused(r, service):
    r.match("custom-suffix-not-allowed", lambda: r.iam.create_service_linked_role(AWSServiceName=service, CustomSuffix="testsuffix"))


@reproduces("TestIAMServiceRoles::test_service_role_deletion")
def service_role_deletion(r, _):
    role = r.iam.create_service_linked_role(AWSServiceName="batch.amazonaws.com")["Role"]["RoleName"]
    task = r.match("service-linked-role-deletion-response", lambda: r.iam.delete_service_linked_role(RoleName=role))["DeletionTaskId"]
    for _ in range(10):
        if r.iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "SUCCEEDED":
            break
        time.sleep(1)
    r.match("service-linked-role-deletion-status-response", lambda: r.iam.get_service_linked_role_deletion_status(DeletionTaskId=task))


@reproduces("TestIAMServiceRoles::test_service_role_already_exists")
def service_role_exists(r, _):
    service_linked_role(r, AWSServiceName="batch.amazonaws.com")
    r.match("role-already-exists-error", lambda: r.iam.create_service_linked_role(AWSServiceName="batch.amazonaws.com"))


@reproduces("TestRoles::test_role_with_tags")
def role_with_tags(r, _):
    name, path = f"role-{short_uid()}", "/role-with-tags/"
    r.match("create-role-response", lambda: r.iam.create_role(
        RoleName=name, AssumeRolePolicyDocument=EC2_TRUST, Tags=[{"Key": "test", "Value": "value"}], Path=path))
    r.match("get-role-response", lambda: r.iam.get_role(RoleName=name))
    r.match("list-role-response", lambda: r.iam.list_roles(PathPrefix=path))
    r.iam.delete_role(RoleName=name)


# --- STS ---------------------------------------------------------------------------------------

@reproduces("TestSTSIntegrations::test_get_federation_token")
def federation_token(r, _):
    r.match("get-federation-token", lambda: r.sts.get_federation_token(Name=f"TestName{short_uid()}", DurationSeconds=900))


@reproduces("TestSTSIntegrations::test_assume_role")
def assume_role(r, _):
    session, name = f"test-assume-role-{short_uid()}", f"role-{short_uid()}"
    created = r.match("create-role", lambda: r.iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust({"AWS": r.account})))
    r.match("assume-role", lambda: r.sts.assume_role(RoleArn=created["Role"]["Arn"], RoleSessionName=session))


def tagging_role(r, key):
    document = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": {"AWS": r.account}}]})
    return r.match(key, lambda: r.iam.create_role(RoleName=f"{key}-{short_uid()}", AssumeRolePolicyDocument=document))["Role"]


@reproduces("TestSTSAssumeRoleTagging::test_assume_role_tag_validation")
def assume_role_tag_validation(r, _):
    arn = tagging_role(r, "role-1")["Arn"]
    r.sts.assume_role(RoleArn=arn, RoleSessionName="Session1")
    tag = {"Key": "SessionTag1", "Value": "SessionValue1"}
    r.match("invalid-transitive-tag-keys", lambda: r.sts.assume_role(
        RoleArn=arn, RoleSessionName="SessionInvalidTransitiveKeys", Tags=[tag], TransitiveTagKeys=["InvalidKey"]))
    r.sts.assume_role(RoleArn=arn, RoleSessionName="SessionInvalidCasingTransitiveKeys", Tags=[tag], TransitiveTagKeys=["sessiontag1"])
    r.match("duplicate-tag-keys-different-casing", lambda: r.sts.assume_role(
        RoleArn=arn, RoleSessionName="SessionInvalidCasingTransitiveKeys",
        Tags=[tag, {"Key": "sessiontag1", "Value": "SessionValue2"}], TransitiveTagKeys=["sessiontag1"]))


@reproduces("TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags")
def role_chaining_transitive_tags(r, _):
    first, second = tagging_role(r, "role-1"), tagging_role(r, "role-2")
    r.iam.put_role_policy(RoleName=first["RoleName"], PolicyName=f"policy-{short_uid()}",
                          PolicyDocument=allow(["sts:AssumeRole", "sts:TagSession"], [second["Arn"]]))
    keys = r.sts.assume_role(RoleArn=first["Arn"], RoleSessionName="Session1", Tags=[{"Key": "SessionTag1", "Value": "SessionValue1"}],
                             TransitiveTagKeys=["SessionTag1"])["Credentials"]
    chained = client("sts", (keys["AccessKeyId"], keys["SecretAccessKey"], keys["SessionToken"]))
    for key, tag_key in [("override-transitive-tag-error", "SessionTag1"), ("override-transitive-tag-case-ignore-error", "sessiontag1")]:
        r.match(key, lambda: chained.assume_role(RoleArn=second["Arn"], RoleSessionName="Session2SessionTagOverride",
                                                 Tags=[{"Key": tag_key, "Value": "SessionValue2"}]))


@reproduces("TestSTSIntegrations::test_sts_invalid_parameters")
def invalid_parameters(r, _):
    sts = client("sts", r.keys, parameter_validation=False)
    for key, arn, session in [("malformed-arn", "nothing-valid-in-here", "Session1"),
                              ("no-partition", "arn::b:::something/test-role", "Session1"),
                              ("no-service", "arn:a::::something/test-role", "Session1"),
                              ("not-enough-colons", "arn:a:::something/test-role", "Session1"),
                              ("no-resource", "arn:a:a::aaaaaaaaaa:", "Session1"),
                              ("invalid-session-name", "arn:a:b:::something/test-role", "Session1:2")]:
        r.match(key, lambda: sts.assume_role(RoleArn=arn, RoleSessionName=session))


# -----------------------------------------------------------------------------------------------

def recorder():
    """An IAM user with AdministratorAccess and an access key, made with the root keys."""
    iam = client("iam", (ROOT_KEY, ROOT_SECRET))
    name = f"recorder-{short_uid()}"
    iam.create_user(UserName=name)
    iam.attach_user_policy(UserName=name, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def main():
    with open(RECORDINGS, encoding="utf-8") as f:
        tests = [r["test"] for r in json.load(f)["recordings"]]
    keys = recorder()
    account = client("sts", keys).get_caller_identity()["Account"]
    for test in tests:
        base, parameter = re.fullmatch(r"([^\[]+)(?:\[(.*)\])?", test).groups()
        reproduction = REPRODUCTIONS.get(base)
        if reproduction is None:
            print(json.dumps({"test": test, "failure": "no reproduction in recorded_calls.py"}), flush=True)
            continue
        run = Recording(test, keys, account)
        try:
            reproduction(run, parameter)
        except Exception as e:  # a call the recording does not record failed, or an answer boto3 cannot parse
            print(json.dumps({"test": test, "failure": f"{type(e).__name__}: {e}"}), flush=True)
        for cleanup in reversed(run.cleanups):
            try:
                cleanup()
            except ClientError:
                pass


if __name__ == "__main__":
    main()
