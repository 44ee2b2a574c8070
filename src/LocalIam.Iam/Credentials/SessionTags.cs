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
    /// <summary>The new session's tags: the passed ones (transitive when their key is listed), then the inherited transitive ones.</summary>
    public static IReadOnlyList<SessionTag> ForNewSession(IReadOnlyList<TagInput> passed, IReadOnlyList<string> transitiveKeys, IReadOnlyList<SessionTag> callerTags)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in passed)
        {
            if (!keys.Add(tag.Key))
            {
                throw StsErrors.SessionTagKeysDuplicate();
            }
        }

        if (passed.Any(t => t.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            throw StsErrors.SessionTagKeyReserved();
        }

        if (transitiveKeys.Any(k => !keys.Contains(k)))
        {
            throw StsErrors.TransitiveTagKeyNotPassed();
        }

        var inherited = callerTags.Where(t => t.Transitive).ToList();
        if (inherited.Any(t => keys.Contains(t.Key)))
        {
            throw StsErrors.TransitiveTagKeyConflict();
        }

        var transitive = new HashSet<string>(transitiveKeys, StringComparer.OrdinalIgnoreCase);
        return [.. passed.Select(t => new SessionTag(t.Key, t.Value, transitive.Contains(t.Key))), .. inherited];
    }
}
