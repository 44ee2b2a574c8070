using System.Globalization;
using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;

namespace LocalIam.Policy.Linting;

/// <summary>The document as a whole: a missing Version, empty Sids, size quotas, and what a resource policy's resource type allows.</summary>
internal static class DocumentChecks
{
    /// <summary>IAM's quota for a managed policy, counted without whitespace.</summary>
    public const int IdentityPolicyQuota = 6_144;

    /// <summary>Organizations' quota for a service control policy, whitespace included.</summary>
    public const int ScpQuota = 5_120;

    /// <summary>IAM's default quota for a role trust policy, counted without whitespace.</summary>
    public const int TrustPolicyQuota = 2_048;

    /// <summary>Amazon S3's bucket policy quota (20 KB), which Access Analyzer applies to the S3 and DynamoDB types.</summary>
    public const int ResourcePolicyQuota = 20_480;

    private static readonly Dictionary<string, string[]> ServicesOfResourceType = new(StringComparer.Ordinal)
    {
        ["AWS::S3::Bucket"] = ["s3"],
        ["AWS::S3::AccessPoint"] = ["s3"],
        ["AWS::S3::MultiRegionAccessPoint"] = ["s3"],
        ["AWS::S3ObjectLambda::AccessPoint"] = ["s3-object-lambda"],
        ["AWS::DynamoDB::Table"] = ["dynamodb"],
    };

    public static void Check(LintContext context, PolicyDocument document)
    {
        if (context.Root is JsonObjectSyntax root && root.Properties.All(p => p.Name != "Version"))
        {
            context.ReportDocument("MISSING_VERSION");
        }

        foreach (var statement in document.Statements)
        {
            if (statement.Sid is { Value.Length: 0 } sid)
            {
                context.Report("EMPTY_SID_VALUE", sid.Span);
            }

            if (context.Request.ResourceType is { } type && ServicesOfResourceType.TryGetValue(type, out var services))
            {
                CheckResourceType(context, statement, type, services);
            }
        }

        CheckSize(context);
    }

    private static void CheckSize(LintContext context)
    {
        var text = context.Request.Document;
        var request = context.Request;
        if (request.PolicyType == LintPolicyType.ServiceControl && text.Length > ScpQuota)
        {
            context.ReportDocument("POLICY_SIZE_EXCEEDS_SCP_QUOTA", ("policySize", Count(text.Length)), ("policySizeQuota", Count(ScpQuota)));
            return;
        }

        var compact = text.Count(c => !char.IsWhiteSpace(c));
        if (request.PolicyType == LintPolicyType.Identity && compact > IdentityPolicyQuota)
        {
            context.ReportDocument("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", ("policySize", Count(compact)), ("policySizeQuota", Count(IdentityPolicyQuota)));
        }
        else if (request.IsTrustPolicy && compact > TrustPolicyQuota)
        {
            context.ReportDocument("POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA");
        }
        else if (request.ResourceType is { } type && ServicesOfResourceType.ContainsKey(type) && text.Length > ResourcePolicyQuota)
        {
            context.ReportDocument("POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", ("policySize", Count(text.Length)), ("policySizeQuota", Count(ResourcePolicyQuota)));
        }
    }

    /// <summary>A bucket policy grants only S3 actions on S3 resources (and so on for each resource type ValidatePolicy knows).</summary>
    private static void CheckResourceType(LintContext context, Statement statement, string type, string[] services)
    {
        foreach (var action in statement.Actions is { IsNegated: false } actions ? actions.Values : [])
        {
            var colon = action.Value.IndexOf(':', StringComparison.Ordinal);
            if (action.Value != "*" && colon > 0 && !Evaluation.Wildcard.HasWildcards(action.Value.AsSpan(0, colon))
                && !services.Contains(action.Value[..colon], StringComparer.OrdinalIgnoreCase))
            {
                context.Report("UNSUPPORTED_ACTION_IN_POLICY", action.Span, ("action", action.Value), ("resourceType", type));
            }
        }

        foreach (var resource in statement.Resources is { IsNegated: false } resources ? resources.Values : [])
        {
            var parts = resource.Value.Split(':', 4);
            if (resource.Value != "*" && parts.Length >= 3 && !Evaluation.Wildcard.HasWildcards(parts[2]) && !services.Contains(parts[2], StringComparer.Ordinal))
            {
                context.Report("UNSUPPORTED_RESOURCE_ARN_IN_POLICY", resource.Span, ("resourceType", type));
            }
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
