using LocalIam.Policy.Authorization;
using LocalIam.Policy.Corpus;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Tests.Support;

namespace LocalIam.Policy.Tests.Corpus;

/// <summary>Runs every case of tests/corpus through the authorizer.</summary>
public class CorpusTests
{
    private static readonly Lazy<Dictionary<string, EvaluationCase>> Cases = new(() =>
        new CorpusReader(RepositoryPaths.ManagedPolicies).ReadFolder(RepositoryPaths.Corpus).ToDictionary(c => c.Id));

    public static TheoryData<string> CaseIds => [.. Cases.Value.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Corpus_HasEnoughCases_AtLeast300()
    {
        Assert.True(Cases.Value.Count >= 300, $"the corpus has {Cases.Value.Count} cases");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case_Evaluated_MatchesExpectation(string id)
    {
        var c = Cases.Value[id];
        var matched = new List<CompiledStatement>();
        var result = Authorizer.Authorize(c.Request, c.Policies, c.Settings, matched);
        var withoutCollector = Authorizer.Authorize(c.Request, c.Policies, c.Settings);

        Assert.Equal(c.Expect.Decision, result.Decision);
        Assert.Equal(result.Decision, withoutCollector.Decision);
        Assert.Equal(result.Reason, withoutCollector.Reason);
        if (c.Expect.Reason is { } reason)
        {
            Assert.Equal(reason, result.Reason);
        }

        if (c.Expect.Matched is { } expected)
        {
            Assert.Equal(expected.Order(StringComparer.Ordinal), matched.Select(Label).Distinct().Order(StringComparer.Ordinal));
        }

        if (c.Expect.Message is { } message)
        {
            Assert.Equal(message, result.Message);
        }

        foreach (var fragment in c.Expect.MessageContains)
        {
            Assert.Contains(fragment, result.Message + " | " + result.Explanation, StringComparison.Ordinal);
        }
    }

    private static string Label(CompiledStatement statement) =>
        statement.Sid is { Length: > 0 } sid ? $"{statement.Policy.Id}/{sid}" : $"{statement.Policy.Id}/#{statement.Index + 1}";
}
