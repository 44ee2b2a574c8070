using LocalIam.E2E.Tests.Support;
using Microsoft.Playwright;

namespace LocalIam.Console.Tests.Support;

/// <summary>What a learner does on the console, by the labels and names AWS's console uses.</summary>
public static class ConsolePages
{
    /// <summary>With <paramref name="openSignIn"/> false, from the sign-in page the browser is on (where a challenge led).</summary>
    public static async Task SignInAsRootAsync(IPage page, string password = LocalIamServer.RootPassword, bool openSignIn = true)
    {
        if (openSignIn)
        {
            await page.GotoAsync("/console");
        }

        await page.GetByLabel("Root user").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Root user email address").FillAsync(LocalIamServer.RootEmail);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task SignInAsUserAsync(IPage page, string userName, string password, string account = LocalIamServer.AccountId)
    {
        await page.GotoAsync("/console");
        await page.GetByLabel("IAM user").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Account ID (12 digits) or account alias").FillAsync(account);
        await page.GetByLabel("IAM username").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The identity menu of the top bar: opened, then one of its entries.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Identity menu" }).Locator("summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    }

    public static Task IdentityAsync(IPage page, string shown) =>
        Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Identity menu" }).Locator("summary")).ToHaveTextAsync(shown);

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.Screenshots, name + ".png"), FullPage = true });

    /// <summary>The alert a failed step shows.</summary>
    public static ILocator Alert(IPage page) => page.GetByRole(AriaRole.Alert);
}
