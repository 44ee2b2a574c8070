using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Credentials;

/// <summary>A tag of a role session: passed to AssumeRole, or inherited as transitive from the calling session.</summary>
public sealed record SessionTag(string Key, string Value, bool Transitive);

/// <summary>
/// AWS's rules for the tags of a new role session, checked after the model's constraints: keys are
/// case-insensitive (two may not differ only in case), transitive keys must name passed tags, and a
/// session of a role chain inherits the calling session's transitive tags, which no passed tag may
/// override.
/// </summary>
public static class SessionTagRules
{
    public const string DuplicateKeys = "Duplicate tag keys found. Please note that Tag keys are case insensitive.";
    public const string TransitiveKeyNotPassed = "The specified transitive tag key must be included in the requested tags.";
    public const string ConflictsWithCallingSession =
        "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.";

    public const string ReservedPrefix = "Tag keys beginning with aws: are reserved for system use.";

    /// <summary>The new session's tags: the passed ones (transitive when their key is listed), then the inherited transitive ones.</summary>
    public static IReadOnlyList<SessionTag> ForNewSession(IReadOnlyList<TagInput> passed, IReadOnlyList<string> transitiveKeys, IReadOnlyList<SessionTag> callerTags)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in passed)
        {
            if (!keys.Add(tag.Key))
            {
                throw Invalid(DuplicateKeys);
            }
        }

        if (passed.Any(t => t.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            throw Invalid(ReservedPrefix);
        }

        if (transitiveKeys.Any(k => !keys.Contains(k)))
        {
            throw Invalid(TransitiveKeyNotPassed);
        }

        var inherited = callerTags.Where(t => t.Transitive).ToList();
        if (inherited.Any(t => keys.Contains(t.Key)))
        {
            throw Invalid(ConflictsWithCallingSession);
        }

        var transitive = new HashSet<string>(transitiveKeys, StringComparer.OrdinalIgnoreCase);
        return [.. passed.Select(t => new SessionTag(t.Key, t.Value, transitive.Contains(t.Key))), .. inherited];
    }

    private static IamException Invalid(string message) => new(IamErrorCode.InvalidParameterValue, message);
}
