using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// The simulator evaluates policies the caller writes, so its work must be bounded whatever they
/// hold: the largest inputs AWS accepts (a 131,072-character policy, 2,048-character resource ARNs,
/// a page of 1,000 results) answer in well under a second, and what is beyond any sensible
/// simulation is refused quickly with InvalidInput instead of running for minutes.
/// </summary>
public sealed partial class SimulationBoundsTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private const int PolicyLimit = 131_072;

    [Fact]
    public async Task SimulateCustomPolicy_LargestPolicyAndArns_EveryPageWellUnderASecond()
    {
        // Patterns of `*a` longer than the ARN has `a`s: each is matched part by part to the end of
        // the ARN before it fails, the most work a pattern of its length can cause.
        var pattern = "arn:aws:s3:::" + string.Concat(Enumerable.Repeat("*a", 2_100)) + "*";
        var resources = Enumerable.Range(0, 25).Select(i => $"arn:aws:s3:::{i:D2}" + new string('a', 2048 - 15)).ToList();
        var policy = PolicyOfPatterns(pattern);
        var actions = Enumerable.Range(0, 40).Select(i => $"s3:GetObject{i}").ToList();

        var pages = 0;
        var results = 0;
        var slowest = TimeSpan.Zero;
        string? marker = null;
        do
        {
            var form = SimulateForm(policy, actions, resources, marker);
            var stopwatch = Stopwatch.StartNew();
            var (status, body) = await SignedPost.SendAsync(server.Endpoint, form, cancellationToken: TestContext.Current.CancellationToken);
            stopwatch.Stop();
            Assert.True(status == HttpStatusCode.OK, body);
            slowest = stopwatch.Elapsed > slowest ? stopwatch.Elapsed : slowest;
            results += CountOf(body, "<EvalDecision>implicitDeny</EvalDecision>");
            marker = MarkerPattern().Match(body) is { Success: true } m ? m.Groups[1].Value : null;
            pages++;
        }
        while (marker is not null && pages < 200);

        Assert.Equal(1_000, results);
        TestContext.Current.TestOutputHelper?.WriteLine($"worst-case simulation: {pages} pages, slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"a page took {slowest.TotalMilliseconds:F0} ms ({pages} pages)");
    }

    [Fact]
    public async Task SimulateCustomPolicy_ContextListTimesPatterns_InvalidInputQuickly()
    {
        // 1,000 context values of 1,000 characters, each against every one of thousands of patterns:
        // billions of comparisons for a single result. Refused once the allowance is spent.
        var patterns = string.Join(',', Enumerable.Range(0, 8_000).Select(i => $"\"*{i}b*\""));
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["""
            + patterns + "]}}}]}";
        Assert.True(policy.Length <= PolicyLimit);
        var form = new StringBuilder(SimulateForm(policy, ["s3:GetObject"], ["*"], null));
        form.Append("&ContextEntries.member.1.ContextKeyName=aws%3ATagKeys&ContextEntries.member.1.ContextKeyType=stringList");
        var value = new string('a', 1000);
        for (var i = 1; i <= 1000; i++)
        {
            form.Append($"&ContextEntries.member.1.ContextKeyValues.member.{i}={value}");
        }

        var stopwatch = Stopwatch.StartNew();
        var (status, body) = await SignedPost.SendAsync(server.Endpoint, form.ToString(), cancellationToken: TestContext.Current.CancellationToken);
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>InvalidInput</Code>", body, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"refused simulation: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"refusing took {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }

    /// <summary>One statement whose Resource lists as many copies of <paramref name="pattern"/> as fit in AWS's limit.</summary>
    private static string PolicyOfPatterns(string pattern)
    {
        const string Head = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":[""";
        const string End = "]}]}";
        var count = (PolicyLimit - Head.Length - End.Length) / (pattern.Length + 3);
        var policy = Head + string.Join(',', Enumerable.Repeat($"\"{pattern}\"", count)) + End;
        Assert.InRange(policy.Length, PolicyLimit - pattern.Length - 3, PolicyLimit);
        return policy;
    }

    private static string SimulateForm(string policy, IReadOnlyList<string> actions, IReadOnlyList<string> resources, string? marker)
    {
        var parameters = new List<(string, string)> { ("Action", "SimulateCustomPolicy"), ("Version", "2010-05-08"), ("PolicyInputList.member.1", policy), ("MaxItems", "1000") };
        parameters.AddRange(actions.Select((a, i) => ($"ActionNames.member.{i + 1}", a)));
        parameters.AddRange(resources.Select((r, i) => ($"ResourceArns.member.{i + 1}", r)));
        if (marker is not null)
        {
            parameters.Add(("Marker", WebUtility.HtmlDecode(marker)));
        }

        return SignedPost.Form([.. parameters]);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    [GeneratedRegex("<Marker>([^<]*)</Marker>")]
    private static partial Regex MarkerPattern();
}
