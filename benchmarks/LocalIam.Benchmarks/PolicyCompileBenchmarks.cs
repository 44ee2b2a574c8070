using BenchmarkDotNet.Attributes;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Benchmarks;

/// <summary>
/// Parsing and compiling stored documents, as the first question on a fresh snapshot does
/// (<see cref="PolicyMix"/>: the AWS managed catalogue and a generated account's own documents).
/// "Parse" is the reading and validation alone; "parse and compile" is what a handle does.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PolicyCompileBenchmarks
{
    private MixDocument[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        _documents = PolicyMix.Read();
        var characters = _documents.Sum(d => (long)d.Text.Length);
        Console.WriteLine($"// {_documents.Length} documents, {characters:N0} characters");
    }

    [Benchmark(Description = "parse every document of the mix")]
    public int ParseAll()
    {
        var valid = 0;
        foreach (var d in _documents)
        {
            valid += PolicyParser.Parse(d.Text, d.Kind).IsValid ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(Description = "parse and compile every document of the mix")]
    public int CompileAll()
    {
        var statements = 0;
        foreach (var d in _documents)
        {
            statements += CompiledPolicy.Parse(d.Id, d.Text, d.Kind).Statements.Count;
        }

        return statements;
    }
}
