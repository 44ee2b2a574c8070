using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>GetFederationToken through the AWS CLI: the federated user's ARN and id, its permissions (the user's and the session policy's intersection), and its refusals.</summary>
public sealed class CliFederationTokenTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string CostAndUsage = """{"Effect":"Allow","Action":"ce:GetCostAndUsage","Resource":"*"}""";
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync()
    {
        server.Clock.Reset();
        await server.ResetAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string FederatedUserArn(string name) => $"arn:aws:sts::{Account}:federated-user/{name}";

    private static readonly string[] Costs =
        ["ce", "get-cost-and-usage", "--time-period", "Start=2026-01-01,End=2026-02-01", "--granularity", "MONTHLY", "--metrics", "UnblendedCost"];

    /// <summary>A user that may get federation tokens and read costs.</summary>
    private Task<AwsCli> BrokerAsync() =>
        Setup.UserAsync("broker", Doc(Allows("\"sts:GetFederationToken\",\"ce:GetCostAndUsage\"")));

    [Fact]
    public async Task GetFederationToken_IamUser_FederatedUserThatGetCallerIdentityNames()
    {
        var broker = await BrokerAsync();

        var token = await broker.OkAsync("sts", "get-federation-token", "--name", "Bob", "--policy", Doc(CostAndUsage));
        var identity = await Setup.Session(token).OkAsync("sts", "get-caller-identity");

        Assert.Equal(FederatedUserArn("Bob"), token.GetProperty("FederatedUser").GetProperty("Arn").GetString());
        Assert.Equal($"{Account}:Bob", token.GetProperty("FederatedUser").GetProperty("FederatedUserId").GetString());
        Assert.True(token.GetProperty("PackedPolicySize").GetInt32() > 0);
        Assert.Equal(FederatedUserArn("Bob"), identity.GetProperty("Arn").GetString());
        Assert.Equal($"{Account}:Bob", identity.GetProperty("UserId").GetString());
    }

    [Fact]
    public async Task GetFederationToken_SessionPolicyAllowsWhatTheUserMay_Allowed()
    {
        var broker = await BrokerAsync();

        var federated = Setup.Session(await broker.OkAsync("sts", "get-federation-token", "--name", "Bob", "--policy", Doc(CostAndUsage)));

        await federated.OkAsync(Costs);
    }

    [Fact]
    public async Task GetFederationToken_NoSessionPolicy_FederatedUserMayDoNothing()
    {
        var broker = await BrokerAsync();

        var federated = Setup.Session(await broker.OkAsync("sts", "get-federation-token", "--name", "Bob"));

        await federated.FailsAsync("AccessDeniedException", Costs);
    }

    [Fact]
    public async Task GetFederationToken_SessionPolicyBeyondTheUsersPermissions_StillDenied()
    {
        var narrow = await Setup.UserAsync("narrow", Doc(Allows("\"sts:GetFederationToken\"")));

        var federated = Setup.Session(await narrow.OkAsync("sts", "get-federation-token", "--name", "Bob", "--policy", Doc(CostAndUsage)));

        await federated.FailsAsync("AccessDeniedException", Costs);
    }

    [Fact]
    public async Task GetFederationToken_FederatedUser_CannotCallIam()
    {
        var broker = await Setup.UserAsync("broker", Doc(Allows("\"sts:GetFederationToken\",\"iam:ListUsers\"")));

        var federated = Setup.Session(await broker.OkAsync("sts", "get-federation-token", "--name", "Bob", "--policy", Doc(Allows("\"iam:ListUsers\""))));

        await federated.FailsAsync("InvalidClientTokenId", "iam", "list-users");
    }

    [Fact]
    public async Task GetFederationToken_FederatedUser_MayCallNoStsOperationButGetCallerIdentity()
    {
        // The role trusts the broker's account and the broker's and the session's policies allow everything:
        // STS still refuses the federated user (STS API Reference, GetFederationToken, "Permissions").
        await Setup.RoleAsync("Target", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        var broker = await Setup.UserAsync("broker", Doc(Allows("\"*\"")));
        var federated = Setup.Session(await broker.OkAsync("sts", "get-federation-token", "--name", "Bob", "--policy", Doc(Allows("\"*\""))));

        var error = await federated.FailsAsync("AccessDenied", AssumeRole(RoleArn("Target"), "s1"));
        await federated.FailsAsync("AccessDenied", "sts", "get-access-key-info", "--access-key-id", LocalIamServer.RootAccessKeyId);
        await federated.OkAsync("sts", "get-caller-identity");

        Assert.Contains(
            $"User: {FederatedUserArn("Bob")} is not authorized to perform: sts:AssumeRole on resource: {RoleArn("Target")} because federated user credentials",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFederationToken_UserWithoutPermission_AccessDeniedOnTheFederatedUser()
    {
        var plain = await Setup.UserAsync("plain");

        var error = await plain.FailsAsync("AccessDenied", "sts", "get-federation-token", "--name", "Bob");

        Assert.Contains($"User: {UserArn("plain")} is not authorized to perform: sts:GetFederationToken on resource: {FederatedUserArn("Bob")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFederationToken_SessionCredentials_AccessDenied()
    {
        await Setup.RoleAsync("Broker", Doc(Trusts(UserArn("dev"))), Doc(Allows("\"sts:GetFederationToken\"")));
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"sts:AssumeRole\"")));
        var session = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Broker"), "s1")));

        var error = await session.FailsAsync("AccessDenied", "sts", "get-federation-token", "--name", "Bob");

        Assert.Contains("Cannot call GetFederationToken with session credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFederationToken_SessionCredentialsWithoutPermission_RefusedAsSessionCredentialsBeforeAnyPolicy()
    {
        await Setup.RoleAsync("Plain", Doc(Trusts(UserArn("dev"))));
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"sts:AssumeRole\"")));
        var session = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Plain"), "s1")));
        var broker = await BrokerAsync();
        var federated = Setup.Session(await broker.OkAsync("sts", "get-federation-token", "--name", "Bob", "--policy", Doc(Allows("\"*\""))));

        var fromRole = await session.FailsAsync("AccessDenied", "sts", "get-federation-token", "--name", "Bob");
        var fromFederated = await federated.FailsAsync("AccessDenied", "sts", "get-federation-token", "--name", "Eve");

        Assert.Contains("Cannot call GetFederationToken with session credentials", fromRole, StringComparison.Ordinal);
        Assert.Contains("Cannot call GetFederationToken with session credentials", fromFederated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFederationToken_TagsWithoutTagSession_AccessDenied()
    {
        var broker = await BrokerAsync();

        var error = await broker.FailsAsync("AccessDenied", "sts", "get-federation-token", "--name", "Bob", "--tags", "Key=team,Value=blue");

        Assert.Contains($"is not authorized to perform: sts:TagSession on resource: {FederatedUserArn("Bob")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFederationToken_NameOutsideTheModel_ValidationError()
    {
        var broker = await BrokerAsync();

        // The CLI checks lengths itself; the pattern is the server's to check.
        var error = await broker.FailsAsync("ValidationError", "sts", "get-federation-token", "--name", "Bob Smith");

        Assert.Contains("Value 'Bob Smith' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern", error, StringComparison.Ordinal);
    }
}
