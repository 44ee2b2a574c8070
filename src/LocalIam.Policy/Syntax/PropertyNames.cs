using System.Text;
using System.Text.Json;
using LocalIam.Policy.Evaluation.Conditions;

namespace LocalIam.Policy.Syntax;

/// <summary>
/// Reads names and string values without a new string for the words every policy repeats: element
/// names (<c>Effect</c>, <c>Action</c> ...), principal types, condition operators, and the value
/// <c>*</c>. Anything else, or anything escaped, is read as <see cref="Utf8JsonReader.GetString"/> reads it.
/// </summary>
internal static class PropertyNames
{
    private const int LongestKnown = 64;

    private static readonly HashSet<string> Known = KnownNames();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Read(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= LongestKnown && Ascii.IsValid(reader.ValueSpan))
        {
            Span<char> chars = stackalloc char[LongestKnown];
            Ascii.ToUtf16(reader.ValueSpan, chars, out var written);
            return KnownBySpan.TryGetValue(chars[..written], out var known) ? known : new string(chars[..written]);
        }

        return reader.GetString()!;
    }

    public static string ReadValue(ref Utf8JsonReader reader) =>
        !reader.HasValueSequence && reader.ValueSpan is [(byte)'*'] ? "*" : reader.GetString()!;

    private static HashSet<string> KnownNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            "Version", "Id", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
            "Principal", "NotPrincipal", "Condition", "AWS", "Service", "Federated", "CanonicalUser",
        };
        foreach (var op in ConditionOperatorTable.Operators.Keys)
        {
            foreach (var qualified in new[] { op, "ForAllValues:" + op, "ForAnyValue:" + op })
            {
                names.Add(qualified);
                names.Add(qualified + "IfExists");
            }
        }

        return names;
    }
}
