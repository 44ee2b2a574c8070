using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>What AssumeRole's trust policy sees: the external id, the source identity, MFA; through the AWS CLI.</summary>
public sealed class CliAssumeRoleTrustTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string AssumeAndSetSource = "\"sts:AssumeRole\",\"sts:SetSourceIdentity\"";
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync()
    {
        server.Clock.Reset();
        await server.ResetAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ExternalId_TheOneTheTrustPolicyRequires_Assumed()
    {
        var dev = await ThirdPartyRoleAndCallerAsync();

        var assumed = await dev.OkAsync(AssumeRole(RoleArn("Vendor"), "s1", "--external-id", "Example987"));

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/Vendor/s1", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
    }

    [Theory]
    [InlineData("Example988")]
    [InlineData(null)]
    public async Task ExternalId_WrongOrMissing_AccessDenied(string? externalId)
    {
        var dev = await ThirdPartyRoleAndCallerAsync();

        var error = await dev.FailsAsync("AccessDenied", externalId is null
            ? AssumeRole(RoleArn("Vendor"), "s1")
            : AssumeRole(RoleArn("Vendor"), "s1", "--external-id", externalId));

        Assert.Contains($"User: {UserArn("dev")} is not authorized to perform: sts:AssumeRole on resource: {RoleArn("Vendor")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceIdentity_AllowedByTheTrustPolicy_ReturnedAndSeenAsAwsSourceIdentityLater()
    {
        var onlyAsDevUser = """{"StringEquals":{"aws:SourceIdentity":"DevUser"}}""";
        await Setup.RoleAsync("Audited", Doc(Trusts(UserArn("dev"), AssumeAndSetSource, """{"StringEquals":{"sts:SourceIdentity":"DevUser"}}""")),
            Doc(Allows("\"iam:ListUsers\"", onlyAsDevUser)));
        var dev = await Setup.UserAsync("dev");

        var assumed = await dev.OkAsync(AssumeRole(RoleArn("Audited"), "s1", "--source-identity", "DevUser"));
        await Setup.Session(assumed).OkAsync("iam", "list-users");
        var other = await dev.FailsAsync("AccessDenied", AssumeRole(RoleArn("Audited"), "s1", "--source-identity", "Mallory"));

        Assert.Equal("DevUser", assumed.GetProperty("SourceIdentity").GetString());
        Assert.Contains($"is not authorized to perform: sts:AssumeRole on resource: {RoleArn("Audited")}", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceIdentity_TrustPolicyWithoutSetSourceIdentity_AccessDenied()
    {
        await Setup.RoleAsync("Plain", Doc(Trusts(UserArn("dev"))));
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("AccessDenied", AssumeRole(RoleArn("Plain"), "s1", "--source-identity", "DevUser"));

        Assert.Contains($"is not authorized to perform: sts:SetSourceIdentity on resource: {RoleArn("Plain")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceIdentity_InARoleChain_PersistsAndCannotChange()
    {
        await Setup.RoleAsync("Jump", Doc(Trusts(UserArn("dev"), AssumeAndSetSource)), Doc(Allows(AssumeAndSetSource)));
        await Setup.RoleAsync("Target", Doc(Trusts(RoleArn("Jump"), AssumeAndSetSource)));
        var dev = await Setup.UserAsync("dev");
        var jump = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Jump"), "hop1", "--source-identity", "DevUser")));

        var chained = await jump.OkAsync(AssumeRole(RoleArn("Target"), "hop2"));
        var changed = await jump.FailsAsync("InvalidParameterValue", AssumeRole(RoleArn("Target"), "hop3", "--source-identity", "Mallory"));

        Assert.Equal("DevUser", chained.GetProperty("SourceIdentity").GetString());
        Assert.Contains("The source identity of the calling session cannot be changed.", changed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mfa_TrustPolicyRequiringIt_MetOnlyWithTheCallersCode()
    {
        await Setup.RoleAsync("Guarded", Doc(Trusts(UserArn("dev"), condition: """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""")));
        var dev = await Setup.UserAsync("dev");
        var (serial, seed) = await VirtualMfa.EnableAsync(_root, "dev");

        var withoutMfa = await dev.FailsAsync("AccessDenied", AssumeRole(RoleArn("Guarded"), "s1"));
        await dev.OkAsync(AssumeRole(RoleArn("Guarded"), "s1", "--serial-number", serial, "--token-code", VirtualMfa.CurrentCode(seed)));

        Assert.Contains("sts:AssumeRole", withoutMfa, StringComparison.Ordinal);
    }

    private async Task<AwsCli> ThirdPartyRoleAndCallerAsync()
    {
        await Setup.RoleAsync("Vendor", Doc(Trusts($"arn:aws:iam::{Account}:root", condition: """{"StringEquals":{"sts:ExternalId":"Example987"}}""")));
        return await Setup.UserAsync("dev", Doc(Allows("\"sts:AssumeRole\"")));
    }
}
