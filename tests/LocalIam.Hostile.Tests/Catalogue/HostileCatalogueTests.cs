namespace LocalIam.Hostile.Tests.Catalogue;

/// <summary>
/// One test per hostile request of tests/hostile/cases: what LocalIam answered against what AWS
/// answers (code, HTTP status, message), never a 5xx, always AWS's envelope with a request id.
/// The whole catalogue runs once in <see cref="HostileRun"/>; each test judges one case.
/// </summary>
public sealed class HostileCatalogueTests(HostileRun run) : IClassFixture<HostileRun>
{
    public static TheoryData<string> Cases => HostileCatalogue.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_AnswersAsAws(string name)
    {
        Assert.True(run.RunError is null, run.RunError);
        var c = HostileCatalogue.Get(name);

        var problems = CaseVerdict.Problems(c, run.ResultOf(name));

        Assert.True(problems.Count == 0, $"{c.Topic}/{name} ({c.Json["about"]}):\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void Catalogue_CoversEveryDefectAndHeldClass()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"catalogue run: {run.Timings}");
        var cases = HostileCatalogue.All;
        var defects = cases.Select(c => (int?)c.Json["defect"]).OfType<int>().ToHashSet();
        var held = cases.Select(c => (string?)c.Json["held"]).OfType<string>().ToHashSet(StringComparer.Ordinal);

        Assert.True(cases.Count >= 150, $"only {cases.Count} cases");
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 9], defects.Order());
        Assert.Superset(new HashSet<string>(["tampering", "replay", "expiry", "credentials", "boundaries", "root-only", "quota-races", "partitions", "federation", "last-accessed"], StringComparer.Ordinal), held);
        // "fixed": a finding of a later review, named, fixed with the case.
        Assert.All(cases, c => Assert.True(c.Json["defect"] is not null || c.Json["held"] is not null || c.Json["fixed"] is not null,
            $"{c.Name} says neither which defect, which held class nor which fixed finding it pins"));
    }
}
