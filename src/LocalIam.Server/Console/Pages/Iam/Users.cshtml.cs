using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/users: AWS's "Users" list, authorized as iam:ListUsers on the account's user path
/// (the API row's resource). Pages of <see cref="PageSize"/> from the core; a filter searches every
/// user by name and shows the first <see cref="ConsoleChoices.Shown"/> matches. The groups column
/// comes from the account snapshot the authorizer already holds, not one query per user.
/// </summary>
[Authorize]
public sealed class UsersModel(IamCore core, ConsoleAuthorizer authorizer, AccountSnapshots snapshots) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:ListUsers";
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "filter")]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true, Name = "marker")]
    public string? Marker { get; set; }

    public IReadOnlyList<User> Users { get; private set; } = [];

    /// <summary>The next page's marker, or how many matches the filter left out.</summary>
    public string? NextMarker { get; private set; }

    public int MoreMatches { get; private set; }

    public IReadOnlyDictionary<string, int> GroupCounts { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync()
    {
        var session = Session!;
        if (await DeniedAsync(Action, ArnOf("user", string.Empty)) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        if (string.IsNullOrWhiteSpace(Filter))
        {
            var page = await Core.Users.ListAsync(session.Caller, marker: string.IsNullOrEmpty(Marker) ? null : Marker, maxItems: PageSize);
            Users = page.Items;
            NextMarker = page.IsTruncated ? page.Marker : null;
        }
        else
        {
            var matches = (await ConsoleChoices.UsersAsync(Core, session.Caller)).Where(u => ConsoleChoices.Matches(u.Name, Filter)).ToList();
            Users = matches.Take(ConsoleChoices.Shown).ToList();
            MoreMatches = matches.Count - Users.Count;
        }

        var snapshot = await snapshots.CurrentAsync(session.AccountId, HttpContext.RequestAborted);
        GroupCounts = Users.ToDictionary(u => u.Id, u => snapshot.UserById(u.Id)?.Groups.Count ?? 0);
        return Page();
    }
}
