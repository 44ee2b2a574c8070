using LocalIam.Iam.Tags;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Server.Api.Iam;

/// <summary>Shared readers for parameters many IAM operations take (tags and their condition keys).</summary>
internal static class RequestParameters
{
    public static List<TagInput> Tags(this IamCall call) =>
        [.. call.Query.GetStructures("Tags").Select(t => new TagInput(t.GetValueOrDefault("Key") ?? string.Empty, t.GetValueOrDefault("Value") ?? string.Empty))];

    /// <summary><c>aws:RequestTag/KEY</c> for each tag and <c>aws:TagKeys</c>, as AWS sets them for tagging requests.</summary>
    public static void AddTagKeys(IamCall call, RequestContext context)
    {
        var tags = call.Tags();
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

    public static void AddPolicyArn(IamCall call, RequestContext context)
    {
        if (call.Query.Get("PolicyArn") is { } arn)
        {
            context.Set("iam:PolicyARN", arn);
        }
    }

    public static void AddBoundary(IamCall call, RequestContext context)
    {
        if (call.Query.Get("PermissionsBoundary") is { } arn)
        {
            context.Set("iam:PermissionsBoundary", arn);
        }
    }
}
