using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>One recorded answer: a success's member tree or an error, with where it was recorded.</summary>
public sealed record RecordedAnswer(RecordedTest Test, string Key, string Operation, int Status, JsonElement Expected,
    IReadOnlyDictionary<string, string> Unchecked, IReadOnlyDictionary<string, IReadOnlyList<string>> Documented)
{
    public override string ToString() => $"{Test.File} {Test.Name} {Key}, localstack {Test.Data.Commit[..8]}";
}

/// <summary>One recording test and the answers it recorded, in the order it recorded them.</summary>
public sealed record RecordedTest(RecordedAnswers Data, string File, string Name)
{
    public List<RecordedAnswer> Answers { get; } = [];
}

/// <summary>
/// tests/LocalIam.E2E.Tests/Data/aws-recorded-responses.json, made by scripts/aws-recorded-responses.py
/// from LocalStack's snapshots of AWS's answers (docs/api.md, "Responses as AWS records them").
/// </summary>
public sealed class RecordedAnswers
{
    public static string FilePath { get; } = Path.Combine(RepositoryRoot.Folder, "tests", "LocalIam.E2E.Tests", "Data", "aws-recorded-responses.json");

    public static RecordedAnswers Instance { get; } = new(JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement);

    private RecordedAnswers(JsonElement root)
    {
        Root = root;
        Commit = root.GetProperty("source").GetProperty("commit").GetString()!;
        Placeholders = root.GetProperty("placeholders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Unbound = root.GetProperty("unbound").EnumerateArray().Select(u => u.GetString()!).ToHashSet(StringComparer.Ordinal);
        Notes = root.GetProperty("notes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        foreach (var recording in root.GetProperty("recordings").EnumerateArray())
        {
            var test = new RecordedTest(this, recording.GetProperty("file").GetString()!, recording.GetProperty("test").GetString()!);
            foreach (var answer in recording.GetProperty("answers").EnumerateArray())
            {
                var expected = answer.TryGetProperty("error", out var error)
                    ? JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, JsonElement> { ["Error"] = error })).RootElement
                    : answer.GetProperty("shape");
                test.Answers.Add(new RecordedAnswer(test, answer.GetProperty("key").GetString()!, answer.GetProperty("operation").GetString()!,
                    answer.GetProperty("status").GetInt32(), expected, Strings(answer, "unchecked"), Enums(answer)));
            }

            Tests.Add(test);
        }
    }

    public JsonElement Root { get; }

    public string Commit { get; }

    public IReadOnlyDictionary<string, string> Placeholders { get; }

    public IReadOnlySet<string> Unbound { get; }

    public IReadOnlyDictionary<string, string> Notes { get; }

    public List<RecordedTest> Tests { get; } = [];

    public IEnumerable<RecordedAnswer> Answers => Tests.SelectMany(t => t.Answers);

    private static Dictionary<string, string> Strings(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var map) ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : [];

    /// <summary>Where the model wins over the recording: the path and the model's enumeration.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Enums(JsonElement answer) =>
        answer.TryGetProperty("documented", out var map)
            ? map.EnumerateObject().ToDictionary(p => p.Name,
                p => (IReadOnlyList<string>)[.. p.Value.GetProperty("model").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)])
            : [];
}
