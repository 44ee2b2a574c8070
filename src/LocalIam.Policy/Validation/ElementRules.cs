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

    /// <summary>Trust policies may only name sts actions (AssumeRole and its variants, TagSession, ...).</summary>
    public static bool IsStsAction(string action) => action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase);

    public static Diagnostic? CheckResource(SpannedString resource)
    {
        var value = resource.Value;
        if (value == "*")
        {
            return null;
        }

        var parts = value.Split(':', 6);
        if (parts.Length < 2 || parts[0] != "arn")
        {
            return PolicyDiagnostics.ResourceNotArn(resource.Span, value);
        }

        if (parts.Length < 3 || parts[2].Length == 0 || !IsVendor(parts[2]))
        {
            return PolicyDiagnostics.ResourceVendor(resource.Span, value);
        }

        if (parts.Length < 6)
        {
            return PolicyDiagnostics.ArnShape(resource.Span, value);
        }

        var partition = parts[1];
        if (!Partitions.Contains(partition) && !ContainsWildcard(partition))
        {
            return PolicyDiagnostics.PartitionNotValid(resource.Span, value, partition, parts);
        }

        if (parts[2].Equals("iam", StringComparison.OrdinalIgnoreCase) && parts[3].Length > 0 && parts[3] != "*")
        {
            return PolicyDiagnostics.IamResourceRegion(resource.Span, value);
        }

        return null;
    }

    private static bool IsVendor(string vendor) =>
        vendor.Length > 0 && vendor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static bool ContainsWildcard(string text) => text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal);
}
