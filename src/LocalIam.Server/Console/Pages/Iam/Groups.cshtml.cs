using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/groups: AWS's "User groups" list (iam:ListGroups on the account's group path, the
/// API row's resource), with each group's member and policy counts from the account snapshot.
/// AWS's limit is 300 groups, so the page lists them all; a filter narrows by name.
/// </summary>
[Authorize]
public sealed class GroupsModel(IamCore core, ConsoleAuthorizer authorizer, AccountSnapshots snapshots) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:ListGroups";

    [BindProperty(SupportsGet = true, Name = "filter")]
    public string? Filter { get; set; }

    public IReadOnlyList<(Group Group, int Users, int Policies)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var session = Session!;
        if (await DeniedAsync(Action, ArnOf("group", string.Empty)) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        var snapshot = await snapshots.CurrentAsync(session.AccountId, HttpContext.RequestAborted);
        var members = snapshot.Users.SelectMany(u => u.Groups).GroupBy(g => g.Id).ToDictionary(g => g.Key, g => g.Count());
        Groups = [.. (await ConsoleChoices.GroupsAsync(Core, session.Caller))
            .Where(g => ConsoleChoices.Matches(g.Name, Filter))
            .Select(g => (g, members.GetValueOrDefault(g.Id), (snapshot.GroupById(g.Id)?.AttachedPolicies.Count ?? 0) + (snapshot.GroupById(g.Id)?.InlinePolicies.Count ?? 0)))];
        return Page();
    }
}
