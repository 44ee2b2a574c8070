namespace LocalIam.Policy.Linting;

/// <summary>What to lint: the document, its policy type and, for resource policies, the resource type it is attached to.</summary>
public sealed record LintRequest(string Document, LintPolicyType PolicyType, string? ResourceType = null)
{
    public const string AssumeRolePolicyDocument = "AWS::IAM::AssumeRolePolicyDocument";

    /// <summary>The resource types ValidatePolicy accepts, as its model lists them.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes =
    [
        "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3::MultiRegionAccessPoint", "AWS::S3ObjectLambda::AccessPoint",
        AssumeRolePolicyDocument, "AWS::DynamoDB::Table",
    ];

    /// <summary>A role's trust policy: a resource policy of the role, as ValidatePolicy is told with AWS::IAM::AssumeRolePolicyDocument.</summary>
    public bool IsTrustPolicy => PolicyType == LintPolicyType.Resource && ResourceType == AssumeRolePolicyDocument;

    public static LintRequest Trust(string document) => new(document, LintPolicyType.Resource, AssumeRolePolicyDocument);

    public string PolicyTypeName => PolicyType switch
    {
        LintPolicyType.Identity => "IDENTITY_POLICY",
        LintPolicyType.Resource => "RESOURCE_POLICY",
        LintPolicyType.ServiceControl => "SERVICE_CONTROL_POLICY",
        _ => "RESOURCE_CONTROL_POLICY",
    };
}
