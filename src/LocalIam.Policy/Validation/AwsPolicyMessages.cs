namespace LocalIam.Policy.Validation;

/// <summary>
/// The texts AWS returns with <c>MalformedPolicyDocument</c>, word for word (sources in
/// docs/policy-validation.md). Kept apart from LocalIam's own help text, which may change freely.
/// </summary>
public static class AwsPolicyMessages
{
    public const string SyntaxErrors = "Syntax errors in policy.";
    public const string TrustInvalidJson = "This policy contains invalid Json";
    public const string LegacyParsing = "The policy failed legacy parsing";
    public const string VersionTooOld = "Policy document must be version 2012-10-17 or greater.";
    public const string MustContainActions = "Policy statement must contain actions.";
    public const string MustContainResources = "Policy statement must contain resources.";
    public const string PrincipalNotAllowed = "Policy document should not specify a principal.";
    public const string TrustMissingPrincipal =
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!";
    public const string ResourceMissingPrincipal = "Missing required field Principal";
    public const string ActionWithoutVendor = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    public const string ActionTooManyColons = "Actions/Condition can contain only one colon.";
    public const string TrustActionsOnlySts = "AssumeRole policy may only specify STS AssumeRole actions.";
    public const string TrustResourceProhibited = "Has prohibited field Resource";
    public const string TrustStarPrincipal = "AssumeRolepolicy contained an invalid principal: \"STAR\":\"*\".";
    public const string ResourceVendorNotQualified = "Resource vendor must be fully qualified and cannot contain regexes.";
    public const string DuplicateSid = "Statement IDs (SID) in a single policy must be unique.";
    public const string SidNotAlphanumeric =
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";

    public static string VendorNotValid(string vendor) => $"Vendor {vendor} is not valid";

    public static string ResourceNotArn(string resource) => $"Resource {resource} must be in ARN format or \"*\".";

    public static string IamResourceWithRegion(string resource) => $"IAM resource {resource} cannot contain region information.";

    /// <summary>AWS fills missing parts with <c>*</c> and joins what follows the account: <c>a:b:c</c> is named <c>arn:b:c:*:*:*</c>.</summary>
    public static string PartitionNotValid(string partition, string[] parts) =>
        $"Partition \"{partition}\" is not valid for resource \"arn:{partition}:{Part(parts, 0)}:{Part(parts, 1)}:{Part(parts, 2)}:{Part(parts, 3)}\".";

    public static string S3ResourceWithRegion(string resource) => $"Resource {resource} can not contain region information.";

    public static string IamResourcePath(IEnumerable<string> paths) => $"IAM resource path must either be \"*\" or start with {string.Join(", ", paths)}.";

    public static string InvalidPrincipal(string type, string value) => $"Invalid principal in policy: \"{type.ToUpperInvariant()}\":\"{value}\"";

    private static string Part(string[] parts, int index) =>
        index < parts.Length && (index > 0 || parts.Length > 1 || parts[0].Length > 0) ? parts[index] : "*";
}
