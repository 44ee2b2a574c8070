using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>Privilege escalations found in review stay closed (tests/e2e/js/security.mjs).</summary>
public sealed class JsSdkSecurityTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task Escalations_JavaScriptSdk_AllRefused()
    {
        await server.ResetAsync();

        var (exit, output, error) = await NodeScripts.RunAsync("security.mjs", server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

        var failed = output.Split('\n').Where(line => line.Contains("\"ok\":false", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 0 && failed.Count == 0, $"failed checks:\n{string.Join('\n', failed)}\n{error}");
        Assert.Equal(7, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"ok\":true", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reset_FromABrowserPage_Forbidden()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Endpoint}/_localiam/reset");
        request.Headers.Add("Origin", "https://attacker.example");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
