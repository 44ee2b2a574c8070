namespace LocalIam.Policy.Linting;

/// <summary>Policy variables (<c>${aws:username}</c>, <c>${aws:username, 'default'}</c>) as Access Analyzer checks their syntax.</summary>
internal static class Variables
{
    /// <summary>The first <c>${...}</c> in a value, or null.</summary>
    public static string? First(string value)
    {
        var open = value.IndexOf("${", StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var close = value.IndexOf('}', open);
        return close < 0 ? value[open..] : value[open..(close + 1)];
    }

    /// <summary>The issue code of the first malformed variable in a value, or null when every variable is well formed.</summary>
    public static string? Problem(string value)
    {
        var at = 0;
        while ((at = value.IndexOf("${", at, StringComparison.Ordinal)) >= 0)
        {
            var close = value.IndexOf('}', at);
            if (close < 0)
            {
                return "MISSING_BRACE_IN_VARIABLE";
            }

            var body = value[(at + 2)..close];
            if (body.Trim().Length == 0)
            {
                return "EMPTY_VARIABLE";
            }

            // ${*}, ${?} and ${$} are IAM's escapes for the characters themselves.
            if (body is not ("*" or "?" or "$"))
            {
                var comma = body.IndexOf(',', StringComparison.Ordinal);
                var name = comma < 0 ? body : body[..comma];
                if (name.Contains(' ', StringComparison.Ordinal))
                {
                    return "UNSUPPORTED_SPACE_IN_VARIABLE";
                }

                if (comma >= 0 && body[(comma + 1)..].Trim() is var fallback && (fallback.Length < 2 || fallback[0] != '\'' || fallback[^1] != '\''))
                {
                    return "MISSING_QUOTE_IN_VARIABLE";
                }
            }

            at = close + 1;
        }

        return null;
    }
}
