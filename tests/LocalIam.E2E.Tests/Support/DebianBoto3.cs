using System.Diagnostics;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// Runs a script of tests/e2e/python with Debian's python3 and its boto3 (python3-boto3, installed
/// by scripts/install-clients.sh): never a copy from another Python nor a user's AWS configuration.
/// </summary>
public static class DebianBoto3
{
    public const string Interpreter = "/usr/bin/python3";

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        Assert.True(File.Exists(Interpreter), "Debian's python3 is missing: scripts/test.sh installs python3-boto3");
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Folder, "tests", "e2e", "python", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output, await error);
    }
}
