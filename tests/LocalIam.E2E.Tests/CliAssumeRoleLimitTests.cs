using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>AssumeRole's limits: the session name, the durations, the session policy's size; through the AWS CLI.</summary>
public sealed class CliAssumeRoleLimitTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync()
    {
        await server.ResetAsync();
        await Setup.RoleAsync("Long", Doc(Trusts(UserArn("dev")), Trusts(RoleArn("Jump"))), null, "--max-session-duration", "43200");
        await Setup.RoleAsync("Jump", Doc(Trusts(UserArn("dev"))), Doc(Allows("\"sts:AssumeRole\"")), "--max-session-duration", "43200");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("bad name")]
    [InlineData("Session1:2")]
    public async Task RoleSessionName_OutsideThePattern_ValidationErrorInAwsWords(string name)
    {
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("ValidationError", AssumeRole(RoleArn("Long"), name));

        Assert.Contains($@"1 validation error detected: Value '{name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleArn_NotAnArn_ValidationErrorInAwsWords()
    {
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("ValidationError", AssumeRole("nothing-valid-in-here", "s1"));

        Assert.Contains("nothing-valid-in-here is invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duration_WithinTheRolesMaximum_SessionLastsThatLong()
    {
        var dev = await Setup.UserAsync("dev");

        var assumed = await dev.OkAsync(AssumeRole(RoleArn("Long"), "s1", "--duration-seconds", "43200"));

        var expires = assumed.GetProperty("Credentials").GetProperty("Expiration").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddHours(12).AddMinutes(-2), DateTimeOffset.UtcNow.AddHours(12).AddMinutes(2));
    }

    [Fact]
    public async Task Duration_AboveTheRolesMaximum_ValidationErrorInAwsWords()
    {
        await Setup.RoleAsync("Short", Doc(Trusts(UserArn("dev"))));
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("ValidationError", AssumeRole(RoleArn("Short"), "s1", "--duration-seconds", "3601"));

        Assert.Contains("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleChaining_DurationAboveOneHour_ValidationErrorInAwsWords()
    {
        var dev = await Setup.UserAsync("dev");
        var jump = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Jump"), "hop1", "--duration-seconds", "7200")));

        var error = await jump.FailsAsync("ValidationError", AssumeRole(RoleArn("Long"), "hop2", "--duration-seconds", "7200"));
        var oneHour = await jump.OkAsync(AssumeRole(RoleArn("Long"), "hop3", "--duration-seconds", "3600"));

        Assert.Contains("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", error, StringComparison.Ordinal);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/Long/hop3", oneHour.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Policy_LongerThan2048Characters_ValidationError()
    {
        var dev = await Setup.UserAsync("dev");
        var policy = Doc(Allows(string.Join(',', Enumerable.Range(0, 120).Select(i => $"\"s3:GetObject{i:D4}\""))));
        Assert.True(policy.Length > 2048);

        var error = await dev.FailsAsync("ValidationError", AssumeRole(RoleArn("Long"), "s1", "--policy", policy));

        Assert.Contains("at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_ManyVariedActionsUnderTheCharacterLimit_PackedPolicyTooLargeInAwsWords()
    {
        var dev = await Setup.UserAsync("dev");
        string[] services = ["cloudformation", "dynamodb", "s3", "lambda", "iam", "logs", "apigateway", "events", "sqs", "sns", "ec2", "ssm"];
        string[] verbs = ["Create", "Delete", "Update", "Get", "List", "Describe", "Put", "Tag"];
        string[] nouns = ["Stack", "Table", "Bucket", "Function", "Role", "LogGroup", "RestApi", "Rule", "Queue", "Topic", "Item", "Instances"];
        var actions = Enumerable.Range(0, 80).Select(i => $"{services[i % 12]}:{verbs[i / 12 % 8]}{nouns[i * 5 % 12]}");
        var policy = Doc(Allows(string.Join(',', actions.Select(a => JsonSerializer.Serialize(a)))));
        Assert.True(policy.Length <= 2048, $"{policy.Length} characters");

        var error = await dev.FailsAsync("PackedPolicyTooLarge", AssumeRole(RoleArn("Long"), "s1", "--policy", policy));

        Assert.Matches(@"Packed policy consumes 1[0-9]{2}% of allotted space, please use smaller policy\.", error);
    }

    [Fact]
    public async Task Policy_Small_PackedPolicySizeIsAFewTensOfPercent()
    {
        var dev = await Setup.UserAsync("dev");

        var assumed = await dev.OkAsync(AssumeRole(RoleArn("Long"), "s1", "--policy", Doc(Allows("\"iam:GetUser\""))));

        Assert.InRange(assumed.GetProperty("PackedPolicySize").GetInt32(), 5, 50);
    }
}
