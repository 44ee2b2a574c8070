using BenchmarkDotNet.Attributes;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Corpus;

namespace LocalIam.Benchmarks;

/// <summary>
/// One authorization decision, for the requests of tests/corpus/benchmarks/engine.json (the tests
/// check that each gives the right answer). Target: under 1 µs median and 0 bytes for (a) and (b).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AuthorizationBenchmarks
{
    private EvaluationCase _admin = null!;
    private EvaluationCase _tenPolicies = null!;
    private EvaluationCase _notActionDeny = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cases = CorpusFiles.Read("benchmarks/engine.json");
        _admin = cases.Single(c => c.Name.StartsWith("benchmark a:", StringComparison.Ordinal));
        _tenPolicies = cases.Single(c => c.Name == "benchmark b: ten policies, fifty statements, conditions");
        _notActionDeny = cases.Single(c => c.Name == "benchmark c: explicit deny through NotAction");
        foreach (var c in new[] { _admin, _tenPolicies, _notActionDeny })
        {
            var result = Authorizer.Authorize(c.Request, c.Policies, c.Settings);
            if (result.Decision != c.Expect.Decision)
            {
                throw new InvalidOperationException($"{c.Name}: expected {c.Expect.Decision}, got {result.Decision}");
            }
        }
    }

    [Benchmark(Description = "a: AdministratorAccess, aws-portal:ViewBilling, setting on")]
    public Decision AdministratorViewsBilling() => Authorizer.Authorize(_admin.Request, _admin.Policies, _admin.Settings).Decision;

    [Benchmark(Description = "b: 10 policies, 50 statements, conditions")]
    public Decision TenPolicies() => Authorizer.Authorize(_tenPolicies.Request, _tenPolicies.Policies, _tenPolicies.Settings).Decision;

    [Benchmark(Description = "c: explicit deny through NotAction")]
    public Decision NotActionDeny() => Authorizer.Authorize(_notActionDeny.Request, _notActionDeny.Policies, _notActionDeny.Settings).Decision;
}
