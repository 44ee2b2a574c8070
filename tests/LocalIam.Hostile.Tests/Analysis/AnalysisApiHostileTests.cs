using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.Analysis;

/// <summary>
/// LocalIam's own JSON API (LocalIam_20261201.WhoCan / .Explain) under hostile bodies, signed as a
/// real client signs: never a 500, always the JSON envelope, and no body makes one question's work unbounded.
/// </summary>
[Collection(nameof(AccessAnalyzer.TimedAlone))]
public sealed class AnalysisApiHostileTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private const string WhoCan = "LocalIam_20261201.WhoCan";
    private const string Explain = "LocalIam_20261201.Explain";

    public static TheoryData<string, string> NotText => new()
    {
        { WhoCan, """{"Action":"s3:\ud800"}""" },
        { WhoCan, """{"Action":"s3:GetObject","Resource":"\udc00"}""" },
        { WhoCan, """{"Action":"s3:GetObject","Context":{"aws:x\ud800":["v"]}}""" },
        { WhoCan, """{"Action":"s3:GetObject","Context":{"aws:x":["\udfff"]}}""" },
        { Explain, """{"Principal":"\ud800","Action":"s3:GetObject"}""" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task Question_UnpairedSurrogate_SerializationException(string target, string body)
    {
        var answer = await SignedBytes.JsonAsync(server.Endpoint, target, Encoding.UTF8.GetBytes(body));

        AssertError(answer, HttpStatusCode.BadRequest, "SerializationException", "The request body is not valid JSON.");
    }

    [Fact]
    public async Task Question_InvalidUtf8_SerializationException()
    {
        byte[] body = [.. """{"Action":"s3:"""u8, 0xFF, 0xFE, .. "\"}"u8];

        var answer = await SignedBytes.JsonAsync(server.Endpoint, WhoCan, body);

        AssertError(answer, HttpStatusCode.BadRequest, "SerializationException", "The request body is not valid JSON.");
    }

    [Fact]
    public async Task Question_BodyOverServerLimit_JsonEnvelope()
    {
        var body = Encoding.UTF8.GetBytes("""{"Action":"s3:GetObject","Resource":" """ + new string('a', 3 * 1024 * 1024) + "\"}");

        var answer = await SignedBytes.JsonAsync(server.Endpoint, WhoCan, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("application/x-amz-json-1.0", answer.ContentType);
        Assert.Equal("RequestEntityTooLargeException", JsonDocument.Parse(answer.Body).RootElement.GetProperty("__type").GetString());
    }

    public static TheoryData<string, string, string> BeyondBounds => new()
    {
        { WhoCan, Json(new { Action = "s3:GetObject", Resource = new string('a', 2049) }), "Resource must have at most 2048 characters" },
        { Explain, Json(new { Principal = new string('x', 2049), Action = "s3:GetObject" }), "Principal must have at most 2048 characters" },
        { WhoCan, Json(new { Action = "s3:GetObject", Context = Enumerable.Range(0, 101).ToDictionary(i => $"aws:k{i}", _ => (string[])["v"]) }), ContextMessage },
        { WhoCan, Json(new { Action = "s3:GetObject", Context = new Dictionary<string, string[]> { ["aws:TagKeys"] = [.. Enumerable.Range(0, 201).Select(i => $"t{i}")] } }), ContextMessage },
        { WhoCan, Json(new { Action = "s3:GetObject", Context = new Dictionary<string, string[]> { [new string('k', 257)] = ["v"] } }), ContextMessage },
        { Explain, Json(new { Principal = "root", Action = "s3:GetObject", Context = new Dictionary<string, string[]> { ["aws:x"] = [new string('v', 2049)] } }), ContextMessage },
    };

    private const string ContextMessage = "Context may have at most 100 keys and 200 values in all, each key 1 to 256 characters and each value at most 2048";

    [Theory]
    [MemberData(nameof(BeyondBounds))]
    public async Task Question_BeyondBounds_ValidationException(string target, string body, string message)
    {
        var answer = await SignedBytes.JsonAsync(server.Endpoint, target, Encoding.UTF8.GetBytes(body));

        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException", message);
    }

    [Fact]
    public async Task WhoCan_LargestContextAgainstManyPatterns_Quick()
    {
        // Ten users, each with 677 StringLike patterns on aws:TagKeys: 14,000 context values once took
        // 15 s (every value against every pattern of every user). At the bound it is a fraction of that.
        await server.ResetAsync();
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var patterns = Enumerable.Range(0, 677).Select(i => $"*{i}b*").ToArray();
        var policy = Json(new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Action = "s3:GetObject", Resource = "*", Condition = new { ForAnyValueStringLike = new Dictionary<string, string[]> { ["aws:TagKeys"] = patterns } } } } })
            .Replace("ForAnyValueStringLike", "ForAnyValue:StringLike", StringComparison.Ordinal);
        var arn = (await root.OkAsync("iam", "create-policy", "--policy-name", "ManyPatterns", "--policy-document", policy)).GetProperty("Policy").GetProperty("Arn").GetString()!;
        for (var i = 0; i < 10; i++)
        {
            await root.OkAsync("iam", "create-user", "--user-name", $"patterned{i}");
            await root.OkAsync("iam", "attach-user-policy", "--user-name", $"patterned{i}", "--policy-arn", arn);
        }

        var largest = Json(new { Action = "s3:GetObject", Context = new Dictionary<string, string[]> { ["aws:TagKeys"] = [.. Enumerable.Range(0, 200).Select(_ => new string('a', 2048))] } });
        var watch = Stopwatch.StartNew();
        var answer = await SignedBytes.JsonAsync(server.Endpoint, WhoCan, Encoding.UTF8.GetBytes(largest));
        watch.Stop();

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        // A guard against unbounded work, not a benchmark: a fraction of a second alone; the margin absorbs a loaded CI machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed.TotalMilliseconds:F0} ms");
        var tooMany = Json(new { Action = "s3:GetObject", Context = new Dictionary<string, string[]> { ["aws:TagKeys"] = [.. Enumerable.Range(0, 14_000).Select(_ => new string('a', 120))] } });
        AssertError(await SignedBytes.JsonAsync(server.Endpoint, WhoCan, Encoding.UTF8.GetBytes(tooMany)), HttpStatusCode.BadRequest, "ValidationException", ContextMessage);
    }

    [Fact]
    public async Task Question_CallerWithoutAccountRead_AccessDeniedException()
    {
        await server.ResetAsync();
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        await root.OkAsync("iam", "create-user", "--user-name", "curious");
        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", "curious")).GetProperty("AccessKey");

        var answer = await SignedBytes.JsonAsync(server.Endpoint, WhoCan, """{"Action":"aws-portal:ViewBilling"}"""u8.ToArray(),
            key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        AssertError(answer, HttpStatusCode.Forbidden, "AccessDeniedException", "is not authorized to perform: iam:GetAccountAuthorizationDetails");
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static void AssertError(SignedBytes.Answer answer, HttpStatusCode status, string type, string message)
    {
        Assert.True(answer.Status == status, $"HTTP {(int)answer.Status}: {answer.Body}");
        using var body = JsonDocument.Parse(answer.Body);
        Assert.Equal(type, body.RootElement.GetProperty("__type").GetString());
        Assert.Contains(message, body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
