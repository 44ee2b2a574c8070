using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// Compares an answer boto3 parsed with the answer AWS recorded, member by member: every member AWS
/// sent must be there and no other, lists as long, values equal where AWS's do not vary, and
/// placeholders (<c>&lt;role-name:1&gt;</c>) matched by their pattern and bound to one value for the
/// whole recording test. Each difference names the operation, the path and the recording.
/// </summary>
public sealed partial class RecordedShapeComparer(RecordedAnswers data)
{
    /// <summary>Placeholder values seen so far in the recording test being compared.</summary>
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);

    /// <summary>Starts a recording test: its placeholders are bound afresh.</summary>
    public void BeginTest() => _bindings.Clear();

    public List<string> Compare(RecordedAnswer answer, int status, JsonElement actual)
    {
        var differences = new List<string>();
        if (status != answer.Status)
        {
            differences.Add($"HTTP status {status}, AWS recorded {answer.Status}");
        }

        Compare(answer, answer.Expected, actual, string.Empty, differences);
        return [.. differences.Select(d => $"{answer.Operation} {d} ({answer})")];
    }

    private void Compare(RecordedAnswer answer, JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (IsUnchecked(answer, path))
        {
            return;
        }

        if (answer.Documented.TryGetValue(path, out var modelled))
        {
            // The recording and the service model disagree: the model wins (the data says why).
            if (actual.ValueKind != JsonValueKind.String || !modelled.Contains(actual.GetString()!))
            {
                differences.Add($"{path}: {actual.GetRawText()} is not one of the model's values {string.Join(", ", modelled)} (AWS recorded {expected.GetRawText()})");
            }

            return;
        }

        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            differences.Add($"{Shown(path)}: {Kind(actual)} {Excerpt(actual)}, AWS recorded {Kind(expected)} {Excerpt(expected)}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in expected.EnumerateObject())
                {
                    var where = Join(path, member.Name);
                    if (actual.TryGetProperty(member.Name, out var value))
                    {
                        Compare(answer, member.Value, value, where, differences);
                    }
                    else if (!IsUnchecked(answer, where))
                    {
                        differences.Add($"{where}: missing; AWS recorded {Excerpt(member.Value)}");
                    }
                }

                foreach (var member in actual.EnumerateObject())
                {
                    var where = Join(path, member.Name);
                    if (!expected.TryGetProperty(member.Name, out _) && !IsUnchecked(answer, where))
                    {
                        differences.Add($"{where}: {Excerpt(member.Value)} is a member AWS did not send");
                    }
                }

                break;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    differences.Add($"{Shown(path)}: {actualItems.Count} elements, AWS recorded {expectedItems.Count}");
                }

                for (var i = 0; i < Math.Min(expectedItems.Count, actualItems.Count); i++)
                {
                    Compare(answer, expectedItems[i], actualItems[i], $"{path}[{i}]", differences);
                }

                break;
            case JsonValueKind.String:
                if (!Matches(expected.GetString()!, actual.GetString()!))
                {
                    differences.Add($"{Shown(path)}: {actual.GetRawText()}, AWS recorded {expected.GetRawText()}");
                }

                break;
            default:
                if (expected.GetRawText() != actual.GetRawText())
                {
                    differences.Add($"{Shown(path)}: {actual.GetRawText()}, AWS recorded {expected.GetRawText()}");
                }

                break;
        }
    }

    /// <summary>The recorded text with its placeholders as patterns; a match binds the placeholders it saw.</summary>
    private bool Matches(string recorded, string actual)
    {
        var tokens = Placeholder().Matches(recorded);
        if (tokens.Count == 0)
        {
            return recorded == actual;
        }

        var pattern = new StringBuilder("^");
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        foreach (Match token in tokens)
        {
            pattern.Append(Regex.Escape(recorded[at..token.Index]));
            at = token.Index + token.Length;
            var kind = token.Groups["kind"].Value;
            var bound = !data.Unbound.Contains(kind);
            if (bound && _bindings.TryGetValue(token.Value, out var value))
            {
                pattern.Append(Regex.Escape(value));
            }
            else if (bound && groups.TryGetValue(token.Value, out var group))
            {
                pattern.Append($"\\k<{group}>");
            }
            else
            {
                var name = $"p{groups.Count}";
                groups[bound ? token.Value : name] = name;
                pattern.Append($"(?<{name}>{data.Placeholders[kind]})");
            }
        }

        pattern.Append(Regex.Escape(recorded[at..])).Append("\\z");
        var match = Regex.Match(actual, pattern.ToString(), RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return false;
        }

        foreach (var (token, group) in groups.Where(g => g.Key.StartsWith('<')))
        {
            _bindings[token] = match.Groups[group].Value;
        }

        return true;
    }

    private static bool IsUnchecked(RecordedAnswer answer, string path) =>
        answer.Unchecked.ContainsKey(path) || answer.Unchecked.ContainsKey(Index().Replace(path, "[*]"));

    private static bool IsBoolean(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string Join(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    private static string Shown(string path) => path.Length == 0 ? "the answer" : path;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a value",
    };

    private static string Excerpt(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    [GeneratedRegex(@"<(?<kind>[a-z0-9-]+)(?::\d+)?>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
