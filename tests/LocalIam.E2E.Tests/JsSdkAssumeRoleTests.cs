using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>AssumeRole's session policies, tags, external id, source identity and limits through the AWS SDK for JavaScript v3 (tests/e2e/js/assume-role.mjs).</summary>
public sealed class JsSdkAssumeRoleTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task AssumeRole_JavaScriptSdk_EveryCheckPasses()
    {
        await server.ResetAsync();

        var (exit, output, error) = await NodeScripts.RunAsync("assume-role.mjs", server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

        var failed = output.Split('\n').Where(line => line.Contains("\"ok\":false", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 0 && failed.Count == 0, $"failed checks:\n{string.Join('\n', failed)}\n{error}");
        Assert.Equal(13, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"ok\":true", StringComparison.Ordinal)));
    }
}
