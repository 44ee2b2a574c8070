using System.Diagnostics;
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
        var (process, endpoint) = await ServeAsync(folder, database: null, secretKey: null);
        try
        {
            var root = new AwsCli(endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
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
            await StopAsync(process);
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
        var (second, endpoint) = await ServeAsync(folder, shared, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), waitForHealth: false);
        try
        {
            // Start-up takes a second or two; a node still running after 30 s has started.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await second.WaitForExitAsync(timeout.Token);
            var said = await second.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await second.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

            Assert.NotEqual(0, second.ExitCode);
            Assert.Contains("LOCALIAM_SECRET_KEY", said, StringComparison.Ordinal);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"a node with another secret key started and kept running on {endpoint}");
        }
        finally
        {
            await StopAsync(second);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>`localiam serve` as users run it (the CLI's build output beside the tests), with the E2E bootstrap values.</summary>
    private static async Task<(Process Process, string Endpoint)> ServeAsync(string folder, string? database, string? secretKey, bool waitForHealth = true)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "localiam.dll"), "serve", "--urls", endpoint, "--data", folder })
        {
            start.ArgumentList.Add(argument);
        }

        if (database is not null)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(database);
        }

        start.Environment["LOCALIAM_ACCOUNT_ID"] = LocalIamServer.AccountId;
        start.Environment["LOCALIAM_ROOT_EMAIL"] = LocalIamServer.RootEmail;
        start.Environment["LOCALIAM_ROOT_PASSWORD"] = LocalIamServer.RootPassword;
        start.Environment["LOCALIAM_ROOT_ACCESS_KEY_ID"] = LocalIamServer.RootAccessKeyId;
        start.Environment["LOCALIAM_ROOT_SECRET_ACCESS_KEY"] = LocalIamServer.RootSecret;
        if (secretKey is not null)
        {
            start.Environment["LOCALIAM_SECRET_KEY"] = secretKey;
        }

        var process = Process.Start(start)!;
        if (waitForHealth)
        {
            using var http = new HttpClient();
            for (var i = 0; i < 120; i++)
            {
                try
                {
                    if ((await http.GetAsync($"{endpoint}/_localiam/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                    {
                        return (process, endpoint);
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(500, TestContext.Current.CancellationToken);
            }

            await StopAsync(process);
            Assert.Fail($"localiam serve did not start: {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        }

        return (process, endpoint);
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        process.Dispose();
    }
}
