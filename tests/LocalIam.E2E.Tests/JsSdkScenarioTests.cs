using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>The scenario of DESIGN.md driven by the AWS SDK for JavaScript v3 (tests/e2e/js/scenario.mjs).</summary>
public sealed class JsSdkScenarioTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task Scenario_JavaScriptSdk_EveryCheckPasses()
    {
        await server.ResetAsync();

        var (exit, output, error) = await NodeScripts.RunAsync("scenario.mjs", server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

        var failed = output.Split('\n').Where(line => line.Contains("\"ok\":false", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 0 && failed.Count == 0, $"failed checks:\n{string.Join('\n', failed)}\n{error}");
        Assert.Equal(17, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"ok\":true", StringComparison.Ordinal)));
    }
}
