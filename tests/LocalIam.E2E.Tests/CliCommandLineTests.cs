using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Command lines that do not parse are refused like any other input: exit code 2 and one line per
/// error on stderr naming the verb and its help, nothing on stdout.
/// </summary>
public sealed class CliCommandLineTests
{
    [Theory]
    [InlineData("localiam who-can: Required argument missing for command: 'who-can'. (see `localiam who-can --help`)", "who-can")]
    [InlineData("localiam who-can: `--output yaml` is not an output format: give table or json (see `localiam who-can --help`)", "who-can", "iam:GetUser", "--output", "yaml")]
    [InlineData("localiam lab run: Unrecognized command or argument '--bogus'. (see `localiam lab run --help`)", "lab", "run", "billing-access", "--bogus")]
    [InlineData("localiam explain: `--output 1` is not an output format: give table or json (see `localiam explain --help`)", "explain", "admin", "iam:GetUser", "-o", "1")]
    public async Task UnparsableCommandLine_IsRefusedWithExitCodeTwo(string refusal, params string[] arguments)
    {
        var run = await LocalIamCli.RunAsync(arguments);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Output));
        Assert.Equal(refusal, run.Error.TrimEnd('\n'));
    }

    [Fact]
    public async Task UnknownVerb_IsRefusedWithExitCodeTwo()
    {
        var run = await LocalIamCli.RunAsync("bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("localiam: Unrecognized command or argument 'bogus'. (see `localiam --help`)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoVerb_ShowsHelp()
    {
        var run = await LocalIamCli.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("who-can", run.Output, StringComparison.Ordinal);
        Assert.Contains("lab", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpWithAMissingArgument_StillShowsHelp()
    {
        var run = await LocalIamCli.RunAsync("explain", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
    }
}
