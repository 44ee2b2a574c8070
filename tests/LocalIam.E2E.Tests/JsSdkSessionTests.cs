using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>STS sessions driven by the AWS SDK for JavaScript v3 (tests/e2e/js/sessions.mjs).</summary>
public sealed class JsSdkSessionTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task Sessions_JavaScriptSdk_EveryCheckPasses()
    {
        await server.ResetAsync();

        var (exit, output, error) = await NodeScripts.RunAsync("sessions.mjs", server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

        var failed = output.Split('\n').Where(line => line.Contains("\"ok\":false", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 0 && failed.Count == 0, $"failed checks:\n{string.Join('\n', failed)}\n{error}");
        Assert.Equal(13, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"ok\":true", StringComparison.Ordinal)));
    }
}
