using System.Text.Json;
using LocalIam.Cli.Accounts;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Analysis;
using LocalIam.Iam.Authorization;
using LocalIam.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace LocalIam.Cli.Labs;

/// <summary>
/// The account a lab plays in: by default a fresh LocalIam started in this process on a loopback
/// port with a throwaway data folder (removed afterwards); or a running server, whose root user's
/// keys the usual AWS variables or profile hold. Steps reach it only as clients do (HTTP, signed),
/// and who-can / explain through LocalIam's API, so both behave the same.
/// </summary>
internal sealed class LabAccount : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly string? _folder;

    private LabAccount(Uri endpoint, string accountId, AwsCredentials rootKeys, string? rootEmail, string? rootPassword, WebApplication? app, string? folder)
    {
        Endpoint = endpoint;
        AccountId = accountId;
        RootKeys = rootKeys;
        RootEmail = rootEmail;
        RootPassword = rootPassword;
        _app = app;
        _folder = folder;
    }

    public Uri Endpoint { get; }

    public string AccountId { get; }

    public AwsCredentials RootKeys { get; }

    public string? RootEmail { get; }

    public string? RootPassword { get; }

    public bool InProcess => _app is not null;

    public static async Task<LabAccount> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"localiam-lab-{Guid.NewGuid():N}");
        var values = AccountBootstrap.FromEnvironment(_ => null);
        var environment = new Dictionary<string, string>
        {
            ["LOCALIAM_ACCOUNT_ID"] = values.AccountId,
            ["LOCALIAM_ROOT_EMAIL"] = values.RootEmail,
            ["LOCALIAM_ROOT_PASSWORD"] = values.RootPassword,
            ["LOCALIAM_ROOT_ACCESS_KEY_ID"] = values.RootAccessKeyId,
            ["LOCALIAM_ROOT_SECRET_ACCESS_KEY"] = values.RootSecretAccessKey,
        };
        var app = LocalIamApp.Build(new LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = folder }, name => environment.GetValueOrDefault(name), TextWriter.Null);
        await LocalIamApp.StartAsync(app);
        await app.StartAsync(cancellationToken);
        var endpoint = new Uri(app.Urls.First());
        return new LabAccount(endpoint, values.AccountId, new AwsCredentials(values.RootAccessKeyId, values.RootSecretAccessKey, null), values.RootEmail, values.RootPassword, app, folder);
    }

    /// <summary>A running server: its account from its health answer, root's keys from the environment or the profile.</summary>
    public static async Task<LabAccount> ConnectAsync(string endpoint, string? profile, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new Commands.CommandInputException($"`--endpoint {Commands.Verb.Printable(endpoint)}` is not an http or https URL");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string accountId;
        try
        {
            using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri(uri, "/_localiam/health"), cancellationToken));
            accountId = health.RootElement.GetProperty("account").GetString()!;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException)
        {
            throw new RemoteCallException($"no LocalIam server answers at {uri}: {ex.Message} (start one with `localiam serve`)", isInputError: false);
        }

        Func<string, string?> env = Environment.GetEnvironmentVariable;
        return new LabAccount(uri, accountId, AwsCredentials.Resolve(profile), env("LOCALIAM_ROOT_EMAIL"), env("LOCALIAM_ROOT_PASSWORD"), null, null);
    }

    public Task<WhoCanReport> WhoCanAsync(AccessQuestion question, CancellationToken cancellationToken) =>
        RemoteAccount.WhoCanAsync(Target, question, includeDenied: false, cancellationToken, RootKeys);

    public Task<ExplainReport> ExplainAsync(ExplainQuestion question, CancellationToken cancellationToken) =>
        RemoteAccount.ExplainAsync(Target, question, cancellationToken, RootKeys);

    private AccountTarget Target => new(null, null, null, null, Endpoint.ToString(), null);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
