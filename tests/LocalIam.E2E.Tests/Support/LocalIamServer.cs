using System.Net;
using System.Net.Sockets;
using LocalIam.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// A real LocalIam server on a free loopback port, in a fresh data folder, with the bootstrap
/// values below and reset enabled. One per test class; tests reset it to start clean.
/// </summary>
public sealed class LocalIamServer : IAsyncLifetime
{
    public const string AccountId = "111122223333";
    public const string RootAccessKeyId = "AKIAE2EROOTKEY000001";
    public const string RootSecret = "e2eRootSecretKeyE2eRootSecretKeyE2eRoot1";
    public const string RootEmail = "root@example.com";
    public const string RootPassword = "Root-Password-123";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "localiam-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly string? _database;
    private readonly string? _secretKey;
    private WebApplication? _app;
    private bool _encodeDenials;

    public LocalIamServer()
    {
    }

    private LocalIamServer(string database, string secretKey)
    {
        _database = database;
        _secretKey = secretKey;
    }

    /// <summary>A node on a shared PostgreSQL database; nodes of one store share the secret key.</summary>
    public static LocalIamServer OnDatabase(string database, string secretKey) => new(database, secretKey);

    /// <summary>A server started as `localiam serve --encode-denials`.</summary>
    public static LocalIamServer EncodingDenials() => new() { _encodeDenials = true };

    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The data folder of a SQLite store (for the CLI's offline verbs, which read it beside the server).</summary>
    public string DataFolder => _folder;

    /// <summary>The running app's services (tests add a logger provider to see what the server logs).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server has not started");

    /// <summary>The server's clock: the system's, moved forward by <see cref="ShiftableClock.Advance"/>.</summary>
    public ShiftableClock Clock { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string>
        {
            ["LOCALIAM_ACCOUNT_ID"] = AccountId,
            ["LOCALIAM_ROOT_EMAIL"] = RootEmail,
            ["LOCALIAM_ROOT_PASSWORD"] = RootPassword,
            ["LOCALIAM_ROOT_ACCESS_KEY_ID"] = RootAccessKeyId,
            ["LOCALIAM_ROOT_SECRET_ACCESS_KEY"] = RootSecret,
        };
        _app = LocalIamApp.Build(new LocalIamOptions { Urls = Endpoint, DataFolder = _folder, EnableReset = true, Database = _database, SecretKey = _secretKey, EncodeDenials = _encodeDenials }, environment.GetValueOrDefault, TextWriter.Null, Clock);
        await LocalIamApp.StartAsync(_app);
        await _app.StartAsync();
    }

    public async Task ResetAsync()
    {
        using var http = new HttpClient();
        (await http.PostAsync($"{Endpoint}/_localiam/reset", null)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
