using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.E2E.Tests;

/// <summary>
/// <c>localiam lint</c> as users run it (the CLI's build output beside the tests): a table of
/// findings, ValidatePolicy's JSON, and exit codes scripts rely on (0 passed, 1 an ERROR or
/// SECURITY_WARNING finding, 2 a usage or input error); never colours when redirected.
/// </summary>
public sealed class CliLintTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cli-lint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Policy(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Lint_FaultyPolicy_TableWithLocationsAndExitOne()
    {
        var file = Policy("faulty.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"*\"}]\n}\n");

        var run = await RunAsync("lint", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}:3:47", run.Output, StringComparison.Ordinal);
        Assert.Contains("INVALID_ACTION", run.Output, StringComparison.Ordinal);
        Assert.Contains("The action s3:GetObjekt does not exist. Did you mean s3:GetObject?", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 finding in 1 file: 1 error, 0 security warnings, 0 warnings, 0 suggestions", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_CleanPolicyAndWarningsOnly_ExitZero()
    {
        var clean = Policy("clean.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""");
        var warned = Policy("warned.json", """{"Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:GetUser"],"Resource":"*"}]}""");

        var run = await RunAsync("lint", clean, warned);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MISSING_VERSION", run.Output, StringComparison.Ordinal);
        Assert.Contains("REDUNDANT_ACTION", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 findings in 2 files", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_JsonOutput_IsValidatePolicysFindings()
    {
        var file = Policy("passrole.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""");

        var run = await RunAsync("lint", file, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        var finding = Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SECURITY_WARNING", finding.GetProperty("findingType").GetString());
        Assert.Equal("PASS_ROLE_WITH_STAR_IN_RESOURCE", finding.GetProperty("issueCode").GetString());
        var start = finding.GetProperty("locations")[0].GetProperty("span").GetProperty("start");
        Assert.Equal(1, start.GetProperty("line").GetInt32());
        Assert.Equal(64, start.GetProperty("column").GetInt32());
        Assert.Equal(64, start.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Lint_TrustType_ChecksTheTrustPolicyRules()
    {
        var file = Policy("trust.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""");

        var run = await RunAsync("lint", "--type", "trust", file, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
            Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("findings").EnumerateArray()).GetProperty("issueCode").GetString());
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("lint", "/nonexistent/policy.json")]
    [InlineData("lint", "--type", "group", "POLICY")]
    [InlineData("lint", "--resource-type", "AWS::S3::Bucket", "POLICY")]
    public async Task Lint_UsageOrInputError_ExitTwoWithOneLine(params string[] arguments)
    {
        var file = Policy("any.json", "{}");

        var run = await RunAsync([.. arguments.Select(a => a == "POLICY" ? file : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("localiam lint: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    internal static Task<CliResult> RunAsync(params string[] arguments) => LocalIamCli.RunAsync(arguments);
}

/// <summary><c>localiam lint --account-checks</c> on a store as <c>localiam serve</c> leaves it: LocalIam's own account check.</summary>
public sealed class CliLintAccountTests : IAsyncLifetime
{
    private const string Account = "111122223333";

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cli-lint-account-").FullName;

    private string Data => Path.Combine(_folder, "data");

    public async ValueTask InitializeAsync()
    {
        var environment = new Dictionary<string, string> { ["LOCALIAM_ACCOUNT_ID"] = Account };
        var app = LocalIam.Server.Hosting.LocalIamApp.Build(
            new LocalIam.Server.Hosting.LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = Data }, environment.GetValueOrDefault, TextWriter.Null);
        try
        {
            await LocalIam.Server.Hosting.LocalIamApp.StartAsync(app);
            var root = LocalIam.Iam.IamCaller.Root(Account);
            var services = app.Services;
            await services.GetRequiredService<LocalIam.Iam.Users.UserService>().CreateAsync(root, "gexter1");
            await services.GetRequiredService<LocalIam.Iam.Policies.AttachmentService>()
                .AttachAsync(root, LocalIam.Storage.Entities.OwnerKind.User, "gexter1", "arn:aws:iam::aws:policy/AdministratorAccess");
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Lint_AccountChecks_AdministratorAccessOnAUserIsAWarning()
    {
        var table = await CliLintTests.RunAsync("lint", "--account-checks", "--data", Data);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("LOCALIAM_ADMIN_ACCESS_ON_USER", table.Output, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{Account}:user/gexter1", table.Output, StringComparison.Ordinal);

        var json = await CliLintTests.RunAsync("lint", "--account-checks", "--data", Data, "--output", "json");
        var finding = Assert.Single(JsonDocument.Parse(json.Output).RootElement.GetProperty("accountFindings").EnumerateArray());
        Assert.Equal("WARNING", finding.GetProperty("findingType").GetString());
        Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", finding.GetProperty("policy").GetString());

        var missing = await CliLintTests.RunAsync("lint", "--account-checks", "--data", Path.Combine(_folder, "nothing"));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("localiam lint: no LocalIam store in", missing.Error, StringComparison.Ordinal);
    }
}
