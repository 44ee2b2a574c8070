using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// `localiam lab` as a learner runs it: every shipped lab passes on a fresh in-process LocalIam
/// (who-can steps check exactly the principals the lab expects at each step); a failed
/// expectation fails the run with exit 1 and the lab's line; a malformed lab is refused with
/// exit 2, its file, line and column; the billing lab plays the same against a running server.
/// </summary>
public sealed class CliLabTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cli-lab-").FullName;

    [Theory]
    [InlineData("billing-access", 33)]
    [InlineData("permissions-boundary", 16)]
    [InlineData("role-session", 18)]
    [InlineData("billing-action-sets", 26)]
    public async Task Run_ShippedLab_EveryStepPasses(string lab, int steps)
    {
        var run = await LocalIamCli.RunAsync("lab", "run", lab);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"{steps} passed, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Run_BillingAccessAsJson_WhoCanStepsNameExactlyTheExpectedPrincipals()
    {
        var run = await LocalIamCli.RunAsync("lab", "run", "billing-access", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        var report = LocalIamCli.Json(run);
        Assert.Equal(33, report.GetProperty("Passed").GetInt32());
        Assert.Equal(0, report.GetProperty("Failed").GetInt32());
        var whoCan = report.GetProperty("Steps").EnumerateArray().Where(s => s.GetProperty("Kind").GetString() == "WhoCan").Select(s => s.GetProperty("Outcome").GetString()!).ToList();
        Assert.Equal<string>(["root", "root", "admin, root", "admin, gexter1, gexter2, root", "root"], whoCan);
        var gate = report.GetProperty("Steps").EnumerateArray().First(s => s.GetProperty("Title").GetString()!.StartsWith("The admin opens Bills and is refused", StringComparison.Ordinal));
        Assert.Contains("IAM user and role access to Billing information is not activated", gate.GetProperty("Detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BillingAccessAgainstRunningServer_Passes()
    {
        await server.ResetAsync();
        var environment = LocalIamCli.RootKeys;
        environment["LOCALIAM_ROOT_EMAIL"] = LocalIamServer.RootEmail;
        environment["LOCALIAM_ROOT_PASSWORD"] = LocalIamServer.RootPassword;

        var run = await LocalIamCli.RunAsync(environment, "lab", "run", "billing-access", "--endpoint", server.Endpoint);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"Account {LocalIamServer.AccountId} at {server.Endpoint}/", run.Output, StringComparison.Ordinal);
        Assert.Contains("33 passed, 0 failed", run.Output, StringComparison.Ordinal);
        await server.ResetAsync();
    }

    [Fact]
    public async Task Run_UnmetExpectation_FailsWithTheStepAndItsLine()
    {
        var lab = Write("wrong.yaml", """
            name: wrong
            title: A lab that expects too much
            steps:
              - title: Root creates alice
                call: iam:CreateUser
                with: { UserName: alice }
              - title: alice may create users (she may not)
                as: alice
                call: iam:CreateUser
                with: { UserName: bob }
              - title: Who can create users
                who-can: iam:CreateUser
                expect: { principals: [root, alice] }
            """);

        var run = await LocalIamCli.RunAsync("lab", "run", lab);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL 2. alice may create users (she may not)", run.Output, StringComparison.Ordinal);
        Assert.Contains("alice: iam:CreateUser -> refused: AccessDenied", run.Output, StringComparison.Ordinal);
        Assert.Contains("expected it to be allowed (line 7 of the lab)", run.Output, StringComparison.Ordinal);
        Assert.Contains("expected exactly alice, root; missing alice (line 11 of the lab)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 passed, 2 failed", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("steps:\n  - call: iam:CreateUser\n    expct: allowed\n", ":3:5: step 1: unknown key `expct`")]
    [InlineData("title: t\nsteps:\n  - call: iam:CreateUser\n    console: /console\n", ":3:5: step 1: give exactly one of `call`, `console`, `who-can` and `explain`")]
    [InlineData("title: t\nsteps:\n  - who-can: iam:CreateUser\n", ":3:5: step 1: a who-can step needs `expect: {principals: [...]}`")]
    [InlineData("title: t\nsteps: [ {call: iam:CreateUser\n", "not valid YAML")]
    [InlineData("title: t\nsteps:\n  - call: CreateUser\n", "must name service:Operation")]
    [InlineData("title: t\nsteps:\n  - call: s3:ListBuckets\n", "the lab runner calls iam, sts, billing, ce, budgets operations")]
    public async Task Run_MalformedLab_RefusedWithWhereAndWhat(string text, string message)
    {
        var lab = Write("bad.yaml", text);

        var run = await LocalIamCli.RunAsync("lab", "run", lab);

        Assert.True(run.ExitCode == (message.Contains("lab runner", StringComparison.Ordinal) ? 1 : 2), run.Output + run.Error);
        Assert.Contains(message, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownLab_RefusedNamingTheShippedOnes()
    {
        var run = await LocalIamCli.RunAsync("lab", "run", "no-such-lab\u001b[31m");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("localiam lab run: no lab `no-such-lab\\u001B[31m`: give a file, or one of billing-access, billing-action-sets, permissions-boundary, role-session (see `localiam lab list`)\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task List_NamesTheShippedLabs()
    {
        var run = await LocalIamCli.RunAsync("lab", "list", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal<string>(
            ["billing-access", "billing-action-sets", "permissions-boundary", "role-session"],
            LocalIamCli.Json(run).EnumerateArray().Select(l => l.GetProperty("Name").GetString()!).ToArray());
    }

    [Fact]
    public async Task New_WritesATemplateThatRuns_AndNeverOverwrites()
    {
        var path = Path.Combine(_folder, "mine.yaml");

        var written = await LocalIamCli.RunAsync("lab", "new", path);
        var again = await LocalIamCli.RunAsync("lab", "new", path);
        var run = await LocalIamCli.RunAsync("lab", "run", path);

        Assert.Equal(0, written.ExitCode);
        Assert.StartsWith("# A LocalIam lab", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal((2, $"localiam lab new: `{path}` exists: give another file name\n"), (again.ExitCode, again.Error.ReplaceLineEndings("\n")));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("8 passed, 0 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShowsExamples()
    {
        var run = await LocalIamCli.RunAsync("lab", "run", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit code: 0 every step passed, 1 a step failed, 2 the lab file is refused.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Examples:\n  localiam lab run billing-access\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
