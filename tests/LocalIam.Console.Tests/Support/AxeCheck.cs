using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace LocalIam.Console.Tests.Support;

/// <summary>axe-core in Chromium on the page shown: what it finds serious or critical is a failure.</summary>
public static class AxeCheck
{
    /// <summary>Opens <paramref name="path"/> (or stays where the page is) and adds what axe finds serious or critical.</summary>
    public static async Task CheckAsync(IPage page, string? path, List<string> failures)
    {
        if (path is not null)
        {
            await page.GotoAsync(path);
        }

        var result = await page.RunAxe();
        if (result.Passes.Length == 0)
        {
            // A run that passed no rule checked nothing: that is a failure too.
            failures.Add($"{page.Url}: axe-core checked nothing");
        }

        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var where = string.Join(", ", violation.Nodes.Select(n => n.Html));
            failures.Add($"{page.Url}: {violation.Id} ({violation.Impact}): {violation.Help}: {where}");
        }
    }
}
