using System.Text;
using System.Text.Json.Nodes;

namespace LocalIam.Iam.Tests.Transfer;

/// <summary>
/// A small account's authorization details as the AWS CLI v2 prints them (documents as JSON
/// objects, times with +00:00), with one document URL-encoded as the API returns it; tests
/// change one element at a time.
/// </summary>
public static class AuthorizationDetailsSamples
{
    public const string Account = "111122223333";

    public const string Cli = """
    {
        "UserDetailList": [
            {
                "Path": "/",
                "UserName": "alice",
                "UserId": "AIDAALICE0000000000001",
                "Arn": "arn:aws:iam::111122223333:user/alice",
                "CreateDate": "2024-03-01T10:00:00+00:00",
                "UserPolicyList": [
                    {
                        "PolicyName": "read-reports",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]
                        }
                    }
                ],
                "GroupList": ["Admins"],
                "AttachedManagedPolicies": [
                    {"PolicyName": "deploy", "PolicyArn": "arn:aws:iam::111122223333:policy/ops/deploy"}
                ],
                "Tags": [{"Key": "team", "Value": "ops"}]
            },
            {
                "Path": "/eng/",
                "UserName": "bob",
                "UserId": "AIDABOB00000000000001",
                "Arn": "arn:aws:iam::111122223333:user/eng/bob",
                "CreateDate": "2024-03-02T10:00:00Z",
                "UserPolicyList": [],
                "GroupList": ["Admins", "Billing"],
                "AttachedManagedPolicies": [
                    {"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}
                ],
                "PermissionsBoundary": {
                    "PermissionsBoundaryType": "Policy",
                    "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/ops/deploy"
                }
            }
        ],
        "GroupDetailList": [
            {
                "Path": "/",
                "GroupName": "Admins",
                "GroupId": "AGPAADMINS000000000001",
                "Arn": "arn:aws:iam::111122223333:group/Admins",
                "CreateDate": "2024-03-01T09:00:00+00:00",
                "GroupPolicyList": [],
                "AttachedManagedPolicies": [
                    {"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}
                ]
            },
            {
                "Path": "/",
                "GroupName": "Billing",
                "GroupId": "AGPABILLING00000000001",
                "Arn": "arn:aws:iam::111122223333:group/Billing",
                "CreateDate": "2024-03-01T09:00:00+00:00",
                "GroupPolicyList": [
                    {"PolicyName": "view", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22aws-portal%3AViewBilling%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}
                ],
                "AttachedManagedPolicies": [
                    {"PolicyName": "Billing", "PolicyArn": "arn:aws:iam::aws:policy/job-function/Billing"}
                ]
            }
        ],
        "RoleDetailList": [
            {
                "Path": "/service-role/",
                "RoleName": "app",
                "RoleId": "AROAAPP00000000000001",
                "Arn": "arn:aws:iam::111122223333:role/service-role/app",
                "CreateDate": "2024-03-03T10:00:00+00:00",
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                },
                "InstanceProfileList": [
                    {
                        "Path": "/",
                        "InstanceProfileName": "app-profile",
                        "InstanceProfileId": "AIPAAPP00000000000001",
                        "Arn": "arn:aws:iam::111122223333:instance-profile/app-profile",
                        "CreateDate": "2024-03-03T10:05:00+00:00",
                        "Roles": [
                            {
                                "Path": "/service-role/",
                                "RoleName": "app",
                                "RoleId": "AROAAPP00000000000001",
                                "Arn": "arn:aws:iam::111122223333:role/service-role/app",
                                "CreateDate": "2024-03-03T10:00:00+00:00",
                                "AssumeRolePolicyDocument": {
                                    "Version": "2012-10-17",
                                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                                },
                                "Description": "The app's role",
                                "MaxSessionDuration": 7200
                            }
                        ]
                    }
                ],
                "RolePolicyList": [],
                "AttachedManagedPolicies": [
                    {"PolicyName": "deploy", "PolicyArn": "arn:aws:iam::111122223333:policy/ops/deploy"}
                ],
                "Tags": [{"Key": "env", "Value": "prod"}],
                "RoleLastUsed": {"LastUsedDate": "2024-05-01T08:00:00+00:00", "Region": "us-east-1"}
            }
        ],
        "Policies": [
            {
                "PolicyName": "deploy",
                "PolicyId": "ANPADEPLOY000000000001",
                "Arn": "arn:aws:iam::111122223333:policy/ops/deploy",
                "Path": "/ops/",
                "DefaultVersionId": "v2",
                "AttachmentCount": 2,
                "PermissionsBoundaryUsageCount": 1,
                "IsAttachable": true,
                "Description": "Deploys",
                "CreateDate": "2024-02-01T10:00:00+00:00",
                "UpdateDate": "2024-02-02T10:00:00+00:00",
                "PolicyVersionList": [
                    {
                        "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:PassRole"], "Resource": "*"}]},
                        "VersionId": "v2",
                        "IsDefaultVersion": true,
                        "CreateDate": "2024-02-02T10:00:00+00:00"
                    },
                    {
                        "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]},
                        "VersionId": "v1",
                        "IsDefaultVersion": false,
                        "CreateDate": "2024-02-01T10:00:00+00:00"
                    }
                ]
            },
            {
                "PolicyName": "AdministratorAccess",
                "PolicyId": "ANPAIWMBCKSKIEE64ZLYK",
                "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
                "Path": "/",
                "DefaultVersionId": "v1",
                "AttachmentCount": 2,
                "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": true,
                "Description": "Provides full access to AWS services and resources.",
                "CreateDate": "2015-02-06T18:39:46+00:00",
                "UpdateDate": "2015-02-06T18:39:46+00:00",
                "PolicyVersionList": [
                    {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2015-02-06T18:39:46+00:00"}
                ]
            }
        ]
    }
    """;

    public static JsonObject Parse() => JsonNode.Parse(Cli)!.AsObject();

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    public static MemoryStream Stream(JsonNode node) => Stream(node.ToJsonString());
}
