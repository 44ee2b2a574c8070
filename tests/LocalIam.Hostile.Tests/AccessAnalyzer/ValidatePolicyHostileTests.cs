using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.AccessAnalyzer;

/// <summary>
/// Access Analyzer's ValidatePolicy (POST /policy/validation) under hostile bodies: strings that are
/// not text are Access Analyzer's ValidationException, not a 500; documents at LocalIam's bound of
/// 131,072 characters built to be the linter's worst case answer in a bounded time (about 0.6 s for
/// the worst on an idle core; the bound of 4 s leaves room for the shared machine, and before the
/// allowances the worst took tens of seconds).
/// </summary>
[Collection(nameof(TimedAlone))]
public sealed class ValidatePolicyHostileTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private const int MaxDocument = 131_072;

    public static TheoryData<string> NotText => new()
    {
        """{"policyDocument":"\ud800","policyType":"IDENTITY_POLICY"}""",
        """{"policyDocument":"{}","policyType":"\udc00"}""",
        """{"policyDocument":"{}","policyType":"IDENTITY_POLICY","loc\ud800ale":"EN"}""",
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task ValidatePolicy_UnpairedSurrogate_ValidationExceptionCannotParse(string body)
    {
        var answer = await SignedBytes.RestJsonAsync(server.Endpoint, "/policy/validation", Encoding.UTF8.GetBytes(body));

        AssertCannotParse(answer);
    }

    [Fact]
    public async Task ValidatePolicy_InvalidUtf8_ValidationExceptionCannotParse()
    {
        byte[] body = [.. "{\"policyDocument\":\"{\\\"a\\\":\\\""u8, 0xC3, 0x28, .. "\\\"}\",\"policyType\":\"IDENTITY_POLICY\"}"u8];

        var answer = await SignedBytes.RestJsonAsync(server.Endpoint, "/policy/validation", body);

        AssertCannotParse(answer);
    }

    public static TheoryData<string, string> WorstCases => new()
    {
        // A wildcard in the service part: each compared with every other (REDUNDANT_ACTION) and looked
        // up in every service of the catalogue; two findings each. Once 100 s at 318 KB.
        { "wildcard services", Fill(i => $"\"*:x{i}\"", "Action") },
        // Patterns in Resource without an ARN's head, all in one group: compared pairwise.
        { "wildcard resources", Fill(i => $"\"*{i}\"", "Resource") },
        // Misspelt actions of the largest service: "Did you mean ...?" against each of its actions.
        { "misspelt actions", Fill(i => $"\"ec2:DescribeInstancesAbcdefghijklmnopq{i}\"", "Action") },
        // Unknown services: the same against every service prefix.
        { "unknown services", Fill(i => $"\"abcdefghijklmnopqrstuvwxyzabcd{i}:Get\"", "Action") },
        // Not ASCII, one line: a finding's column must not cost a scan of the line.
        { "one long line not ASCII", Fill(i => $"\"s3:G\u00e9{i}\"", "Action") },
    };

    [Theory]
    [MemberData(nameof(WorstCases))]
    public async Task ValidatePolicy_WorstCaseAtTheBound_AnsweredWithinTenSeconds(string name, string document)
    {
        Assert.True(document.Length <= MaxDocument, $"{name}: {document.Length}");
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { policyDocument = document, policyType = "IDENTITY_POLICY" }));
        await SignedBytes.RestJsonAsync(server.Endpoint, "/policy/validation", body);

        var watch = Stopwatch.StartNew();
        var answer = await SignedBytes.RestJsonAsync(server.Endpoint, "/policy/validation", body);
        watch.Stop();

        Assert.True(answer.Status == HttpStatusCode.OK, $"{name}: HTTP {(int)answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {document.Length} characters, {watch.Elapsed.TotalMilliseconds:F0} ms");
        // Not a benchmark (docs/benchmarks.md has those): about 0.6 s on an idle core, tens of
        // seconds before the linter's work was bounded; the margin absorbs a loaded CI machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{name}: {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task ValidatePolicy_OneCharacterOverTheBound_ValidationException()
    {
        var document = Fill(i => $"\"s3:GetObject{i}\"", "Action");
        document = document.Insert(document.Length - 2, new string(' ', MaxDocument + 1 - document.Length));
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { policyDocument = document, policyType = "IDENTITY_POLICY" }));

        var answer = await SignedBytes.RestJsonAsync(server.Endpoint, "/policy/validation", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ValidationException", answer.ErrorType);
        Assert.Contains("Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 131072", JsonDocument.Parse(answer.Body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A one-statement policy whose <paramref name="element"/> holds as many entries as fit in the bound.</summary>
    private static string Fill(Func<int, string> entry, string element)
    {
        var head = element == "Action" ? """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":[""" : """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[""";
        var text = new StringBuilder(head);
        for (var i = 0; ; i++)
        {
            var next = (i > 0 ? "," : string.Empty) + entry(i);
            if (text.Length + next.Length + 4 > MaxDocument)
            {
                break;
            }

            text.Append(next);
        }

        return text.Append("]}]}").ToString();
    }

    private static void AssertCannotParse(SignedBytes.Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"HTTP {(int)answer.Status}: {answer.Body}");
        Assert.Equal("ValidationException", answer.ErrorType);
        using var body = JsonDocument.Parse(answer.Body);
        Assert.Equal("cannotParse", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal("The request body is not valid JSON.", body.RootElement.GetProperty("message").GetString());
    }
}

/// <summary>Timed tests run while no other test class does: two shared cores make any figure taken beside other work meaningless.</summary>
[CollectionDefinition(nameof(TimedAlone), DisableParallelization = true)]
public sealed class TimedAlone;
