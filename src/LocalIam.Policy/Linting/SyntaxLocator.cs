using LocalIam.Policy.Syntax;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Linting;

/// <summary>
/// The path to a span, as Access Analyzer writes it: <c>{value: key}</c> for each object member
/// passed through, <c>{index: i}</c> for each array item, and <c>{key: name}</c> when the span is a
/// key itself (a condition key, an unknown element).
/// </summary>
internal static class SyntaxLocator
{
    public static IReadOnlyList<PathElement> PathTo(JsonSyntax? root, SourceSpan target)
    {
        var path = new List<PathElement>();
        var node = root;
        while (node is not null && !Same(node.Span, target))
        {
            node = Step(node, target, path);
        }

        return path;
    }

    /// <summary>
    /// One level down. Members and items are in document order and do not overlap, so the one that
    /// holds the target is found by binary search: a document of many thousand entries with a
    /// finding on each costs each finding a few steps, not a walk along the list.
    /// </summary>
    private static JsonSyntax? Step(JsonSyntax node, SourceSpan target, List<PathElement> path)
    {
        switch (node)
        {
            case JsonObjectSyntax obj:
                var p = LastStartingAtOrBefore(obj.Properties.Count, i => obj.Properties[i].NameSpan.Offset, target.Offset);
                if (p < 0)
                {
                    return null;
                }

                var property = obj.Properties[p];
                if (Contains(property.NameSpan, target))
                {
                    path.Add(PathElement.AtKey(property.Name));
                    return null;
                }

                if (Contains(property.Value.Span, target))
                {
                    path.Add(PathElement.AtValue(property.Name));
                    return property.Value;
                }

                return null;
            case JsonArraySyntax array:
                var item = LastStartingAtOrBefore(array.Items.Count, i => array.Items[i].Span.Offset, target.Offset);
                if (item >= 0 && Contains(array.Items[item].Span, target))
                {
                    path.Add(PathElement.AtIndex(item));
                    return array.Items[item];
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The member value or item of <paramref name="node"/> that holds <paramref name="target"/>, or null.</summary>
    public static JsonSyntax? ChildHolding(JsonSyntax node, SourceSpan target, Func<SourceSpan, SourceSpan, bool> within)
    {
        switch (node)
        {
            case JsonObjectSyntax obj:
                var p = LastStartingAtOrBefore(obj.Properties.Count, i => obj.Properties[i].NameSpan.Offset, target.Offset);
                return p >= 0 && within(obj.Properties[p].Value.Span, target) ? obj.Properties[p].Value : null;
            case JsonArraySyntax array:
                var item = LastStartingAtOrBefore(array.Items.Count, i => array.Items[i].Span.Offset, target.Offset);
                return item >= 0 && within(array.Items[item].Span, target) ? array.Items[item] : null;
            default:
                return null;
        }
    }

    /// <summary>The last of <paramref name="count"/> entries in offset order that starts at or before <paramref name="offset"/>, or -1.</summary>
    private static int LastStartingAtOrBefore(int count, Func<int, int> startOf, int offset)
    {
        int low = 0, high = count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (startOf(middle) <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private static bool Same(SourceSpan a, SourceSpan b) => a.Offset == b.Offset && a.Length == b.Length;

    private static bool Contains(SourceSpan outer, SourceSpan inner) =>
        inner.Offset >= outer.Offset && inner.Offset + Math.Max(inner.Length, 1) <= outer.Offset + Math.Max(outer.Length, 1);
}
