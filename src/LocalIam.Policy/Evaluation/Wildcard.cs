using System.Buffers;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// IAM's wildcard match: <c>*</c> is any run of characters (slashes and colons included), <c>?</c>
/// exactly one. The pattern is cut at its stars; the part before the first star must start the
/// text, the part after the last must end it, and each part between is found at its leftmost place
/// after the one before (leftmost is always right for <c>*</c>/<c>?</c> globs: a later place only
/// leaves less text for the rest). Literal parts are found with the vectorized
/// <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>, falling back to a
/// linear search when retries add up, so a case-sensitive match costs about pattern + text, never
/// their product. Allocation-free.
/// </summary>
public static class Wildcard
{
    /// <summary>Literal parts up to this length are searched with IndexOf alone: its retries cost at most this much each.</summary>
    private const int ShortPart = 64;

    /// <summary>What one search for a part is counted as before the characters it compares.</summary>
    private const int CallWork = 64;

    public static bool HasWildcards(ReadOnlySpan<char> pattern) => pattern.IndexOfAny('*', '?') >= 0;

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase) =>
        IsMatch(pattern, [], text, ignoreCase, budget: null);

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase) =>
        IsMatch(pattern, literal, text, ignoreCase, budget: null);

    /// <summary>
    /// As above, but where <paramref name="literal"/> is true for a position, a <c>*</c> or <c>?</c>
    /// there is an ordinary character (it came from a policy variable or <c>${*}</c>).
    /// An empty <paramref name="literal"/> means every position may be a wildcard. The work done is
    /// charged to <paramref name="budget"/> when there is one.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase, EvaluationBudget? budget)
    {
        var firstStar = NextStar(pattern, literal, 0);
        if (firstStar < 0)
        {
            budget?.Spend(pattern.Length + 1);
            return pattern.Length == text.Length && MatchesAt(pattern, literal, text, ignoreCase);
        }

        var lastStar = LastStar(pattern, literal);
        var head = pattern[..firstStar];
        var tail = pattern[(lastStar + 1)..];
        budget?.Spend(head.Length + tail.Length + 1);
        if (head.Length + tail.Length > text.Length
            || !MatchesAt(head, Slice(literal, 0, head.Length), text[..head.Length], ignoreCase)
            || !MatchesAt(tail, Slice(literal, lastStar + 1, tail.Length), text[^tail.Length..], ignoreCase))
        {
            return false;
        }

        // The parts between the first and the last star, each at its leftmost place in what is left.
        var window = text[head.Length..^tail.Length];
        var at = firstStar + 1;
        while (at < lastStar)
        {
            var star = NextStar(pattern, literal, at);
            var part = pattern[at..star];
            if (part.Length > 0)
            {
                var found = Find(part, Slice(literal, at, part.Length), window, ignoreCase, budget);
                if (found < 0)
                {
                    return false;
                }

                window = window[(found + part.Length)..];
            }

            at = star + 1;
        }

        return true;
    }

    /// <summary>The leftmost place of <paramref name="part"/> (no stars; perhaps <c>?</c>) in <paramref name="text"/>, or -1.</summary>
    private static int Find(ReadOnlySpan<char> part, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase, EvaluationBudget? budget)
    {
        // A call costs about as much as comparing a few characters, whatever it finds.
        budget?.Spend(CallWork);
        if (part.Length > text.Length)
        {
            return -1;
        }

        if (part.Length == 1 && !ignoreCase && (part[0] != '?' || IsLiteral(literal, 0)))
        {
            var single = text.IndexOf(part[0]);
            budget?.Spend(single < 0 ? text.Length : single + 1);
            return single;
        }

        if (!ignoreCase && !HasQuestionMark(part, literal))
        {
            return FindLiteral(part, text, budget);
        }

        // `?` or case folding: try each place whose first fixed character fits. Such parts are short
        // in practice; the budget is charged for every character compared.
        var anchor = FirstFixed(part, literal);
        var skip = anchor >= 0 && (!ignoreCase || char.IsAscii(char.ToUpperInvariant(part[anchor])));
        for (var start = 0; start <= text.Length - part.Length; start++)
        {
            if (skip)
            {
                var window = text[(start + anchor)..(text.Length - part.Length + anchor + 1)];
                var next = ignoreCase ? IndexOfFolded(window, part[anchor]) : window.IndexOf(part[anchor]);
                budget?.Spend(next < 0 ? text.Length - start : next + 1);
                if (next < 0)
                {
                    return -1;
                }

                start += next;
            }

            budget?.Spend(part.Length);
            if (MatchesAt(part, literal, text.Slice(start, part.Length), ignoreCase))
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first character equal to <paramref name="c"/> ignoring case, for a <paramref name="c"/>
    /// whose upper case is ASCII: its two ASCII cases, and the two other characters whose upper case
    /// is an ASCII letter (dotless ı is I, long ſ is S).
    /// </summary>
    private static int IndexOfFolded(ReadOnlySpan<char> text, char c)
    {
        var upper = char.ToUpperInvariant(c);
        var lower = char.ToLowerInvariant(upper);
        return upper switch
        {
            'I' => text.IndexOfAny('I', 'i', '\u0131'),
            'S' => text.IndexOfAny('S', 's', '\u017F'),
            _ when upper == lower => text.IndexOf(upper),
            _ => text.IndexOfAny(upper, lower),
        };
    }

    /// <summary>Exact search: IndexOf, which is vectorized; a long part whose retries add up switches to a linear search.</summary>
    private static int FindLiteral(ReadOnlySpan<char> part, ReadOnlySpan<char> text, EvaluationBudget? budget)
    {
        if (part.Length <= ShortPart)
        {
            var found = text.IndexOf(part);
            budget?.Spend((found < 0 ? text.Length : found + part.Length) + part.Length);
            return found;
        }

        var head = part[..ShortPart];
        var rest = part[ShortPart..];
        long retries = 0;
        var from = 0;
        while (true)
        {
            var found = text[from..].IndexOf(head);
            budget?.Spend(found < 0 ? text.Length - from : found + ShortPart);
            if (found < 0 || from + found + part.Length > text.Length)
            {
                return -1;
            }

            var start = from + found;
            budget?.Spend(rest.Length);
            if (text.Slice(start + ShortPart, rest.Length).SequenceEqual(rest))
            {
                return start;
            }

            retries += rest.Length;
            if (retries > text.Length)
            {
                var linear = Kmp(part, text[(start + 1)..], budget);
                return linear < 0 ? -1 : start + 1 + linear;
            }

            from = start + 1;
        }
    }

    /// <summary>Knuth-Morris-Pratt: text + part comparisons whatever the input; the table is rented, not allocated.</summary>
    private static int Kmp(ReadOnlySpan<char> part, ReadOnlySpan<char> text, EvaluationBudget? budget)
    {
        budget?.Spend(2L * (part.Length + text.Length));
        var rented = ArrayPool<int>.Shared.Rent(part.Length);
        try
        {
            var fallback = rented.AsSpan(0, part.Length);
            fallback[0] = 0;
            for (int i = 1, k = 0; i < part.Length; i++)
            {
                while (k > 0 && part[i] != part[k])
                {
                    k = fallback[k - 1];
                }

                if (part[i] == part[k])
                {
                    k++;
                }

                fallback[i] = k;
            }

            for (int i = 0, k = 0; i < text.Length; i++)
            {
                while (k > 0 && text[i] != part[k])
                {
                    k = fallback[k - 1];
                }

                if (text[i] == part[k] && ++k == part.Length)
                {
                    return i - part.Length + 1;
                }
            }

            return -1;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Does <paramref name="part"/> (no stars) match <paramref name="text"/> of the same length?</summary>
    private static bool MatchesAt(ReadOnlySpan<char> part, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase)
    {
        if (!ignoreCase && !HasQuestionMark(part, literal))
        {
            return part.SequenceEqual(text);
        }

        for (var i = 0; i < part.Length; i++)
        {
            if (!(part[i] == '?' && !IsLiteral(literal, i)) && !Same(part[i], text[i], ignoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static int NextStar(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, int from)
    {
        if (literal.IsEmpty)
        {
            var star = pattern[from..].IndexOf('*');
            return star < 0 ? -1 : from + star;
        }

        while (true)
        {
            var star = pattern[from..].IndexOf('*');
            if (star < 0)
            {
                return -1;
            }

            if (!IsLiteral(literal, from + star))
            {
                return from + star;
            }

            from += star + 1;
        }
    }

    private static int LastStar(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal)
    {
        var end = pattern.Length;
        while (true)
        {
            var star = pattern[..end].LastIndexOf('*');
            if (star < 0 || !IsLiteral(literal, star))
            {
                return star;
            }

            end = star;
        }
    }

    private static bool HasQuestionMark(ReadOnlySpan<char> part, ReadOnlySpan<bool> literal)
    {
        var from = 0;
        while (true)
        {
            var mark = part[from..].IndexOf('?');
            if (mark < 0)
            {
                return false;
            }

            if (!IsLiteral(literal, from + mark))
            {
                return true;
            }

            from += mark + 1;
        }
    }

    /// <summary>The first position that is not a <c>?</c> wildcard, or -1.</summary>
    private static int FirstFixed(ReadOnlySpan<char> part, ReadOnlySpan<bool> literal)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] != '?' || IsLiteral(literal, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static ReadOnlySpan<bool> Slice(ReadOnlySpan<bool> literal, int start, int length) =>
        literal.IsEmpty ? literal : literal.Slice(start, length);

    private static bool IsLiteral(ReadOnlySpan<bool> literal, int index) => !literal.IsEmpty && literal[index];

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
