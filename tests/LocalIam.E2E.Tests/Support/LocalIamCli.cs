using System.Diagnostics;
using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// The `localiam` CLI as users run it: the build output beside the tests, in a process of its own,
/// with a clean environment for LocalIam's variables and the AWS credentials a test gives.
/// </summary>
public static class LocalIamCli
{
    public static Task<CliResult> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "localiam.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "LOCALIAM_DATABASE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "NO_COLOR" })
        {
            start.Environment.Remove(name);
        }

        // No profile of the machine's user may answer for a test.
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/config";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await RunProcessAsync(start, TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs <paramref name="start"/> to its end, killed with its children after <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        expiry.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>The root user's keys of <see cref="LocalIamServer"/>, as AWS's variables carry them.</summary>
    public static Dictionary<string, string> RootKeys => new()
    {
        ["AWS_ACCESS_KEY_ID"] = LocalIamServer.RootAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = LocalIamServer.RootSecret,
    };

    public static JsonElement Json(CliResult result) => JsonDocument.Parse(result.Output).RootElement;
}
