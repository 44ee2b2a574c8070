using LocalIam.Aws;
using LocalIam.Iam.Tags;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Server.Api.Iam;

/// <summary>Shared readers for parameters many IAM operations take, and the condition keys AWS sets for them.</summary>
internal static class RequestParameters
{
    public static List<TagInput> Tags(this IRequestParameters query) =>
        [.. query.GetStructures("Tags").Select(t => new TagInput(t.GetValueOrDefault("Key") ?? string.Empty, t.GetValueOrDefault("Value") ?? string.Empty))];

    /// <summary><c>aws:RequestTag/KEY</c> for each tag and <c>aws:TagKeys</c>, as AWS sets them for tagging requests.</summary>
    public static void AddTagKeys(RequestContext context, IReadOnlyList<TagInput> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }

        foreach (var tag in tags)
        {
            context.Set($"aws:RequestTag/{tag.Key}", tag.Value);
        }

        context.SetList("aws:TagKeys", tags.Select(t => t.Key));
    }

    /// <summary><c>aws:TagKeys</c> of an untagging request.</summary>
    public static void AddUntagKeys(RequestContext context, IReadOnlyList<string> keys) => context.SetList("aws:TagKeys", keys);

    public static void AddPolicyArn(RequestContext context, string? policyArn)
    {
        if (policyArn is not null)
        {
            context.Set("iam:PolicyARN", policyArn);
        }
    }

    public static void AddBoundary(RequestContext context, string? boundaryArn)
    {
        if (boundaryArn is not null)
        {
            context.Set("iam:PermissionsBoundary", boundaryArn);
        }
    }
}
