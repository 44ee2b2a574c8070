using System.Security.Cryptography;
using LocalIam.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LocalIam.E2E.Tests;

/// <summary>
/// What `serve` does to its files and its key at start: the data folder 0700 and the SQLite files
/// 0600, older ones tightened; a node whose secret key is not the store's refuses to start, saying
/// which key and how to set it, on SQLite and on a shared PostgreSQL store.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreStartupTests : IDisposable
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SqliteFiles = ["localiam.db", "localiam.db-wal", "localiam.db-shm"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "localiam-start-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_NewDataFolder_OwnerOnlyFolderAndFiles()
    {
        await RunAsync(_folder, whileRunning: () =>
        {
            // The -wal and -shm files live while any connection is open; the server may hold none at this
            // moment, so one is opened here: SQLite creates them with the database file's mode.
            using var reader = new SqliteConnection($"Data Source={Path.Combine(_folder, "localiam.db")};Pooling=False");
            reader.Open();
            using (var read = new SqliteCommand("SELECT revision FROM store_stamp", reader))
            {
                read.ExecuteScalar();
            }

            Assert.Equal(Folder, File.GetUnixFileMode(_folder));
            foreach (var name in SqliteFiles.Append("secret.key").Append("credentials.json"))
            {
                var path = Path.Combine(_folder, name);
                Assert.True(File.Exists(path), $"{name} is missing");
                Assert.Equal(File0600, File.GetUnixFileMode(path));
            }
        });
    }

    [Fact]
    public async Task Start_FilesLeftReadableByEveryone_Tightened()
    {
        await RunAsync(_folder);

        // Another process keeps the database open, so its -wal and -shm files are there at the next start.
        await using var holder = new SqliteConnection($"Data Source={Path.Combine(_folder, "localiam.db")};Pooling=False");
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using (var read = new SqliteCommand("SELECT revision FROM store_stamp", holder))
        {
            await read.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        File.SetUnixFileMode(_folder, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var name in SqliteFiles)
        {
            File.SetUnixFileMode(Path.Combine(_folder, name), File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await RunAsync(_folder, whileRunning: () =>
        {
            Assert.Equal(Folder, File.GetUnixFileMode(_folder));
            Assert.All(SqliteFiles, name => Assert.Equal(File0600, File.GetUnixFileMode(Path.Combine(_folder, name))));
        });
    }

    [Fact]
    public async Task Start_FolderSharedWithOtherFiles_ModeKept()
    {
        // A data folder that also holds the user's own files (a home folder, say) is not LocalIam's to lock.
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        await File.WriteAllTextAsync(Path.Combine(_folder, "notes.txt"), "mine", TestContext.Current.CancellationToken);

        await RunAsync(_folder);

        Assert.Equal(Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(_folder));
        Assert.Equal(File0600, File.GetUnixFileMode(Path.Combine(_folder, "localiam.db")));
    }

    [Fact]
    public async Task Start_SecretKeyFileReplaced_RefusesNamingTheFile()
    {
        await RunAsync(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "secret.key"), NewKey(), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<LocalIamStartupException>(() => RunAsync(_folder));

        Assert.StartsWith($"The secret key in `{Path.Combine(_folder, "secret.key")}` is not the key of the store", error.Message, StringComparison.Ordinal);
        Assert.Contains("set LOCALIAM_SECRET_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Start_StoreWithoutCheckValue_AdoptsTheKeyThenRefusesAnother()
    {
        await RunAsync(_folder);
        await ClearCheckValueAsync();

        await RunAsync(_folder);
        Assert.NotNull(await CheckValueAsync());
        await File.WriteAllTextAsync(Path.Combine(_folder, "secret.key"), NewKey(), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<LocalIamStartupException>(() => RunAsync(_folder));
    }

    [Fact]
    public async Task Start_OlderStoreAndAnotherKey_RefusedSinceItsSecretsDoNotDecrypt()
    {
        // No check value yet, but the root access key's secret is there: the wrong key must not be adopted.
        await RunAsync(_folder);
        await ClearCheckValueAsync();
        await File.WriteAllTextAsync(Path.Combine(_folder, "secret.key"), NewKey(), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<LocalIamStartupException>(() => RunAsync(_folder));

        Assert.Contains("the store holds secrets that this key does not decrypt", error.Message, StringComparison.Ordinal);
        Assert.Null(await CheckValueAsync());
    }

    [Fact]
    public async Task Start_MalformedSecretKeySetting_Refused()
    {
        var error = await Assert.ThrowsAsync<LocalIamStartupException>(() => RunAsync(_folder, secretKey: "not base64!"));

        Assert.Equal("`LOCALIAM_SECRET_KEY` is not a secret key: it must be 32 bytes in base64", error.Message);
    }

    [Fact]
    public async Task Start_SharedPostgresWithAnotherKey_SecondNodeRefuses()
    {
        var admin = Environment.GetEnvironmentVariable("LOCALIAM_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(admin), "LOCALIAM_TEST_POSTGRES is not set: run scripts/test.sh, which starts PostgreSQL");
        var name = "localiam_keys_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var key = NewKey();
        await RunAsync(Path.Combine(_folder, "a"), database, key);
        await RunAsync(Path.Combine(_folder, "b"), database, key);

        var withOther = await Assert.ThrowsAsync<LocalIamStartupException>(() => RunAsync(Path.Combine(_folder, "c"), database, NewKey()));
        var withNone = await Assert.ThrowsAsync<LocalIamStartupException>(() => RunAsync(Path.Combine(_folder, "d"), database));

        Assert.StartsWith("The secret key in `LOCALIAM_SECRET_KEY` is not the key of the store", withOther.Message, StringComparison.Ordinal);
        Assert.EndsWith("set LOCALIAM_SECRET_KEY to the base64 key the store's other nodes use", withOther.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", withOther.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secret.key", withNone.Message, StringComparison.Ordinal);
        NpgsqlConnection.ClearAllPools();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Builds and starts a node (migrations, key check, bootstrap), then stops it.</summary>
    private static async Task RunAsync(string folder, string? database = null, string? secretKey = null, Action? whileRunning = null)
    {
        var environment = new Dictionary<string, string> { ["LOCALIAM_ACCOUNT_ID"] = "111122223333" };
        var app = LocalIamApp.Build(new LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = folder, Database = database, SecretKey = secretKey },
            environment.GetValueOrDefault, TextWriter.Null);
        try
        {
            await LocalIamApp.StartAsync(app);
            whileRunning?.Invoke();
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private async Task ClearCheckValueAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "localiam.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("UPDATE store_stamp SET key_check = NULL", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<object?> CheckValueAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "localiam.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("SELECT key_check FROM store_stamp", connection);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull ? null : value;
    }
}
