using System.Diagnostics;
using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>Runs the AWS SDK for JavaScript v3 scripts in tests/e2e/js (their packages installed by scripts/test.sh).</summary>
public static class NodeScripts
{
    public static string Folder { get; } = FindFolder();

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string endpoint, string accessKeyId, string secret, params string[] arguments) =>
        RunInRegionAsync(script, endpoint, accessKeyId, secret, null, arguments);

    /// <summary>The same, with the SDK's region set to <paramref name="region"/> (us-east-1 when null).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunInRegionAsync(string script, string endpoint, string accessKeyId, string secret, string? region, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules", "@aws-sdk")), "npm packages missing: scripts/test.sh runs npm ci in tests/e2e/js");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add("--no-warnings");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOCALIAM_ENDPOINT"] = endpoint;
        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secret;
        start.Environment["AWS_REGION"] = region ?? "us-east-1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>node billing.mjs get|set: the billing setting's JSON operations, signed by the SDK's signer.</summary>
    public static async Task<(int Status, JsonElement Body)> BillingAsync(string endpoint, string accessKeyId, string secret, params string[] arguments)
    {
        var (exit, output, error) = await RunAsync("billing.mjs", endpoint, accessKeyId, secret, arguments);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        return (json.GetProperty("status").GetInt32(), json.GetProperty("body"));
    }

    /// <summary>node sdk-call.mjs: one Cost Explorer (<c>ce</c>) or Budgets call through the SDK's own client; the parsed {"ok", "output"} or {"ok": false, "name", "status", "message"}.</summary>
    public static async Task<JsonElement> SdkCallAsync(string endpoint, string accessKeyId, string secret, string service, string operation, string input, string? region = null)
    {
        var (exit, output, error) = await RunInRegionAsync("sdk-call.mjs", endpoint, accessKeyId, secret, region, service, operation, input);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string FindFolder() => Path.Combine(RepositoryRoot.Folder, "tests", "e2e", "js");
}
