using LocalIam.E2E.Tests.Support;
using LocalIam.Hostile.Tests.Support;
using Npgsql;

namespace LocalIam.Hostile.Tests.Store;

/// <summary>
/// The store's files and keys (issue 7, defect 8): the database and its WAL readable by the owner
/// only, the folder too; a node started on a shared PostgreSQL store with another secret key
/// refuses to start and says which key is wrong and how to set it.
/// </summary>
public sealed class StoreHardeningTests
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataFolder_AfterWrites_OwnerOnly()
    {
        var folder = Path.Combine(Path.GetTempPath(), "localiam-modes-" + Guid.NewGuid().ToString("N"));
        var served = await Serve.StartAsync(folder);
        try
        {
            var root = new AwsCli(served.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
            await root.OkAsync("iam", "create-user", "--user-name", "mode-check");
            await root.OkAsync("iam", "create-access-key", "--user-name", "mode-check");

            var open = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => (File.GetUnixFileMode(f) & GroupOrOther) != 0)
                .Select(f => $"{Path.GetFileName(f)} {Convert.ToString((int)File.GetUnixFileMode(f), 8)}").ToList();
            Assert.True((File.GetUnixFileMode(folder) & GroupOrOther) == 0, $"the data folder is {Convert.ToString((int)File.GetUnixFileMode(folder), 8)}, not 700");
            Assert.True(open.Count == 0, $"readable by other local users: {string.Join(", ", open)}");
        }
        finally
        {
            await served.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SecondNode_OtherSecretKey_RefusesToStartNamingTheKey()
    {
        var admin = Environment.GetEnvironmentVariable("LOCALIAM_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(admin), "LOCALIAM_TEST_POSTGRES is not set: run scripts/test.sh, which starts PostgreSQL");
        var database = "localiam_keys_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var shared = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        await using var first = LocalIamServer.OnDatabase(shared, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await first.InitializeAsync();
        var folder = Path.Combine(Path.GetTempPath(), "localiam-keys-" + Guid.NewGuid().ToString("N"));
        await using var second = await Serve.StartAsync(folder, shared, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), waitForHealth: false);
        try
        {
            // Start-up takes a second or two alone; on a machine loaded with other builds it has
            // taken over 30 s, so only a node still running after 120 s counts as started.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await second.Process.WaitForExitAsync(timeout.Token);

            Assert.NotEqual(0, second.Process.ExitCode);
            Assert.Contains("LOCALIAM_SECRET_KEY", second.Output, StringComparison.Ordinal);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"a node with another secret key started and kept running on {second.Endpoint}");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
