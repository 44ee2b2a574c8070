using System.Buffers;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// A resource pattern or condition value that may hold policy variables (<c>${aws:username}</c>,
/// <c>${aws:PrincipalTag/team, 'default'}</c>, <c>${*}</c>). Parsed once; at evaluation the
/// variables are resolved into a stack buffer, never a new string.
/// </summary>
public sealed class Template
{
    private const int StackLimit = 256;

    private readonly Part[] _parts;

    // Wildcard stars written in the policy: a resolved pattern with more other characters than the
    // text has cannot match it, so it is never built (a variable may hold a very long value).
    private readonly int _wildcardStars;

    private Template(string text, Part[] parts, bool hasVariables)
    {
        Text = text;
        _parts = parts;
        HasVariables = hasVariables;
        foreach (var part in parts)
        {
            _wildcardStars += part.Kind == PartKind.Pattern ? part.Value.AsSpan().Count('*') : 0;
        }
    }

    public string Text { get; }

    /// <summary>True when the value depends on the request (it holds a policy variable).</summary>
    public bool HasVariables { get; }

    public bool IsMatchAll => !HasVariables && Text == "*";

    /// <summary>The context keys the value's policy variables read (<c>aws:username</c> for <c>${aws:username}</c>), in order.</summary>
    public IEnumerable<string> VariableKeys => _parts.Where(p => p.Kind == PartKind.Variable).Select(p => p.Value);

    /// <summary>Reads <paramref name="text"/>; without 2012-10-17 (<paramref name="variablesEnabled"/> false) <c>${...}</c> is plain text.</summary>
    public static Template Parse(string text, bool variablesEnabled)
    {
        if (!variablesEnabled || !text.Contains("${", StringComparison.Ordinal))
        {
            return new Template(text, [new Part(PartKind.Pattern, text, null)], hasVariables: false);
        }

        var parts = new List<Part>();
        var hasVariables = false;
        var start = 0;
        while (start < text.Length)
        {
            var open = text.IndexOf("${", start, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
            {
                parts.Add(new Part(PartKind.Pattern, text[start..], null));
                break;
            }

            if (open > start)
            {
                parts.Add(new Part(PartKind.Pattern, text[start..open], null));
            }

            var body = text[(open + 2)..close];
            switch (body)
            {
                case "*" or "?" or "$":
                    parts.Add(new Part(PartKind.Literal, body, null));
                    break;
                default:
                    parts.Add(ParseVariable(body));
                    hasVariables = true;
                    break;
            }

            start = close + 1;
        }

        return new Template(text, [.. parts], hasVariables);
    }

    /// <summary>Glob match: <c>*</c> and <c>?</c> written in the policy are wildcards; those from variables are not.</summary>
    public bool IsLike(ReadOnlySpan<char> text, RequestContext context, bool ignoreCase)
    {
        if (!HasVariables && _parts.Length == 1 && _parts[0].Kind == PartKind.Pattern)
        {
            return Wildcard.IsMatch(Text, [], text, ignoreCase, context.Budget);
        }

        return WithResolved(context, text, text.Length + (long)_wildcardStars, ignoreCase,
            static (pattern, literal, value, ignore, budget) => Wildcard.IsMatch(pattern, literal, value, ignore, budget));
    }

    /// <summary>Exact comparison of the resolved value with <paramref name="text"/>.</summary>
    public bool IsEqual(ReadOnlySpan<char> text, RequestContext context, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        context.Budget?.Spend(Math.Min(text.Length, Text.Length) + 1);
        if (!HasVariables && _parts.Length == 1 && _parts[0].Kind == PartKind.Pattern)
        {
            return text.Equals(Text, comparison);
        }

        return WithResolved(context, text, text.Length, ignoreCase, static (pattern, _, value, ignore, _) =>
            value.Equals(pattern, ignore ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
    }

    /// <summary>
    /// ARN match: the resolved pattern and the value are split at their first five colons and each
    /// part is matched on its own, case-sensitively, so a <c>*</c> never spans a colon.
    /// </summary>
    public bool IsArnLike(ReadOnlySpan<char> text, RequestContext context) =>
        !HasVariables && _parts.Length == 1 && _parts[0].Kind == PartKind.Pattern
            ? ArnParts.IsMatch(Text, [], text, context.Budget)
            : WithResolved(context, text, text.Length + (long)_wildcardStars, ignoreCase: false,
                static (pattern, literal, value, _, budget) => ArnParts.IsMatch(pattern, literal, value, budget));

    /// <summary>The value with variables resolved, for tools and messages; null when a variable cannot be resolved.</summary>
    public string? Resolve(RequestContext context)
    {
        if (!TryMeasure(context, out var measured) || measured > Array.MaxLength)
        {
            return null;
        }

        var length = (int)measured;
        var chars = new char[length];
        Fill(context, chars, new bool[length]);
        return new string(chars);
    }

    private delegate bool Matcher(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase, EvaluationBudget? budget);

    /// <summary>Resolves the variables into a buffer and matches; a value longer than <paramref name="maxLength"/> cannot match and is not built.</summary>
    private bool WithResolved(RequestContext context, ReadOnlySpan<char> text, long maxLength, bool ignoreCase, Matcher matcher)
    {
        // An unresolvable variable makes the value match nothing (AWS treats it as null).
        context.Budget?.Spend(_parts.Length);
        if (!TryMeasure(context, out var measured) || measured > maxLength)
        {
            return false;
        }

        var length = (int)measured;
        context.Budget?.Spend(length);

        char[]? rentedChars = null;
        bool[]? rentedFlags = null;
        var chars = length <= StackLimit ? stackalloc char[length] : (rentedChars = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var literal = length <= StackLimit ? stackalloc bool[length] : (rentedFlags = ArrayPool<bool>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Fill(context, chars, literal);
            return matcher(chars, literal, text, ignoreCase, context.Budget);
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
                ArrayPool<bool>.Shared.Return(rentedFlags!);
            }
        }
    }

    private bool TryMeasure(RequestContext context, out long length)
    {
        length = 0;
        foreach (var part in _parts)
        {
            if (part.Kind != PartKind.Variable)
            {
                length += part.Value.Length;
            }
            else if ((context.GetSingle(part.Value) ?? part.Default) is { } value)
            {
                length += value.Length;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private void Fill(RequestContext context, Span<char> chars, Span<bool> literal)
    {
        var at = 0;
        foreach (var part in _parts)
        {
            var value = part.Kind == PartKind.Variable ? context.GetSingle(part.Value) ?? part.Default! : part.Value;
            value.AsSpan().CopyTo(chars[at..]);
            literal.Slice(at, value.Length).Fill(part.Kind != PartKind.Pattern);
            at += value.Length;
        }
    }

    /// <summary><c>key</c> or <c>key, 'default'</c>.</summary>
    private static Part ParseVariable(string body)
    {
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return new Part(PartKind.Variable, body.Trim(), null);
        }

        var key = body[..comma].Trim();
        var fallback = body[(comma + 1)..].Trim();
        if (fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\'')
        {
            fallback = fallback[1..^1];
        }

        return new Part(PartKind.Variable, key, fallback);
    }

    private enum PartKind
    {
        /// <summary>Policy text: <c>*</c> and <c>?</c> are wildcards.</summary>
        Pattern,

        /// <summary><c>${*}</c>, <c>${?}</c>, <c>${$}</c>: the character itself.</summary>
        Literal,

        /// <summary>A context key whose value is read literally.</summary>
        Variable,
    }

    private readonly record struct Part(PartKind Kind, string Value, string? Default);
}
