using LocalIam.Iam.Authorization;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Analysis;

/// <summary>How a policy reaches a principal, in words: "attached to user alice", "through group Admins", "inline in role ci".</summary>
public static class PolicyPaths
{
    public static IReadOnlyList<string> Describe(PolicySource source) =>
        [.. source.Paths.Select(path => Describe(source, path))];

    private static string Describe(PolicySource source, PolicyPath path)
    {
        var owner = $"{path.OwnerKind.ToString().ToLowerInvariant()} {path.OwnerName}";
        if (path.IsBoundary)
        {
            return $"permissions boundary of {owner}";
        }

        var inline = source.Type is "user" or "group" or "role";
        if (path.OwnerKind == OwnerKind.Group)
        {
            return inline ? $"through group {path.OwnerName} (inline)" : $"through group {path.OwnerName}";
        }

        return inline ? $"inline in {owner}" : $"attached to {owner}";
    }

    /// <summary>AWS managed, customer managed or inline, as the console's Type column says it.</summary>
    public static string Kind(PolicySource source) => source.Type switch
    {
        "aws-managed" => "AWS managed",
        "user-managed" => "Customer managed",
        _ => "Inline",
    };
}
