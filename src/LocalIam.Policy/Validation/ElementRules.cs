using LocalIam.Policy.Model;

namespace LocalIam.Policy.Validation;

/// <summary>AWS's format rules for action names and resource ARNs in a policy.</summary>
internal static class ElementRules
{
    private static readonly HashSet<string> Partitions = new(StringComparer.Ordinal)
    {
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
    };

    public static Diagnostic? CheckAction(SpannedString action)
    {
        var value = action.Value;
        if (value == "*")
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return PolicyDiagnostics.ActionWithoutVendor(action.Span, value);
        }

        if (value.IndexOf(':', colon + 1) >= 0)
        {
            return PolicyDiagnostics.ActionTooManyColons(action.Span, value);
        }

        var vendor = value[..colon];
        return IsVendor(vendor) ? null : PolicyDiagnostics.VendorNotValid(action.Span, vendor);
    }

    /// <summary>
    /// The actions a trust policy may name (AWS: "AssumeRole policy may only specify STS AssumeRole
    /// actions."): the AssumeRole family, the session's tags, source identity and context, or <c>*</c>.
    /// </summary>
    private static readonly HashSet<string> TrustActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "*", "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext",
    };

    /// <summary>
    /// The S3 resource types whose ARNs carry a region (from the IAM catalogue; a test holds this list
    /// to it). Any other S3 ARN with a region is refused: "can not contain region information".
    /// </summary>
    internal static readonly string[] RegionalS3ResourcePrefixes =
    [
        "accesspoint/", "async-request/", "job/", "storage-lens/", "storage-lens-group/", "access-grants/",
    ];

    /// <summary>The paths an IAM resource ARN may start with, in AWS's order (AWS's message lists them).</summary>
    internal static readonly string[] IamResourcePaths =
    [
        "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/",
        "saml-provider/", "oidc-provider/", "report/", "access-report/",
    ];

    public static bool IsTrustAction(string action) => TrustActions.Contains(action);

    /// <summary>
    /// AWS's format checks of one resource, in its order. A value with a colon is read as an ARN
    /// whatever its first part says; the parts after the partition are service, region, account and
    /// the rest. Shapes that only AWS's "legacy parsing" refuses are <see cref="CheckLegacyShape"/>'s.
    /// With <paramref name="onlyPartition"/>, another partition is refused as IAM refuses <c>aws</c> in aws-cn.
    /// </summary>
    public static Diagnostic? CheckResource(SpannedString resource, string? onlyPartition = null)
    {
        var value = resource.Value;
        if (value == "*")
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return PolicyDiagnostics.ResourceNotArn(resource.Span, value);
        }

        var afterArn = value[(colon + 1)..];
        var partitionEnd = afterArn.IndexOf(':', StringComparison.Ordinal);
        var partition = partitionEnd < 0 ? afterArn : afterArn[..partitionEnd];
        var parts = partitionEnd < 0 ? [] : afterArn[(partitionEnd + 1)..].Split(':', 4);
        var known = onlyPartition is null ? Partitions.Contains(partition) : partition == onlyPartition;
        if (!known && !ContainsWildcard(partition))
        {
            return PolicyDiagnostics.PartitionNotValid(resource.Span, value, partition, parts);
        }

        if (partitionEnd < 0 || (parts[0].Length > 0 && !IsVendor(parts[0])))
        {
            return PolicyDiagnostics.ResourceVendor(resource.Span, value);
        }

        var service = parts[0];
        var region = parts.Length > 1 ? parts[1] : string.Empty;
        var rest = parts.Length > 3 ? parts[3] : string.Empty;
        if (service.Equals("iam", StringComparison.OrdinalIgnoreCase))
        {
            if (region.Length > 0 && region != "*")
            {
                return PolicyDiagnostics.IamResourceRegion(resource.Span, value);
            }

            // `root` (an account's root user) is not in AWS's message, but AWS's own root-task
            // policies (IAMAuditRootUserCredentials...) name arn:aws:iam::*:root.
            if (rest is not "*" and not "root" && !IamResourcePaths.Any(p => rest.StartsWith(p, StringComparison.Ordinal)))
            {
                return PolicyDiagnostics.IamResourcePath(resource.Span, value);
            }
        }

        if (service.Equals("s3", StringComparison.OrdinalIgnoreCase) && region.Length > 0
            && !RegionalS3ResourcePrefixes.Any(p => rest.StartsWith(p, StringComparison.Ordinal)))
        {
            return PolicyDiagnostics.S3ResourceRegion(resource.Span, value);
        }

        return null;
    }

    /// <summary>
    /// What AWS's legacy parser refuses in a resource that passed <see cref="CheckResource"/>: an
    /// empty service, or an empty part (<c>::</c>) in an ARN of fewer than six parts. A short ARN
    /// with no empty part (<c>arn:aws:service</c>) is accepted.
    /// </summary>
    public static Diagnostic? CheckLegacyShape(SpannedString resource)
    {
        var value = resource.Value;
        if (value == "*")
        {
            return null;
        }

        var parts = value.Split(':');
        var emptyService = parts.Length > 2 && parts[2].Length == 0;
        var shortWithEmptyPart = parts.Length < 6 && value.Contains("::", StringComparison.Ordinal);
        return emptyService || shortWithEmptyPart ? PolicyDiagnostics.ArnShape(resource.Span, value) : null;
    }

    private static bool IsVendor(string vendor) =>
        vendor.Length > 0 && vendor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static bool ContainsWildcard(string text) => text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal);
}
