using LocalIam.Iam;
using LocalIam.Iam.LastAccessed;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>/console/iam/roles: AWS's "Roles" list (iam:ListRoles on the account's role path), filtered by name.</summary>
[Authorize]
public sealed class RolesModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:ListRoles";

    [BindProperty(SupportsGet = true, Name = "filter")]
    public string? Filter { get; set; }

    public IReadOnlyList<Role> Roles { get; private set; } = [];

    /// <summary>"Last activity" of each role shown, by role id.</summary>
    public IReadOnlyDictionary<string, RoleLastUse> LastUsed { get; private set; } = new Dictionary<string, RoleLastUse>();

    public int MoreMatches { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var session = Session!;
        if (await DeniedAsync(Action, ArnOf("role", string.Empty)) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        var matches = (await ConsoleChoices.AllAsync(marker => Core.Roles.ListAsync(session.Caller, marker: marker, maxItems: Paging.MaxMaxItems)))
            .Where(r => ConsoleChoices.Matches(r.Name, Filter)).ToList();
        Roles = [.. matches.Take(ConsoleChoices.Shown * 2)];
        MoreMatches = matches.Count - Roles.Count;
        LastUsed = await Core.LastAccessed.RoleLastUsedAsync(Roles);
        return Page();
    }
}
