using System.Globalization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Linting;

/// <summary>
/// REDUNDANT_ACTION and REDUNDANT_RESOURCE: an entry another entry of the same statement already
/// covers (a repeat, or a pattern such as <c>s3:*</c> over <c>s3:GetObject</c>). Entries are
/// compared within their service only (a service wildcard against all), so AWS's largest managed
/// policies, thousands of actions in one statement, stay fast.
/// </summary>
internal static class Redundancy
{
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
        var groups = entries.Select((e, i) => (Entry: e, Index: i)).ToLookup(e => groupOf(e.Entry.Value), comparer);
        var wildcardGroup = groups[Star];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!seen.Add(entry.Value))
            {
                redundant.Add(entry);
                continue;
            }

            var group = groupOf(entry.Value);
            var rivals = group == Star ? entries.Select((e, j) => (Entry: e, Index: j)) : groups[group].Concat(wildcardGroup);
            if (rivals.Any(r => r.Index != i && Covers(r.Entry.Value, entry.Value, ignoreCase) && !(Covers(entry.Value, r.Entry.Value, ignoreCase) && r.Index > i)))
            {
                redundant.Add(entry);
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
