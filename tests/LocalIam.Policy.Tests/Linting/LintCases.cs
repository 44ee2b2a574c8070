using LocalIam.Policy.Linting;

namespace LocalIam.Policy.Tests.Linting;

/// <summary>
/// One policy per check of AWS's "IAM policy validation check reference", mostly its own examples:
/// the policy, its type, and the issue code Access Analyzer reports for it.
/// </summary>
public static class LintCases
{
    private const string Trust = "AWS::IAM::AssumeRolePolicyDocument";

    public static string Identity(string statement) => $$"""{"Version":"2012-10-17","Statement":[{{{statement}}}]}""";

    public static TheoryData<string, string, LintPolicyType, string?, string> Cases => new()
    {
        // Errors
        { "JSON_SYNTAX_ERROR", """{"Version":"2012-10-17","Statement":[""", LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_POLICY_ELEMENT", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Actions\":\"x\""), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_STATEMENT", """{"Version":"2012-10-17"}""", LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_EFFECT", Identity("\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_EFFECT", Identity("\"Effect\":\"Permit\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_ACTION", Identity("\"Effect\":\"Allow\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_VERSION", """{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", LintPolicyType.Identity, null, "ERROR" },
        { "DATA_TYPE_MISMATCH", Identity("\"Effect\":1,\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_ACTION", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObjekt\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_SERVICE_IN_ACTION", Identity("\"Effect\":\"Allow\",\"Action\":\"s33:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "UNSUPPORTED_ELEMENT_COMBINATION", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotAction\":\"s3:PutObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "UNSUPPORTED_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "SCP_SYNTAX_ERROR_PRINCIPAL", Identity("\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.ServiceControl, null, "ERROR" },
        { "INVALID_CONDITION_OPERATOR", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"a\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "NULL_WITH_IF_EXISTS", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "UNIQUE_SIDS_REQUIRED", """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""", LintPolicyType.Identity, null, "ERROR" },
        { "UNSUPPORTED_SID", Identity("\"Sid\":\"my statement\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_ARN_PREFIX", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"s3:::bucket/*\""), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_ARN_FIELD", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:bucket\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_PARTITION", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:amazon:s3:::bucket/*\""), LintPolicyType.Identity, null, "ERROR" },
        { "ARN_REGION_NOT_ALLOWED", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:us-east-1::bucket/*\""), LintPolicyType.Identity, null, "ERROR" },
        { "ARN_ACCOUNT_NOT_ALLOWED", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3::123456789012:bucket/*\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_ARN_ACCOUNT", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"arn:aws:iam::12345:user/a\""), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_ARN_REGION", Identity("\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda::123456789012:function:f\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_ARN_SERVICE_CASE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:S3:::bucket/*\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_SERVICE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:nosuchservice:::thing\""), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_GLOBAL_CONDITION_KEY", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:UserName\":\"a\",\"aws:NoSuchKey\":\"b\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_SERVICE_CONDITION_KEY", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"s3:NoSuchKey\":\"b\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_CONDITION_KEY_FORMAT", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"username\":\"b\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_TAG_KEY_IN_CONDITION", Identity("\"Effect\":\"Allow\",\"Action\":\"ec2:StartInstances\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag\":\"b\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"a\",\"aws:UserName\":\"b\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_CONDITION_MULTIPLE_BOOLEAN", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[\"true\",\"false\"]}}"), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_QUALIFIER", Identity("\"Effect\":\"Allow\",\"Action\":\"ec2:CreateTags\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:TagKeys\":\"Project\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_VARIABLE_FOR_OPERATOR", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"${aws:TokenIssueTime}\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_BRACE_IN_VARIABLE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws:username\""), LintPolicyType.Identity, null, "ERROR" },
        { "EMPTY_VARIABLE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${ }\""), LintPolicyType.Identity, null, "ERROR" },
        { "UNSUPPORTED_SPACE_IN_VARIABLE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws: username}\""), LintPolicyType.Identity, null, "ERROR" },
        { "MISSING_QUOTE_IN_VARIABLE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/${aws:username, anonymous}\""), LintPolicyType.Identity, null, "ERROR" },
        { "VARIABLE_UNSUPPORTED_IN_ELEMENT", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:${aws:username}\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "ERROR" },
        { "VARIABLE_UNSUPPORTED_IN_VERSION", """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:username}"}]}""", LintPolicyType.Identity, null, "ERROR" },
        { "PRIVATE_IP_ADDRESS", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/16\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "PRIVATE_NOT_IP_ADDRESS", Identity("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"192.168.1.0/24\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_VPC_FORMAT", Identity("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpc\":\"vpc-12\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "INVALID_VPCE_FORMAT", Identity("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpc-1a2b3c4d\"}}"), LintPolicyType.Identity, null, "ERROR" },
        { "POLICY_SIZE_EXCEEDS_SCP_QUOTA", Identity("\"Effect\":\"Deny\",\"Action\":[" + string.Join(",", Enumerable.Repeat("\"s3:GetObject\"", 400)) + "],\"Resource\":\"*\""), LintPolicyType.ServiceControl, null, "ERROR" },
        { "MISSING_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\""), LintPolicyType.Resource, null, "ERROR" },
        { "INVALID_PRINCIPAL_KEY", Identity("\"Effect\":\"Allow\",\"Principal\":{\"Aws\":\"123456789012\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\""), LintPolicyType.Resource, null, "ERROR" },
        { "INVALID_PRINCIPAL_FORMAT", Identity("\"Effect\":\"Allow\",\"Principal\":\"123456789012\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\""), LintPolicyType.Resource, null, "ERROR" },
        { "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/*\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\""), LintPolicyType.Resource, null, "ERROR" },
        { "FEDERATED_PRINCIPAL_NOT_SUPPORTED", Identity("\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\""), LintPolicyType.Resource, null, "ERROR" },
        { "UNSUPPORTED_ACTION_IN_POLICY", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"ec2:StartInstances\",\"Resource\":\"arn:aws:s3:::bucket/*\""), LintPolicyType.Resource, "AWS::S3::Bucket", "ERROR" },
        { "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:queue\""), LintPolicyType.Resource, "AWS::S3::Bucket", "ERROR" },
        { "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Identity("\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:AssumeRole\""), LintPolicyType.Resource, Trust, "ERROR" },
        { "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\""), LintPolicyType.Resource, Trust, "ERROR" },
        { "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\""), LintPolicyType.Resource, Trust, "ERROR" },
        { "MISMATCHED_ACTION_FOR_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:AssumeRoleWithSAML\""), LintPolicyType.Resource, Trust, "ERROR" },
        { "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", Identity("\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"rolesanywhere.amazonaws.com\"},\"Action\":\"sts:AssumeRole\""), LintPolicyType.Resource, Trust, "ERROR" },

        // General warnings
        { "MISSING_VERSION", """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", LintPolicyType.Identity, null, "WARNING" },
        { "UNIQUE_SIDS_RECOMMENDED", """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}""", LintPolicyType.Resource, null, "WARNING" },
        { "WILDCARD_WITHOUT_LIKE_OPERATOR", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"admin-*\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "TYPE_MISMATCH", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:CurrentTime\":\"2026-01-01\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "TYPE_MISMATCH_BOOLEAN", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "TYPE_MISMATCH_NUMBER", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"an hour\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "TYPE_MISMATCH_DATE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"tomorrow\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "TYPE_MISMATCH_IP_RANGE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"300.1.1.1/8\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "DEPRECATED_GLOBAL_CONDITION_KEY", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:ARN\":\"arn:aws:iam::123456789012:user/a\"}}"), LintPolicyType.Identity, null, "WARNING" },
        { "INVALID_ROLE_REFERENCE", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"AROAJQABLZS4A3QDU576Q\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""), LintPolicyType.Resource, null, "WARNING" },
        { "INVALID_USER_REFERENCE", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"AIDAJQABLZS4A3QDU576Q\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""), LintPolicyType.Resource, null, "WARNING" },
        { "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", Identity("\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", Enumerable.Repeat("\"s3:GetObject\"", 500)) + "],\"Resource\":\"*\""), LintPolicyType.Identity, null, "WARNING" },
        { "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[" + string.Join(",", Enumerable.Repeat("\"123456789012\"", 200)) + "]},\"Action\":\"sts:AssumeRole\""), LintPolicyType.Resource, Trust, "WARNING" },
        { "CREATE_SLR_WITH_STAR_IN_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:CreateServiceLinkedRole\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "WARNING" },
        { "CREATE_SLR_WITH_NOT_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:CreateServiceLinkedRole\",\"NotResource\":\"arn:aws:iam::123456789012:role/x\""), LintPolicyType.Identity, null, "WARNING" },

        // Security warnings
        { "ALLOW_WITH_NOT_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"123456789012\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""), LintPolicyType.Resource, null, "SECURITY_WARNING" },
        { "FORALLVALUES_WITH_SINGLE_VALUED_KEY", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:username\":\"a\"}}"), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "PASS_ROLE_WITH_STAR_IN_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "PASS_ROLE_WITH_NOT_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"NotResource\":\"arn:aws:iam::123456789012:role/admin\""), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"iam:Pass*\",\"NotResource\":\"arn:aws:iam::123456789012:role/admin\""), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", Identity("\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::b\""), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", Identity("\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "SECURITY_WARNING" },
        { "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::b/*\""), LintPolicyType.Resource, null, "SECURITY_WARNING" },
        { "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/oidc.example.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\""), LintPolicyType.Resource, Trust, "SECURITY_WARNING" },
        { "MISSING_GITHUB_REPO_CONDITION_KEY", Identity("\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}}"), LintPolicyType.Resource, Trust, "SECURITY_WARNING" },

        // Suggestions
        { "EMPTY_ARRAY_ACTION", Identity("\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\""), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_ARRAY_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":[]"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_ARRAY_CONDITION", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":[]}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_ARRAY_CONDITION_FORALLVALUES", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[]}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_ARRAY_CONDITION_FORANYVALUE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[]}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_ARRAY_CONDITION_IFEXISTS", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEqualsIfExists\":{\"aws:username\":[]}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_OBJECT_CONDITION", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "EMPTY_OBJECT_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""), LintPolicyType.Resource, null, "SUGGESTION" },
        { "EMPTY_ARRAY_PRINCIPAL", Identity("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[]},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""), LintPolicyType.Resource, null, "SUGGESTION" },
        { "EMPTY_SID_VALUE", Identity("\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "SUGGESTION" },
        { "IMPROVE_IP_RANGE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.7/24\"}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "NULL_WITH_QUALIFIER", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"true\"}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "PRIVATE_IP_ADDRESS_SUBSET", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"203.0.113.0/24\"]}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "PRIVATE_NOT_IP_ADDRESS_SUBSET", Identity("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"203.0.113.0/24\"]}}"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "REDUNDANT_ACTION", Identity("\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\",\"iam:GetCredentialReport\"],\"Resource\":\"*\""), LintPolicyType.Identity, null, "SUGGESTION" },
        { "REDUNDANT_RESOURCE", Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":[\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b/reports/*\"]"), LintPolicyType.Identity, null, "SUGGESTION" },
        { "WILDCARD_IN_SERVICE_NAME", Identity("\"Effect\":\"Allow\",\"Action\":\"s3*:Get*\",\"Resource\":\"*\""), LintPolicyType.Identity, null, "SUGGESTION" },
    };
}
