using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Simulation;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Analysis;

/// <summary>
/// The lines of a statement's policy to print with it: the statement's own lines and one around
/// it; for a statement of hundreds of lines (ReadOnlyAccess), its head, the lines of the action
/// patterns that name the action, and its tail. A policy stored on one line is shown as its
/// statement, indented.
/// </summary>
internal sealed class PolicyLines(IReadOnlyDictionary<string, PolicySource> sources)
{
    private const int LongStatement = 40;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public StatementReport Report(CompiledStatement statement, string role, RequestAction action, ConditionMiss? failed)
    {
        var source = sources.GetValueOrDefault(statement.Policy.Id);
        var policy = source is null
            ? new PolicyReference(statement.Policy.Id, statement.Policy.Id, statement.Policy.Kind.ToString(), [])
            : new PolicyReference(source.Name, source.Id, PolicyPaths.Kind(source), PolicyPaths.Describe(source));
        var span = statement.Span;
        var document = source?.Document ?? string.Empty;
        var (endLine, _) = StatementPositions.PositionAt(document, span.Offset + span.Length);
        var lines = document.Length == 0 ? [] : Lines(document, statement, action, span.Line, endLine);
        return new StatementReport(policy, WhoCan.StatementLabel(statement), statement.Effect.ToString(), role, span.Line, endLine, lines)
        {
            FailedCondition = failed,
        };
    }

    private static List<PolicyLine> Lines(string document, CompiledStatement statement, RequestAction action, int startLine, int endLine)
    {
        var all = document.Split('\n');
        if (all.Length == 1)
        {
            return OneLine(document, statement, startLine);
        }

        var first = Math.Max(1, startLine - 1);
        var last = Math.Min(all.Length, endLine + 1);
        var shown = new SortedSet<int>();
        if (endLine - startLine < LongStatement)
        {
            for (var n = first; n <= last; n++)
            {
                shown.Add(n);
            }
        }
        else
        {
            for (var n = first; n <= Math.Min(last, startLine + 3); n++)
            {
                shown.Add(n);
            }

            foreach (var value in statement.Source.Actions?.Values ?? [])
            {
                if (new ActionPattern(value.Value).Matches(action, null) && shown.Count < LongStatement)
                {
                    shown.Add(value.Span.Line);
                }
            }

            for (var n = Math.Max(first, endLine - 2); n <= last; n++)
            {
                shown.Add(n);
            }
        }

        var result = new List<PolicyLine>();
        var previous = 0;
        foreach (var n in shown)
        {
            if (previous > 0 && n > previous + 1)
            {
                result.Add(new PolicyLine(0, "…", true));
            }

            result.Add(new PolicyLine(n, all[n - 1].TrimEnd('\r'), n >= startLine && n <= endLine));
            previous = n;
        }

        return result;
    }

    /// <summary>A compact document: the statement's own text, indented, so it can be read.</summary>
    private static List<PolicyLine> OneLine(string document, CompiledStatement statement, int line)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var span = statement.Span;
        var text = span.Offset >= 0 && span.Offset + span.Length <= bytes.Length ? Encoding.UTF8.GetString(bytes, span.Offset, span.Length) : document;
        try
        {
            text = JsonNode.Parse(text)?.ToJsonString(Indented) ?? text;
        }
        catch (JsonException)
        {
            // The span is not a JSON value on its own: show it as stored.
        }

        return [.. text.Split('\n').Select(l => new PolicyLine(line, l, true))];
    }
}
