using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>What GetSessionToken credentials may call, with and without MFA; through the AWS CLI.</summary>
public sealed class CliSessionTokenTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync()
    {
        server.Clock.Reset();
        await server.ResetAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task WithoutMfa_CallingIam_InvalidClientTokenId()
    {
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"iam:*\"")));
        var session = Setup.Session(await dev.OkAsync("sts", "get-session-token"));

        var error = await session.FailsAsync("InvalidClientTokenId", "iam", "list-users");

        Assert.Contains("The security token included in the request is invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutMfa_GetCallerIdentityAndAssumeRole_AllowedAndNotCappedAsARoleChain()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"))), null, "--max-session-duration", "7200");
        var dev = await Setup.UserAsync("dev");
        var session = Setup.Session(await dev.OkAsync("sts", "get-session-token"));

        var identity = await session.OkAsync("sts", "get-caller-identity");
        var assumed = await session.OkAsync(AssumeRole(RoleArn("Ops"), "from-token", "--duration-seconds", "7200"));

        Assert.Equal(UserArn("dev"), identity.GetProperty("Arn").GetString());
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/Ops/from-token", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task WithoutMfa_GetSessionTokenAgain_AccessDenied()
    {
        var dev = await Setup.UserAsync("dev");
        var session = Setup.Session(await dev.OkAsync("sts", "get-session-token"));

        var error = await session.FailsAsync("AccessDenied", "sts", "get-session-token");

        Assert.Contains("Cannot call GetSessionToken with session credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithMfa_CallingIam_AllowedAndMultiFactorAuthPresent()
    {
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"iam:ListUsers\"", """{"Bool":{"aws:MultiFactorAuthPresent":"true"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}""")));
        var (serial, seed) = await VirtualMfa.EnableAsync(_root, "dev");
        var session = Setup.Session(await dev.OkAsync("sts", "get-session-token", "--serial-number", serial, "--token-code", VirtualMfa.CurrentCode(seed)));

        await session.OkAsync("iam", "list-users");
        await dev.FailsAsync("AccessDenied", "iam", "list-users");
    }

    [Fact]
    public async Task WithMfa_WrongCode_AccessDeniedInAwsWords()
    {
        var dev = await Setup.UserAsync("dev");
        var (serial, seed) = await VirtualMfa.EnableAsync(_root, "dev");
        var wrong = ((int.Parse(VirtualMfa.CurrentCode(seed), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var error = await dev.FailsAsync("AccessDenied", "sts", "get-session-token", "--serial-number", serial, "--token-code", wrong);

        Assert.Contains("MultiFactorAuthentication failed with invalid MFA one time pass code.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithMfa_AnotherUsersDevice_AccessDeniedInAwsWords()
    {
        var dev = await Setup.UserAsync("dev");
        await Setup.UserAsync("ops");
        var (serial, seed) = await VirtualMfa.EnableAsync(_root, "ops");

        var error = await dev.FailsAsync("AccessDenied", "sts", "get-session-token", "--serial-number", serial, "--token-code", VirtualMfa.CurrentCode(seed));

        Assert.Contains("MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_SessionToken_CannotCallIam()
    {
        var session = Setup.Session(await _root.OkAsync("sts", "get-session-token"));

        var identity = await session.OkAsync("sts", "get-caller-identity");
        await session.FailsAsync("InvalidClientTokenId", "iam", "list-users");

        Assert.Equal($"arn:aws:iam::{Account}:root", identity.GetProperty("Arn").GetString());
    }
}
