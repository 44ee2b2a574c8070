using System.Diagnostics;

namespace LocalIam.Hostile.Tests.Support;

/// <summary>Runs one of the hostile suite's node scripts (tests/e2e/js/hostile) against a server, with root's credentials.</summary>
public static class Node
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string endpoint, TimeSpan timeout, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(Repository.JsFolder, "node_modules", "@aws-sdk")), "npm packages missing: scripts/test.sh runs npm ci in tests/e2e/js");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Repository.JsFolder, "hostile") };
        start.ArgumentList.Add("--no-warnings");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOCALIAM_ENDPOINT"] = endpoint;
        start.Environment["AWS_ACCESS_KEY_ID"] = E2E.Tests.Support.LocalIamServer.RootAccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = E2E.Tests.Support.LocalIamServer.RootSecret;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment[LongTests.Variable] = LongTests.Enabled ? "1" : "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await output, $"node {script} did not finish within {timeout}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
