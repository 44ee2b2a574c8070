using LocalIam.E2E.Tests.Support;
using LocalIam.Iam;
using LocalIam.Storage.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LocalIam.Console.Tests.Support;

/// <summary>
/// A real LocalIam server on loopback and Debian's Chromium driven by Playwright, one of each per
/// test class. Playwright is told never to download a browser: it launches /usr/bin/chromium.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public LocalIamServer Server { get; } = new();

    public string Console => Server.Endpoint + "/console";

    /// <summary>Every service of the running server's core, for setting up users as an administrator would.</summary>
    public IamCore Core => Server.Services.GetRequiredService<IamCore>();

    public static IamCaller Root => IamCaller.Root(LocalIamServer.AccountId);

    /// <summary>Screenshots of the main pages, under the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run `source scripts/install-clients.sh; install_clients`");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(Screenshots);
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser profile (no cookies) at 1280×800, on a store reset to its first state.</summary>
    public async Task<IBrowserContext> FreshContextAsync(bool javaScript = true)
    {
        Server.Clock.Reset();
        await Server.ResetAsync();
        return await NewContextAsync(javaScript);
    }

    /// <summary>Another browser profile on the same store: a second person signed in at the same time.</summary>
    public Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, BaseURL = Server.Endpoint, JavaScriptEnabled = javaScript });

    /// <summary>An IAM user with a console password, and the AWS managed policies given, as root would set it up.</summary>
    public async Task CreateUserAsync(string name, string password, bool resetRequired = false, params string[] managedPolicies)
    {
        await Core.Users.CreateAsync(Root, name);
        await Core.LoginProfiles.CreateAsync(Root, name, password, resetRequired);
        foreach (var policy in managedPolicies)
        {
            await Core.Attachments.AttachAsync(Root, OwnerKind.User, name, $"arn:aws:iam::aws:policy/{policy}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
