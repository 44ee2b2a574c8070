namespace LocalIam.Policy.Evaluation;

/// <summary>
/// IAM's wildcard match: <c>*</c> is any run of characters (slashes and colons included), <c>?</c>
/// exactly one. Greedy with one remembered star, so the cost is bounded by pattern x text and
/// never explodes the way a backtracking regex can.
/// </summary>
public static class Wildcard
{
    public static bool HasWildcards(ReadOnlySpan<char> pattern) => pattern.IndexOfAny('*', '?') >= 0;

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase) =>
        IsMatch(pattern, [], text, ignoreCase);

    /// <summary>
    /// As above, but where <paramref name="literal"/> is true for a position, a <c>*</c> or <c>?</c>
    /// there is an ordinary character (it came from a policy variable or <c>${*}</c>).
    /// An empty <paramref name="literal"/> means every position may be a wildcard.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase)
    {
        var p = 0;
        var t = 0;
        var starP = -1;
        var starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*' && !IsLiteral(literal, p))
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && ((pattern[p] == '?' && !IsLiteral(literal, p)) || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*' && !IsLiteral(literal, p))
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsLiteral(ReadOnlySpan<bool> literal, int index) => !literal.IsEmpty && literal[index];

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
