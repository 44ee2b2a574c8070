using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>
/// LocalIam stores and builds every ARN in the <c>aws</c> partition. A request signed in another
/// partition (<c>cn-north-1</c> is <c>aws-cn</c>) reads them, and is decided on them, in its own:
/// <see cref="Show"/> turns a stored ARN into the request's, <see cref="ToStored"/> the request's
/// back into the stored form.
/// </summary>
public static class ArnPartition
{
    public const string Stored = "aws";

    private const string StoredPrefix = "arn:aws:";

    /// <summary>
    /// The condition keys whose values LocalIam fills with ARNs it stores (the caller, the policy a
    /// request attaches, a boundary, a federation provider): they are shown in the request's partition.
    /// </summary>
    public static readonly IReadOnlyList<string> ArnContextKeys =
        [PrincipalContextKeys.PrincipalArn, "iam:PolicyARN", "iam:PermissionsBoundary", "aws:FederatedProvider"];

    /// <summary>The partition an ARN names (<c>aws-cn</c> of <c>arn:aws-cn:iam::1:root</c>); null for a value that is not an ARN.</summary>
    public static string? Of(string value)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var end = value.IndexOf(':', 4);
        return end < 0 ? null : value[4..end];
    }

    /// <summary>A stored ARN as the request's partition names it; anything else unchanged.</summary>
    public static string Show(string value, string partition) =>
        partition == Stored || !value.StartsWith(StoredPrefix, StringComparison.Ordinal) ? value : $"arn:{partition}:{value[StoredPrefix.Length..]}";

    /// <summary>An ARN of the request's partition in its stored form; anything else unchanged.</summary>
    public static string ToStored(string value, string partition) =>
        partition == Stored || !value.StartsWith($"arn:{partition}:", StringComparison.Ordinal) ? value : StoredPrefix + value[(partition.Length + 5)..];

    /// <summary>Shows the ARN-valued keys of <paramref name="context"/> in <paramref name="partition"/>.</summary>
    public static void ShowKeys(RequestContext context, string partition)
    {
        if (partition == Stored)
        {
            return;
        }

        foreach (var key in ArnContextKeys)
        {
            if (context.GetSingle(key) is { } value && value.StartsWith(StoredPrefix, StringComparison.Ordinal))
            {
                context.Set(key, Show(value, partition));
            }
        }
    }
}
