using System.Diagnostics;
using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>What one `aws` command answered.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs the real AWS CLI v2 (Debian's `awscli`, /usr/bin/aws) against the server, with the given
/// credentials and nothing from the user's own AWS configuration.
/// </summary>
public sealed class AwsCli(string endpoint, string accessKeyId, string secret, string? sessionToken = null)
{
    public string AccessKeyId => accessKeyId;

    public string Secret => secret;

    public const string Executable = "/usr/bin/aws";

    public static void RequireInstalled() =>
        Assert.True(File.Exists(Executable), "the AWS CLI v2 is not installed: scripts/test.sh installs Debian's awscli");

    public AwsCli As(string otherKeyId, string otherSecret, string? otherToken = null) => new(endpoint, otherKeyId, otherSecret, otherToken);

    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        RequireInstalled();
        string[] command = ["--endpoint-url", endpoint, "--output", "json", "--no-cli-pager", .. arguments];

        // Only these AWS variables: nothing from the user's own AWS configuration or profile.
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = secret,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_MAX_ATTEMPTS"] = "1",
        };
        if (sessionToken is not null)
        {
            environment["AWS_SESSION_TOKEN"] = sessionToken;
        }

        if (AwsCliHost.Enabled)
        {
            return await AwsCliHost.RunAsync(command, environment, TimeSpan.FromSeconds(60));
        }

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command that must succeed; returns its JSON output (or an empty object).</summary>
    public async Task<JsonElement> OkAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.Succeeded, $"aws {string.Join(' ', arguments)} failed: {result.Error}");
        return result.Output.Trim().Length == 0 ? JsonDocument.Parse("{}").RootElement : result.Json;
    }

    /// <summary>Runs a command that must fail with an AWS error code; returns the CLI's error text.</summary>
    public async Task<string> FailsAsync(string errorCode, params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.False(result.Succeeded, $"aws {string.Join(' ', arguments)} should have failed with {errorCode}");
        Assert.Contains($"({errorCode})", result.Error, StringComparison.Ordinal);
        return result.Error;
    }
}
