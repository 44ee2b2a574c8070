using System.Threading.RateLimiting;
using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using LocalIam.Server.Api;
using LocalIam.Server.Console;
using LocalIam.Storage.Secrets;
using LocalIam.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalIam.Server.Hosting;

/// <summary>Builds the LocalIam web application: services, limits, and the three endpoints.</summary>
public static class LocalIamApp
{
    /// <summary>Far above any AWS client (a policy document is at most 131,072 characters), far below harm.</summary>
    public const long MaxRequestBodyBytes = 2 * 1024 * 1024;

    /// <summary>Builds the app; <paramref name="clock"/> replaces the system clock (tests move time forward).</summary>
    public static WebApplication Build(LocalIamOptions options, Func<string, string?> environment, TextWriter output, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            // Per client address: a flood is refused with 429 long before it hurts; no SDK comes close.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 100_000, TokensPerPeriod = 100_000, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });

        var location = options.Database is { Length: > 0 } database ? StoreLocation.Postgres(database) : StoreLocation.SqliteIn(options.DataFolder);
        StoreFiles.SecureFolder(options.DataFolder);
        var secrets = ReadSecretKey(options);
        var (bootstrap, generated) = BootstrapValues.Load(options.DataFolder, environment);
        AddServices(builder.Services, new IamStore(location), secrets, clock ?? TimeProvider.System);
        builder.Services.AddLocalIamConsole(secrets);
        builder.Services.AddSingleton(new ServerState(options, bootstrap, generated, output));

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapLocalIamConsole();
        app.MapGet("/_localiam/health", async (ServerState state, IamStore store) =>
            Results.Json(HealthReport.Of(state.Bootstrap.AccountId, store.Location, await store.ReadRevisionAsync())));
        // The public keys of GetWebIdentityToken's JWTs, which AWS publishes at the issuer's jwks.json:
        // a relying party (or a test) verifies LocalIam's tokens with them (docs/api.md).
        app.MapGet("/_localiam/accounts/{accountId}/jwks.json", async (string accountId, IamCore core) =>
            LocalIam.Iam.Identifiers.IamIds.IsAccountId(accountId)
                ? Results.Content(await core.WebIdentityTokens.JwksAsync(accountId), "application/json")
                : Results.NotFound());
        app.MapPost("/_localiam/reset", async (HttpContext http, ServerState state, IamStore store, AccountService accounts, SignInLockout lockout, LocalIam.Iam.Billing.BillingData billing,
            LocalIam.Iam.LastAccessed.LastAccessRecorder recorder) =>
        {
            if (!state.Options.EnableReset)
            {
                return Results.NotFound();
            }

            // Browsers send Origin with a cross-site POST; test suites and curl do not. A web page must
            // not be able to wipe the store of a developer who started serve with --enable-reset.
            if (http.Request.Headers.Origin.Count > 0)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            await StoreReset.ResetAsync(store, accounts, state.Bootstrap);
            recorder.Forget();
            await billing.Store.ResetAsync();
            billing.Forget();
            // The first state has no failed console sign-ins either.
            lockout.Clear();
            return Results.Json(new { status = "reset", account = state.Bootstrap.AccountId });
        });
        app.Map("/", (HttpContext http, AwsEndpoint endpoint) => endpoint.HandleAsync(http));
        app.Map(AwsEndpoint.ValidatePolicyPath, (HttpContext http, AwsEndpoint endpoint) => endpoint.HandleAsync(http));
        return app;
    }

    /// <summary>Migrates the store and creates the account on first start; prints generated values once.</summary>
    public static async Task StartAsync(WebApplication app)
    {
        var state = app.Services.GetRequiredService<ServerState>();
        var store = app.Services.GetRequiredService<IamStore>();
        await store.MigrateAsync();
        await app.Services.GetRequiredService<LocalIam.Storage.Billing.BillingStore>().MigrateAsync();
        if (await StoreKeyCheck.MismatchAsync(store, app.Services.GetRequiredService<SecretProtector>()) is { } mismatch)
        {
            // A node with another key would answer every request with a failure: it must not start.
            throw new LocalIamStartupException(state.Options.SecretKey is { Length: > 0 }
                ? $"The secret key in `LOCALIAM_SECRET_KEY` is not the key of the store `{store.Location}` ({mismatch}): set LOCALIAM_SECRET_KEY to the base64 key the store's other nodes use"
                : $"The secret key in `{Path.Combine(state.Options.DataFolder, SecretProtector.KeyFileName)}` is not the key of the store `{store.Location}` ({mismatch}): "
                    + "put back the secret.key the store was created with, or set LOCALIAM_SECRET_KEY to that key in base64");
        }

        var (account, created) = await app.Services.GetRequiredService<AccountService>().BootstrapAsync(state.Bootstrap);
        var output = state.Output;
        output.WriteLine($"LocalIam: account {account.Id}, store {store.Location}, listening on {state.Options.Urls}");
        if (created && state.Generated.Count > 0)
        {
            output.WriteLine($"Generated on first start (kept in {Path.Combine(state.Options.DataFolder, BootstrapValues.FileName)}, readable only by you):");
            var b = state.Bootstrap;
            output.WriteLine($"  root email            {b.RootEmail}");
            if (state.Generated.Contains("LOCALIAM_ROOT_PASSWORD"))
            {
                output.WriteLine($"  root password         {b.RootPassword}");
            }

            output.WriteLine($"  root access key id    {b.RootAccessKeyId}");
            if (state.Generated.Contains("LOCALIAM_ROOT_SECRET_ACCESS_KEY"))
            {
                output.WriteLine($"  root secret key       {b.RootSecretAccessKey}");
            }
        }
    }

    /// <summary>LOCALIAM_SECRET_KEY (base64, 32 bytes) when set, else the data folder's secret.key.</summary>
    private static SecretProtector ReadSecretKey(LocalIamOptions options)
    {
        if (options.SecretKey is not { Length: > 0 } key)
        {
            return SecretProtector.FromDataFolder(options.DataFolder);
        }

        try
        {
            return SecretProtector.FromBase64(key);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new LocalIamStartupException("`LOCALIAM_SECRET_KEY` is not a secret key: it must be 32 bytes in base64");
        }
    }

    private static void AddServices(IServiceCollection services, IamStore store, SecretProtector secrets, TimeProvider clock)
    {
        // Before the core, which adds none when a front end has said which actions it tracks.
        services.AddSingleton(AwsEndpoint.Tracked());
        services.AddLocalIamCore(store, secrets, clock);
        services.AddSingleton<Authenticator>();
        services.AddSingleton<AwsEndpoint>();
    }
}

/// <summary>What the running server was started with.</summary>
internal sealed record ServerState(LocalIamOptions Options, AccountBootstrap Bootstrap, IReadOnlyList<string> Generated, TextWriter Output);
