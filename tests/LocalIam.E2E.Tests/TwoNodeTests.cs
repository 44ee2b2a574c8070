using LocalIam.E2E.Tests.Support;
using Npgsql;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Two `serve` nodes on one PostgreSQL database behave as one service: a change made through one
/// is enforced by the other on the very next request, with no stale cached authorization.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly string _database = "localiam_nodes_" + Guid.NewGuid().ToString("N");
    private readonly string _secretKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private string _admin = string.Empty;
    private LocalIamServer? _first;
    private LocalIamServer? _second;

    public async ValueTask InitializeAsync()
    {
        var admin = Environment.GetEnvironmentVariable("LOCALIAM_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(admin), "LOCALIAM_TEST_POSTGRES is not set: run scripts/test.sh, which starts PostgreSQL");
        _admin = admin!;
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var shared = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        _first = LocalIamServer.OnDatabase(shared, _secretKey);
        _second = LocalIamServer.OnDatabase(shared, _secretKey);
        await _first.InitializeAsync();
        await _second.InitializeAsync();
    }

    [Fact]
    public async Task PolicyChange_ThroughOneNode_EnforcedByTheOtherAtOnce()
    {
        var rootOnFirst = new AwsCli(_first!.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        await rootOnFirst.OkAsync("iam", "create-user", "--user-name", "bob");
        var key = (await rootOnFirst.OkAsync("iam", "create-access-key", "--user-name", "bob")).GetProperty("AccessKey");
        var bobOnSecond = new AwsCli(_second!.Endpoint, key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        await bobOnSecond.FailsAsync("AccessDenied", "iam", "list-users");
        await rootOnFirst.OkAsync("iam", "attach-user-policy", "--user-name", "bob", "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        var users = await bobOnSecond.OkAsync("iam", "list-users");
        await rootOnFirst.OkAsync("iam", "detach-user-policy", "--user-name", "bob", "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        await bobOnSecond.FailsAsync("AccessDenied", "iam", "list-users");

        Assert.Equal("bob", users.GetProperty("Users")[0].GetProperty("UserName").GetString());
    }

    [Fact]
    public async Task AccessKey_DeactivatedThroughOneNode_RefusedByTheOther()
    {
        var rootOnFirst = new AwsCli(_first!.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        await rootOnFirst.OkAsync("iam", "create-user", "--user-name", "carol");
        var key = (await rootOnFirst.OkAsync("iam", "create-access-key", "--user-name", "carol")).GetProperty("AccessKey");
        var keyId = key.GetProperty("AccessKeyId").GetString()!;
        var carolOnSecond = new AwsCli(_second!.Endpoint, keyId, key.GetProperty("SecretAccessKey").GetString()!);
        await carolOnSecond.OkAsync("sts", "get-caller-identity");

        await rootOnFirst.OkAsync("iam", "update-access-key", "--user-name", "carol", "--access-key-id", keyId, "--status", "Inactive");

        await carolOnSecond.FailsAsync("InvalidClientTokenId", "sts", "get-caller-identity");
    }

    public async ValueTask DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_admin.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
