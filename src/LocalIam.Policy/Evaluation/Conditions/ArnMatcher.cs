namespace LocalIam.Policy.Evaluation.Conditions;

/// <summary>
/// The ARN condition operators: each of the six colon-separated parts is matched on its own,
/// case-sensitively, so a <c>*</c> never spans a colon (unlike StringLike).
/// </summary>
internal static class ArnMatcher
{
    private const int Parts = 6;

    public static bool IsMatch(Template pattern, string value, RequestContext context)
    {
        var resolved = pattern.HasVariables ? pattern.Resolve(context) : pattern.Text;
        if (resolved is null)
        {
            return false;
        }

        var patternAt = 0;
        var valueAt = 0;
        for (var part = 0; part < Parts; part++)
        {
            var patternEnd = part == Parts - 1 ? resolved.Length : resolved.IndexOf(':', patternAt);
            var valueEnd = part == Parts - 1 ? value.Length : value.IndexOf(':', valueAt);
            if (patternEnd < 0 || valueEnd < 0)
            {
                return false;
            }

            if (!Wildcard.IsMatch(resolved.AsSpan(patternAt, patternEnd - patternAt), value.AsSpan(valueAt, valueEnd - valueAt), ignoreCase: false))
            {
                return false;
            }

            patternAt = patternEnd + 1;
            valueAt = valueEnd + 1;
        }

        return true;
    }
}
