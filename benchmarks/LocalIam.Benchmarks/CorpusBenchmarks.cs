using BenchmarkDotNet.Attributes;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Corpus;
using LocalIam.Policy.Validation;

namespace LocalIam.Benchmarks;

/// <summary>The whole corpus: every case decided once per operation, and every policy read and validated.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CorpusBenchmarks
{
    private EvaluationCase[] _cases = [];
    private string[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        _cases = [.. CorpusFiles.ReadAll()];
        _documents = [.. CorpusFiles.PolicyTexts()];
    }

    [Benchmark(Description = "decide every corpus case")]
    public int DecideAll()
    {
        var allowed = 0;
        foreach (var c in _cases)
        {
            allowed += Authorizer.Authorize(c.Request, c.Policies, c.Settings).IsAllowed ? 1 : 0;
        }

        return allowed;
    }

    [Benchmark(Description = "read and validate every corpus policy")]
    public int ParseAll()
    {
        var valid = 0;
        foreach (var text in _documents)
        {
            valid += PolicyParser.Parse(text, PolicyKind.Identity).IsValid ? 1 : 0;
        }

        return valid;
    }
}
