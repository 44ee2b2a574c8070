using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.E2E.Tests.Support;
using LocalIam.Hostile.Tests.Support;
using LocalIam.Server.Api.Iam;
using LocalIam.Server.Api.Sts;

namespace LocalIam.Hostile.Tests.Sweep;

/// <summary>
/// The generated sweep (tests/e2e/js/hostile/sweep.mjs): every operation of LocalIam's IAM and STS
/// action tables, every parameter the AWS model gives it (tests/hostile/sweep/parameters.json),
/// each control character, invalid UTF-8, empty, max + 1 and 1 MB, signed as root. Never a 5xx,
/// always AWS's envelope with a request id; afterwards every list still answers.
/// </summary>
public sealed class GeneratedSweepTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task Sweep_EveryOperationAndParameter_NoServerErrorAlwaysAwsEnvelope()
    {
        var work = Directory.CreateTempSubdirectory("localiam-sweep-").FullName;
        var operations = Path.Combine(work, "operations.json");
        var result = Path.Combine(work, "sweep.json");
        await File.WriteAllTextAsync(operations, JsonSerializer.Serialize(new
        {
            iam = IamOperations.Table.Keys.Order(StringComparer.Ordinal),
            sts = StsOperations.Table.Keys.Order(StringComparer.Ordinal),
        }), TestContext.Current.CancellationToken);

        var (exit, output, error) = await Node.RunAsync("sweep.mjs", server.Endpoint, TimeSpan.FromMinutes(LongTests.Enabled ? 40 : 4),
            Path.Combine(Repository.HostileFolder, "sweep", "parameters.json"), operations, result);

        Assert.True(exit == 0 && File.Exists(result), $"the sweep did not finish: {output}\n{error}");
        var figures = JsonNode.Parse(await File.ReadAllTextAsync(result, TestContext.Current.CancellationToken))!.AsObject();
        TestContext.Current.TestOutputHelper?.WriteLine($"sweep: {output.Trim()}");
        var failures = string.Join("\n", figures["failures"]!.AsArray().Take(40).Select(f => f!.ToJsonString()));
        Assert.True((int)figures["serverErrors"]! == 0 && (int)figures["notEnvelope"]! == 0,
            $"{figures["serverErrors"]} answers were 5xx (or none), {figures["notEnvelope"]} not AWS's envelope, of {figures["requests"]}, in {figures["failingParameters"]} operation parameters; the first:\n{failures}");
        Assert.True((int)figures["requests"]! >= 10_000, $"the sweep sent only {figures["requests"]} requests");
        Directory.Delete(work, recursive: true);
        await ReadsStillAnswerAsync();
    }

    /// <summary>Whatever the sweep managed to store, every list and the account's details still answer.</summary>
    private async Task ReadsStillAnswerAsync()
    {
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        foreach (var command in new[] { "list-users", "list-roles", "list-groups", "list-policies", "get-account-authorization-details", "get-account-summary" })
        {
            var answer = await root.RunAsync("iam", command);
            Assert.True(answer.Succeeded, $"after the sweep, aws iam {command} failed: {answer.Error}");
        }
    }
}
