using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>Temporary credentials stop working when their session ends (the server's clock is moved forward).</summary>
public sealed class CliSessionExpiryTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync()
    {
        server.Clock.Reset();
        await server.ResetAsync();
    }

    public ValueTask DisposeAsync()
    {
        server.Clock.Reset();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SessionToken_AfterItsDuration_ExpiredToken()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "temp");
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", "temp")).GetProperty("AccessKey");
        var user = _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
        var credentials = (await user.OkAsync("sts", "get-session-token", "--duration-seconds", "900")).GetProperty("Credentials");
        var session = _root.As(credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!,
            credentials.GetProperty("SessionToken").GetString()!);

        var identity = await session.OkAsync("sts", "get-caller-identity");
        server.Clock.Advance(TimeSpan.FromSeconds(901));
        var error = await session.FailsAsync("ExpiredToken", "sts", "get-caller-identity");

        Assert.Equal($"arn:aws:iam::{LocalIamServer.AccountId}:user/temp", identity.GetProperty("Arn").GetString());
        Assert.Contains("The security token included in the request is expired", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongTermKey_ClockMovedSixteenMinutes_SignatureExpired()
    {
        server.Clock.Advance(TimeSpan.FromMinutes(16));

        var error = await _root.FailsAsync("SignatureDoesNotMatch", "iam", "list-users");

        Assert.Contains("Signature expired", error, StringComparison.Ordinal);
    }
}
