using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Every IAM and STS operation whose answers AWS recorded (LocalStack's snapshot tests run against
/// AWS: tests/LocalIam.E2E.Tests/Data/aws-recorded-responses.json, made by
/// scripts/aws-recorded-responses.py) answers LocalIam's reproduction of those calls, through
/// Debian's boto3, with the same members: none missing, none extra, lists as long, fixed values,
/// error codes, statuses and messages equal. docs/api.md, "Responses as AWS records them".
/// </summary>
public sealed class RecordedResponseTests(RecordedCallsRun run) : IClassFixture<RecordedCallsRun>
{
    public static TheoryData<string> Operations => [.. RecordedAnswers.Instance.Answers.Select(a => a.Operation).Distinct().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_EveryRecordedAnswer_CarriesWhatAwsRecorded(string operation)
    {
        Assert.True(run.Compared.GetValueOrDefault(operation) > 0, $"no answer of {operation} was reproduced");
        var differences = run.Differences[operation];
        Assert.True(differences.Count == 0, $"{differences.Count} differences from AWS's recordings:\n{string.Join('\n', differences)}");
    }

    [Fact]
    public void Reproduction_EveryRecordedCall_IsMadeAndAnswers()
    {
        var missing = run.Data.Answers.Where(a => !run.Answers.ContainsKey((a.Test.Name, a.Key))).Select(a => a.ToString()).ToList();
        var unknown = run.Answers.Keys.Where(k => !run.Data.Answers.Any(a => a.Test.Name == k.Test && a.Key == k.Key)).ToList();

        Assert.True(run.Failures.Count == 0, string.Join('\n', run.Failures));
        Assert.True(missing.Count == 0, $"recorded answers no call reproduced:\n{string.Join('\n', missing)}");
        Assert.Empty(unknown);
    }

    [Fact]
    public void Data_EveryAnswerLeftUnchecked_SaysWhy()
    {
        var leftOut = run.Data.Root.GetProperty("leftOut").EnumerateArray().Select(l => l.GetProperty("note").GetString()!);
        var reasons = run.Data.Answers.SelectMany(a => a.Unchecked.Values).Concat(leftOut).ToList();

        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.True(run.Data.Notes.ContainsKey(reason), $"no note `{reason}` in the data's notes"));
    }

    [Fact]
    public void SimulatePrincipalPolicy_SourcePolicyType_IsTheModelsValueNotTheRecordedText()
    {
        // AWS recorded "IAM Policy", which botocore's model (PolicySourceType) and the API reference do
        // not list; the documentation wins: a customer managed policy is `user-managed`.
        var documented = run.Data.Answers.Where(a => a.Operation == "iam:SimulatePrincipalPolicy" && a.Documented.Count > 0).ToList();
        var answer = run.Answers[(documented[0].Test.Name, documented[0].Key)].Body;
        var statement = answer.GetProperty("EvaluationResults")[0].GetProperty("MatchedStatements")[0];

        Assert.Equal(3, documented.Count);
        Assert.Equal("user-managed", statement.GetProperty("SourcePolicyType").GetString());
    }
}
