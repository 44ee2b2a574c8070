using System.Globalization;
using System.Text.RegularExpressions;
using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static LocalIam.E2E.Tests.Support.StsSetup;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>
/// The Roles list's and a role's "Last activity": a session of the role signs a request through
/// the AWS CLI, and root's console shows when and in which region; a role never used shows "-".
/// </summary>
public sealed class ConsoleRoleActivityTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task RoleUsedThroughTheCli_RolesListAndRolePageShowItsLastActivity()
    {
        await using var context = await console.FreshContextAsync();
        var root = new AwsCli(console.Server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var setup = new StsSetup(root);
        await setup.RoleAsync("deployer", Doc(Trusts($"arn:aws:iam::{Account}:root")), Doc(Allows("\"iam:ListUsers\"")));
        await setup.RoleAsync("idle", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        var dev = await setup.UserAsync("dev", Doc(Allows("\"sts:AssumeRole\"")));
        var session = setup.Session(await dev.OkAsync(AssumeRole(RoleArn("deployer"), "work")));
        var before = Minute();
        await session.OkAsync("sts", "get-caller-identity", "--region", "eu-west-1");
        // The use is kept to its minute: the one before the call or, across a minute's turn, the one after.
        var minute = $"({Regex.Escape(before)}|{Regex.Escape(Minute())}) UTC";

        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/roles");
        var deployerRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "deployer" });
        var idleRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "idle" });
        await Expect(deployerRow.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync(new Regex($"^{minute}$"));
        await Expect(idleRow.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("-");

        await page.GotoAsync("/console/iam/roles/deployer");
        await Expect(page.Locator("dt:has-text('Last activity') + dd")).ToHaveTextAsync(new Regex($"^{minute} in eu-west-1$"));
        await page.GotoAsync("/console/iam/roles/idle");
        await Expect(page.Locator("dt:has-text('Last activity') + dd")).ToHaveTextAsync("-");
    }

    private string Minute() => console.Server.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
