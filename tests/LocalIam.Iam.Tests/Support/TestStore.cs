using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Audit;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Groups;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Users;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LocalIam.Iam.Tests.Support;

/// <summary>Which database a store test runs against; every test gets a fresh one.</summary>
public enum Backend
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, migrated, bootstrapped store and every service on it. SQLite: a file in a new temp
/// folder. PostgreSQL: a new database on the server that scripts/test.sh starts
/// (LOCALIAM_TEST_POSTGRES), dropped afterwards.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string AccountId = "111122223333";
    public const string PostgresVariable = "LOCALIAM_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _database;

    private TestStore(IamStore store, SecretProtector secrets, string? folder, string? database)
    {
        Store = store;
        Secrets = secrets;
        _folder = folder;
        _database = database;
        // The same composition root as the server and the CLI.
        Services = new ServiceCollection().AddLocalIamCore(store, secrets, TimeProvider.System).BuildServiceProvider();
        Accounts = Get<AccountService>();
        Users = Get<UserService>();
        Groups = Get<GroupService>();
        Roles = Get<RoleService>();
        Policies = Get<ManagedPolicyService>();
        Attachments = Get<AttachmentService>();
        InlinePolicies = Get<InlinePolicyService>();
        AccessKeys = Get<AccessKeyService>();
        LoginProfiles = Get<LoginProfileService>();
        Audit = Get<AuditLog>();
    }

    /// <summary>Every service of the application core, on this store.</summary>
    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public IamStore Store { get; }

    public SecretProtector Secrets { get; }

    public IamCaller Root { get; } = IamCaller.Root(AccountId);

    public IamCaller Admin { get; } = new(AccountId, $"arn:aws:iam::{AccountId}:user/admin");

    public AccountService Accounts { get; }

    public UserService Users { get; }

    public GroupService Groups { get; }

    public RoleService Roles { get; }

    public ManagedPolicyService Policies { get; }

    public AttachmentService Attachments { get; }

    public InlinePolicyService InlinePolicies { get; }

    public AccessKeyService AccessKeys { get; }

    public LoginProfileService LoginProfiles { get; }

    public AuditLog Audit { get; }

    public static AccountBootstrap Bootstrap { get; } = new(AccountId, "root@example.com", "Root-Password-1", "AKIAROOTKEY000000001", "rootsecretrootsecretrootsecretrootsecret");

    public static async Task<TestStore> CreateAsync(Backend backend)
    {
        TestStore store;
        if (backend == Backend.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "localiam-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            store = new TestStore(new IamStore(StoreLocation.SqliteIn(folder)), SecretProtector.FromDataFolder(folder), folder, null);
        }
        else
        {
            var admin = PostgresAdmin();
            var database = "localiam_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            store = new TestStore(new IamStore(StoreLocation.Postgres(connectionString)), new SecretProtector(new byte[32]), null, database);
        }

        await store.Store.MigrateAsync();
        await store.Get<LocalIam.Storage.Billing.BillingStore>().MigrateAsync();
        await store.Accounts.BootstrapAsync(Bootstrap);
        return store;
    }

    /// <summary>Skips the calling test when no PostgreSQL server was provided.</summary>
    public static string PostgresAdmin()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(value), $"{PostgresVariable} is not set: run scripts/test.sh, which starts PostgreSQL");
        return value!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_database is not null)
        {
            await using var connection = new NpgsqlConnection(PostgresAdmin());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Base of every store suite: one fresh store per test. Each suite is written once and run by a
/// SQLite and a PostgreSQL subclass.
/// </summary>
public abstract class StoreTestBase(Backend backend) : IAsyncLifetime
{
    private TestStore? _store;

    protected TestStore S => _store ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    protected Backend Backend => backend;

    public async ValueTask InitializeAsync() => _store = await TestStore.CreateAsync(backend);

    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Asserts that <paramref name="action"/> fails with AWS's code and exact message.</summary>
    protected static async Task<Errors.IamException> AssertIamError(Errors.IamErrorCode code, string message, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<Errors.IamException>(action);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        return error;
    }
}
