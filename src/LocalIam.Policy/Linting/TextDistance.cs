namespace LocalIam.Policy.Linting;

/// <summary>The nearest known name to a misspelt one, for Access Analyzer's "Did you mean ...?".</summary>
internal static class TextDistance
{
    /// <summary>
    /// Edit-distance table cells one lint may fill: each misspelt action costs up to its service's
    /// actions times 128 squared, so a document of thousands of them is cut off here (a fraction of a second).
    /// </summary>
    public const long CellsPerLint = 20_000_000;

    private const int MaxLength = 128;

    /// <summary>
    /// The candidate with the fewest edits (ignoring case), if it is close enough to be a likely
    /// meaning; null also when <paramref name="budget"/> runs out, rather than a suggestion that may not be the closest.
    /// </summary>
    public static string? Closest(string text, IEnumerable<string> candidates, LintBudget budget)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return null;
        }

        string? best = null;
        var bestDistance = Math.Max(2, text.Length / 3) + 1;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - text.Length) >= bestDistance || candidate.Length > MaxLength)
            {
                continue;
            }

            if (!budget.TrySpend((long)text.Length * candidate.Length))
            {
                return null;
            }

            var distance = Distance(text, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return previous[b.Length];
    }
}

/// <summary>What one lint may still spend on a costly check (suggestions, catalogue scans); once spent, the check is left out.</summary>
internal sealed class LintBudget(long units)
{
    public long Remaining { get; private set; } = units;

    public bool TrySpend(long units)
    {
        if (units > Remaining)
        {
            Remaining = 0;
            return false;
        }

        Remaining -= units;
        return true;
    }
}
