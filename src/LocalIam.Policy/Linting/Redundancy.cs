using System.Globalization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Linting;

/// <summary>
/// REDUNDANT_ACTION and REDUNDANT_RESOURCE: an entry another entry of the same statement already
/// covers (a repeat, or a pattern such as <c>s3:*</c> over <c>s3:GetObject</c>). Entries are
/// compared within their service only (a service wildcard against all), so AWS's largest managed
/// policies, thousands of actions in one statement, stay fast. Entries whose service has a wildcard
/// are compared with every entry, so a statement of thousands of them would cost their square: the
/// comparisons of one statement are bounded by <see cref="ComparisonAllowance"/>, past which the
/// rest of its entries are not examined (a suggestion left out, never a wrong finding).
/// </summary>
internal static class Redundancy
{
    /// <summary>
    /// Work per statement and element, in characters compared plus <see cref="ComparisonCost"/> a
    /// comparison: several times what AWS's largest managed policies need, some tens of milliseconds.
    /// </summary>
    public const long ComparisonAllowance = 8_000_000;

    private const int ComparisonCost = 32;

    public static void ReportActions(LintContext context, IReadOnlyList<SpannedString> actions) =>
        Report(context, "REDUNDANT_ACTION", "redundantActionCount", "redundantAction", actions, ignoreCase: true, GroupOfAction);

    public static void ReportResources(LintContext context, IReadOnlyList<SpannedString> resources) =>
        Report(context, "REDUNDANT_RESOURCE", "redundantResourceCount", "redundantResource", resources, ignoreCase: false, GroupOfResource);

    private static void Report(
        LintContext context, string code, string countName, string exampleName, IReadOnlyList<SpannedString> entries, bool ignoreCase, Func<string, string> groupOf)
    {
        if (entries.Count < 2)
        {
            return;
        }

        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var redundant = new List<SpannedString>();
        var seen = new HashSet<string>(comparer);

        // Only a pattern covers another entry (a repeat is found by `seen`), so the rivals of an
        // entry are the patterns of its group and of the wildcard group, or every pattern for an
        // entry of the wildcard group.
        var patterns = entries.Select((e, i) => (Entry: e, Index: i)).Where(e => Wildcard.HasWildcards(e.Entry.Value)).ToList();
        var groups = patterns.ToLookup(e => groupOf(e.Entry.Value), comparer);
        var wildcardGroup = groups[Star];
        var allowance = ComparisonAllowance;
        for (var i = 0; i < entries.Count && allowance > 0; i++)
        {
            var entry = entries[i];
            if (!seen.Add(entry.Value))
            {
                redundant.Add(entry);
                continue;
            }

            var group = groupOf(entry.Value);
            foreach (var (rival, j) in group == Star ? patterns : groups[group].Concat(wildcardGroup))
            {
                if (j == i)
                {
                    continue;
                }

                allowance -= ComparisonCost + rival.Value.Length + entry.Value.Length;
                if (allowance <= 0)
                {
                    break;
                }

                if (Covers(rival.Value, entry.Value, ignoreCase) && !(Covers(entry.Value, rival.Value, ignoreCase) && j > i))
                {
                    redundant.Add(entry);
                    break;
                }
            }
        }

        if (redundant.Count > 0)
        {
            context.Report(code, [.. redundant.Select(r => r.Span)],
                (countName, redundant.Count.ToString(CultureInfo.InvariantCulture)), (exampleName, redundant[0].Value));
        }
    }

    private const string Star = "*";

    /// <summary>
    /// Whether every value <paramref name="narrow"/> stands for is one <paramref name="wide"/> stands for.
    /// Sound for a wide pattern of stars only (each star of the narrow one falls inside one of them);
    /// a wide pattern with <c>?</c> covers only plain values.
    /// </summary>
    private static bool Covers(string wide, string narrow, bool ignoreCase)
    {
        if (wide == Star)
        {
            return narrow != Star;
        }

        if (!Wildcard.HasWildcards(wide) || (wide.Contains('?', StringComparison.Ordinal) && Wildcard.HasWildcards(narrow)))
        {
            return false;
        }

        return !string.Equals(wide, narrow, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            && Wildcard.IsMatch(wide, narrow, ignoreCase);
    }

    private static string GroupOfAction(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var service = colon < 0 ? action : action[..colon];
        return Wildcard.HasWildcards(service) ? Star : service;
    }

    private static string GroupOfResource(string resource)
    {
        var parts = resource.Split(':', 4);
        if (parts.Length < 3)
        {
            return Star;
        }

        var head = $"{parts[0]}:{parts[1]}:{parts[2]}";
        return Wildcard.HasWildcards(head) ? Star : head;
    }
}
