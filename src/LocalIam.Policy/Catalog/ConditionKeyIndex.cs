namespace LocalIam.Policy.Catalog;

/// <summary>A service's condition keys: plain names in a case-insensitive map, keys with a part to fill in as templates.</summary>
internal sealed class ConditionKeyIndex
{
    private readonly Dictionary<string, IamConditionKey> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IamConditionKey> _templates = [];

    private const int MaxKeyLength = 256;

    public ConditionKeyIndex(IEnumerable<IamConditionKey> keys)
    {
        foreach (var key in keys)
        {
            if (key.IsTemplate)
            {
                _templates.Add(key);
            }
            else
            {
                _exact.TryAdd(key.Name, key);
            }
        }
    }

    public IamConditionKey? Find(string key) =>
        _exact.GetValueOrDefault(key) ?? _templates.FirstOrDefault(t => TemplateMatches(t.Name, key));

    /// <summary>
    /// <c>aws:RequestTag/${TagKey}</c> (or AWS's other spelling, <c>aws:PrincipalTag/tag-key</c>) matches
    /// <c>aws:RequestTag/Project</c>: each part to fill in stands for one or more characters.
    /// </summary>
    public static bool TemplateMatches(string template, string key)
    {
        // A tag key is at most 128 characters; a longer key is no key AWS knows, and the work stays small.
        if (key.Length > MaxKeyLength)
        {
            return false;
        }

        return Matches(Normalize(template).AsSpan(), key.AsSpan());
    }

    /// <summary>The catalogue writes a part to fill in three ways: <c>${TagKey}</c>, <c>&lt;key&gt;</c> and a final <c>/tag-key</c>.</summary>
    internal static string Normalize(string template)
    {
        if (template.EndsWith("/tag-key", StringComparison.Ordinal))
        {
            template = string.Concat(template.AsSpan(0, template.Length - "tag-key".Length), "${TagKey}");
        }

        return template.Replace("<", "${", StringComparison.Ordinal).Replace(">", "}", StringComparison.Ordinal);
    }

    private static bool Matches(ReadOnlySpan<char> template, ReadOnlySpan<char> key)
    {
        var open = template.IndexOf("${", StringComparison.Ordinal);
        if (open < 0)
        {
            return template.Equals(key, StringComparison.OrdinalIgnoreCase);
        }

        if (key.Length <= open || !template[..open].Equals(key[..open], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var close = template[open..].IndexOf('}');
        if (close < 0)
        {
            return false;
        }

        var rest = template[(open + close + 1)..];
        key = key[open..];

        // The placeholder takes at least one character; try each split (keys are short).
        for (var taken = 1; taken <= key.Length; taken++)
        {
            if (Matches(rest, key[taken..]))
            {
                return true;
            }
        }

        return false;
    }
}
