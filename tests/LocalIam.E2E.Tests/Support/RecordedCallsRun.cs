using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>What LocalIam answered to one recorded call, through boto3.</summary>
public sealed record ReproducedAnswer(int Status, JsonElement Body);

/// <summary>
/// One run of tests/e2e/python/recorded_calls.py against a fresh LocalIam: every call behind AWS's
/// recorded answers, made with the recording tests' inputs through Debian's boto3, and each answer
/// compared with its recording (<see cref="RecordedShapeComparer"/>) in the order the tests made them.
/// </summary>
public sealed class RecordedCallsRun : IAsyncLifetime
{
    private readonly LocalIamServer _server = new();

    public RecordedAnswers Data { get; } = RecordedAnswers.Instance;

    public Dictionary<(string Test, string Key), ReproducedAnswer> Answers { get; } = [];

    /// <summary>Calls that failed outside what the recordings record (a setup call, an answer boto3 could not parse).</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Per operation (<c>iam:GetRole</c>), how its answers differ from AWS's recordings.</summary>
    public Dictionary<string, List<string>> Differences { get; } = [];

    /// <summary>Per operation, how many of its recorded answers were compared.</summary>
    public Dictionary<string, int> Compared { get; } = [];

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        var (exit, output, error) = await DebianBoto3.RunAsync("recorded_calls.py", TimeSpan.FromMinutes(5),
            _server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, RecordedAnswers.FilePath);
        if (exit != 0)
        {
            Failures.Add($"recorded_calls.py exited with {exit}: {error}");
        }

        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var test = row.GetProperty("test").GetString()!;
            if (row.TryGetProperty("failure", out var failure))
            {
                Failures.Add($"{test}: {failure.GetString()}");
                continue;
            }

            Answers[(test, row.GetProperty("key").GetString()!)] = new(row.GetProperty("status").GetInt32(), row.GetProperty("body"));
        }

        var comparer = new RecordedShapeComparer(Data);
        foreach (var test in Data.Tests)
        {
            comparer.BeginTest();
            foreach (var answer in test.Answers)
            {
                var differences = Differences.TryGetValue(answer.Operation, out var list) ? list : Differences[answer.Operation] = [];
                if (Answers.TryGetValue((test.Name, answer.Key), out var reproduced))
                {
                    differences.AddRange(comparer.Compare(answer, reproduced.Status, reproduced.Body));
                    Compared[answer.Operation] = Compared.GetValueOrDefault(answer.Operation) + 1;
                }
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
