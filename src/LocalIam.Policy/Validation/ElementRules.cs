using System.Buffers;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Validation;

/// <summary>AWS's format rules for action names and resource ARNs in a policy.</summary>
internal static class ElementRules
{
    private static readonly HashSet<string> Partitions = new(StringComparer.Ordinal)
    {
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PartitionsBySpan = Partitions.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> VendorCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

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

        return IsVendor(value.AsSpan(0, colon)) ? null : PolicyDiagnostics.VendorNotValid(action.Span, value[..colon]);
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

        var afterArn = value.AsSpan(colon + 1);
        var partitionEnd = afterArn.IndexOf(':');
        var partition = partitionEnd < 0 ? afterArn : afterArn[..partitionEnd];
        var fields = partitionEnd < 0 ? default : new ArnFields(afterArn[(partitionEnd + 1)..]);
        var known = onlyPartition is null ? PartitionsBySpan.Contains(partition) : partition.SequenceEqual(onlyPartition);
        if (!known && !ContainsWildcard(partition))
        {
            string[] parts = partitionEnd < 0 ? [] : afterArn[(partitionEnd + 1)..].ToString().Split(':', 4);
            return PolicyDiagnostics.PartitionNotValid(resource.Span, value, partition.ToString(), parts);
        }

        var service = fields.Service;
        if (partitionEnd < 0 || (service.Length > 0 && !IsVendor(service)))
        {
            return PolicyDiagnostics.ResourceVendor(resource.Span, value);
        }

        var region = fields.Region;
        var rest = fields.Rest;
        if (service.Equals("iam", StringComparison.OrdinalIgnoreCase))
        {
            if (region.Length > 0 && region is not "*")
            {
                return PolicyDiagnostics.IamResourceRegion(resource.Span, value);
            }

            // `root` (an account's root user) is not in AWS's message, but AWS's own root-task
            // policies (IAMAuditRootUserCredentials...) name arn:aws:iam::*:root.
            if (rest is not "*" and not "root" && !StartsWithAny(rest, IamResourcePaths))
            {
                return PolicyDiagnostics.IamResourcePath(resource.Span, value);
            }
        }

        if (service.Equals("s3", StringComparison.OrdinalIgnoreCase) && region.Length > 0 && !StartsWithAny(rest, RegionalS3ResourcePrefixes))
        {
            return PolicyDiagnostics.S3ResourceRegion(resource.Span, value);
        }

        return null;
    }

    /// <summary>
    /// The parts of an ARN after its partition, as <c>Split(':', 4)</c> cuts them: service, region,
    /// account, and the rest (colons and all); a missing part is empty.
    /// </summary>
    private readonly ref struct ArnFields
    {
        public ArnFields(ReadOnlySpan<char> text)
        {
            Service = Cut(ref text, out var more);
            Region = more ? Cut(ref text, out more) : default;
            _ = more ? Cut(ref text, out more) : default;
            Rest = more ? text : default;
        }

        public ReadOnlySpan<char> Service { get; }

        public ReadOnlySpan<char> Region { get; }

        public ReadOnlySpan<char> Rest { get; }

        private static ReadOnlySpan<char> Cut(scoped ref ReadOnlySpan<char> text, out bool more)
        {
            var colon = text.IndexOf(':');
            more = colon >= 0;
            var part = more ? text[..colon] : text;
            text = more ? text[(colon + 1)..] : default;
            return part;
        }
    }

    private static bool StartsWithAny(ReadOnlySpan<char> text, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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

        // As value.Split(':') would read it: the third part is the service, and fewer than six parts is short.
        var parts = value.AsSpan().Count(':') + 1;
        var emptyService = parts > 2 && ThirdPartIsEmpty(value);
        var shortWithEmptyPart = parts < 6 && value.Contains("::", StringComparison.Ordinal);
        return emptyService || shortWithEmptyPart ? PolicyDiagnostics.ArnShape(resource.Span, value) : null;
    }

    private static bool ThirdPartIsEmpty(string value)
    {
        var second = value.IndexOf(':', value.IndexOf(':') + 1);
        return second + 1 == value.Length || value[second + 1] == ':';
    }

    private static bool IsVendor(ReadOnlySpan<char> vendor) => vendor.Length > 0 && !vendor.ContainsAnyExcept(VendorCharacters);

    private static bool ContainsWildcard(ReadOnlySpan<char> text) => text.IndexOfAny('*', '?') >= 0;
}
