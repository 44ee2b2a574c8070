using System.Text.Json;
using LocalIam.Policy.Tests.Support;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Tests.Validation;

/// <summary>
/// CreatePolicy's answers as AWS recorded them (Data/aws-recorded-policy-validation.json, its
/// source inside; regenerate with scripts/policy-validation-cases.py): every refused document gets
/// AWS's first MalformedPolicyDocument message word for word, every accepted one parses.
/// </summary>
public sealed class AwsRecordedValidationTests
{
    private static readonly PolicyParseOptions ManagedPolicy = new() { RequireVersion2012 = true };

    private static readonly Lazy<JsonDocument> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "LocalIam.Policy.Tests", "Validation", "Data", "aws-recorded-policy-validation.json"))));

    public static TheoryData<int> RefusedCases() => Indices("refused");

    public static TheoryData<int> AcceptedCases() => Indices("accepted");

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void Refused_FirstErrorIsAwsMessage(int index)
    {
        var recorded = Cases.Value.RootElement.GetProperty("refused")[index];
        var document = recorded.GetProperty("document").GetString()!;

        var result = PolicyParser.Parse(document, PolicyKind.Identity, ManagedPolicy);

        Assert.False(result.IsValid, $"accepted {document}");
        Assert.Equal(recorded.GetProperty("message").GetString(), result.FirstError!.Message);
    }

    /// <summary>
    /// Recorded as accepted, but AWS's documentation (IAM JSON policy elements: Sid) says a Sid
    /// "supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)", and IAM's
    /// own error for other characters is well known; the documentation wins, so LocalIam refuses them.
    /// </summary>
    private static readonly string[] SidsTheDocumentationRefuses =
        ["BooleanConditionOperations_Strings_And_Booleans", "NullConditionOperator_Strings_And_Booleans"];

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public void Accepted_Parses(int index)
    {
        var document = Cases.Value.RootElement.GetProperty("accepted")[index].GetString()!;

        var result = PolicyParser.Parse(document, PolicyKind.Identity, ManagedPolicy);

        if (SidsTheDocumentationRefuses.Any(sid => document.Contains($"\"{sid}\"", StringComparison.Ordinal)))
        {
            Assert.Equal("LIP016", result.FirstError?.Id);
            return;
        }

        Assert.True(result.IsValid, $"{result.FirstError?.Id} {result.FirstError?.Message} for {document}");
    }

    private static TheoryData<int> Indices(string table)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.Value.RootElement.GetProperty(table).GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }
}
