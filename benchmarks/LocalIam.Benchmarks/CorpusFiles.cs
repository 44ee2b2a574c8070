using System.Text.Json;
using LocalIam.Policy.Corpus;

namespace LocalIam.Benchmarks;

/// <summary>Finds tests/corpus and data/managed-policies from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class CorpusFiles
{
    private static readonly string Root = FindRoot();

    private static string CorpusFolder => Path.Combine(Root, "tests", "corpus");

    private static CorpusReader Reader => new(Path.Combine(Root, "data", "managed-policies"));

    public static IReadOnlyList<EvaluationCase> Read(string relativePath) =>
        Reader.ReadFile(Path.Combine(CorpusFolder, relativePath), relativePath);

    public static IEnumerable<EvaluationCase> ReadAll() => Reader.ReadFolder(CorpusFolder);

    public static IEnumerable<string> PolicyTexts()
    {
        foreach (var file in Directory.EnumerateFiles(CorpusFolder, "*.json", SearchOption.AllDirectories))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (json.RootElement.TryGetProperty("policies", out var policies))
            {
                foreach (var policy in policies.EnumerateObject())
                {
                    yield return policy.Value.GetRawText();
                }
            }
        }
    }

    private static string FindRoot()
    {
        // BenchmarkDotNet runs from a generated folder under bin/; the environment variable wins when set.
        if (Environment.GetEnvironmentVariable("LOCALIAM_ROOT") is { Length: > 0 } root)
        {
            return root;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LocalIam.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("LocalIam.slnx not found; set LOCALIAM_ROOT to the repository folder");
    }
}
