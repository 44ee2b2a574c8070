using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Tags;

/// <summary>
/// Tags kept inside an account object's JSON record (MFA devices, identity providers, server
/// certificates): IAM's rules from <see cref="TagRules"/>, keys matched case-insensitively.
/// </summary>
public static class RecordTags
{
    /// <summary>Adds or overwrites tags; the entity may end with at most 50.</summary>
    public static List<TagInput> Merge(IReadOnlyList<TagInput> current, IReadOnlyList<TagInput> tags)
    {
        TagRules.Validate(tags);
        var merged = current.ToList();
        foreach (var tag in tags)
        {
            var index = merged.FindIndex(t => string.Equals(t.Key, tag.Key, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                merged[index] = tag;
            }
            else
            {
                merged.Add(tag);
            }
        }

        if (merged.Count > Quotas.TagsPerEntity.Limit)
        {
            throw IamErrors.TooManyTags();
        }

        return merged;
    }

    public static List<TagInput> Remove(IReadOnlyList<TagInput> current, IReadOnlyList<string> keys)
    {
        TagRules.ValidateKeys(keys);
        return [.. current.Where(t => !keys.Contains(t.Key, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>One page of tags in IAM's order (by key, ordinal and case-sensitive), as every List*Tags operation returns them.</summary>
    public static Page<TagInput> Page(IReadOnlyList<TagInput> tags, string? marker, int? maxItems) =>
        Objects.ObjectPages.Of(tags, t => t.Key, marker, maxItems);
}
