namespace LocalIam.Policy.Evaluation;

/// <summary>
/// The ARN condition operators' matching: each of the six colon-separated parts is matched on its
/// own, case-sensitively, so a <c>*</c> never spans a colon (unlike StringLike).
/// </summary>
internal static class ArnParts
{
    private const int Parts = 6;

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> value, EvaluationBudget? budget)
    {
        for (var part = 0; part < Parts; part++)
        {
            var last = part == Parts - 1;
            var patternEnd = last ? pattern.Length : pattern.IndexOf(':');
            var valueEnd = last ? value.Length : value.IndexOf(':');
            if (patternEnd < 0 || valueEnd < 0)
            {
                return false;
            }

            var literalPart = literal.IsEmpty ? literal : literal[..patternEnd];
            if (!Wildcard.IsMatch(pattern[..patternEnd], literalPart, value[..valueEnd], ignoreCase: false, budget))
            {
                return false;
            }

            if (!last)
            {
                pattern = pattern[(patternEnd + 1)..];
                literal = literal.IsEmpty ? literal : literal[(patternEnd + 1)..];
                value = value[(valueEnd + 1)..];
            }
        }

        return true;
    }
}
