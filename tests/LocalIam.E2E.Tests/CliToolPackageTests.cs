using System.Diagnostics;
using System.Runtime.InteropServices;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// The .NET tool as README installs it: `dotnet pack` makes the portable package and the
/// precompiled linux-x64 one, `dotnet tool install` picks the one for this machine, and the
/// installed `localiam` runs a lab from its embedded copy. Packing publishes the CLI twice
/// (a few minutes on two cores), so it runs with LOCALIAM_LONG_TESTS=1.
/// </summary>
public sealed class CliToolPackageTests
{
    [Fact]
    public async Task PackedTool_InstallsThePackageForThisMachine_AndRunsALab()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LOCALIAM_LONG_TESTS") == "1", "packing the tool runs with LOCALIAM_LONG_TESTS=1");
        var work = Directory.CreateTempSubdirectory("localiam-tool-");
        try
        {
            var packages = Path.Combine(work.FullName, "packages");
            var tools = Path.Combine(work.FullName, "tools");
            var pack = await RunAsync("dotnet", RepositoryRoot.Folder, "pack", "src/LocalIam.Cli", "-c", "Release", "-o", packages, "-nologo");
            Assert.True(pack.ExitCode == 0, pack.Output);
            Assert.Equal(
                ["LocalIam.0.11.0.nupkg", "LocalIam.any.0.11.0.nupkg", "LocalIam.linux-x64.0.11.0.nupkg"],
                Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));

            var install = await RunAsync("dotnet", work.FullName, "tool", "install", "--tool-path", tools, "--add-source", packages, "LocalIam");
            Assert.True(install.ExitCode == 0, install.Output);
            var rid = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? "linux-x64" : "any";
            Assert.True(Directory.Exists(Path.Combine(tools, ".store", "localiam", "0.11.0", $"localiam.{rid}")), $"the {rid} package was not the one installed");

            var lab = await RunAsync(Path.Combine(tools, "localiam"), work.FullName, "lab", "run", "billing-access");
            Assert.True(lab.ExitCode == 0, lab.Output);
            Assert.Contains("33 passed, 0 failed: the lab behaves as it says.", lab.Output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var run = await LocalIamCli.RunProcessAsync(start, TimeSpan.FromMinutes(15));
        return (run.ExitCode, run.Output + run.Error);
    }
}
