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

    private static JsonSyntax? Step(JsonSyntax node, SourceSpan target, List<PathElement> path)
    {
        switch (node)
        {
            case JsonObjectSyntax obj:
                foreach (var property in obj.Properties)
                {
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
                }

                return null;
            case JsonArraySyntax array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (Contains(array.Items[i].Span, target))
                    {
                        path.Add(PathElement.AtIndex(i));
                        return array.Items[i];
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Same(SourceSpan a, SourceSpan b) => a.Offset == b.Offset && a.Length == b.Length;

    private static bool Contains(SourceSpan outer, SourceSpan inner) =>
        inner.Offset >= outer.Offset && inner.Offset + Math.Max(inner.Length, 1) <= outer.Offset + Math.Max(outer.Length, 1);
}
