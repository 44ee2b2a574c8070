using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/groups/create: AWS's "Create user group" — the name, users to add and permissions
/// policies to attach, searched and checked on the same page. Every call is authorized first
/// (iam:CreateGroup, iam:AddUserToGroup, iam:AttachGroupPolicy with iam:PolicyARN) and the quotas
/// checked, so a refusal writes nothing.
/// </summary>
[Authorize]
public sealed class CreateGroupModel(IamCore core, ConsoleAuthorizer authorizer, AccountSnapshots snapshots) : ConsolePageModel(core, authorizer)
{
    [BindProperty]
    public string? GroupName { get; set; }

    [BindProperty]
    public List<string> Users { get; set; } = [];

    [BindProperty]
    public List<string> Policies { get; set; } = [];

    [BindProperty]
    public string? UserFilter { get; set; }

    [BindProperty]
    public string? PolicyFilter { get; set; }

    public ChoiceList UserChoices { get; private set; } = null!;

    public ChoiceList PolicyChoices { get; private set; } = null!;

    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? search)
    {
        if (search is not null)
        {
            await LoadChoicesAsync();
            return Page();
        }

        var session = Session!;
        var name = GroupName?.Trim() ?? string.Empty;
        var groupArn = ArnOf("group", name);
        if (Policies.Count > Quotas.ManagedPoliciesPerGroup.Limit)
        {
            // Counted before anything else, so a post of thousands of values costs one count.
            var exceeded = Quotas.ManagedPoliciesPerGroup.Exceeded();
            return await FailedAsync(exceeded.Message, exceeded.HttpStatus);
        }

        AuthorizationCheck[] checks =
        [
            // AddUserToGroup is authorized on the group, whoever is added: one check for all the users.
            .. Users.Select(_ => new AuthorizationCheck("iam:AddUserToGroup", groupArn)).Take(1),
            .. Policies.Select(p => new AuthorizationCheck("iam:AttachGroupPolicy", groupArn, [("iam:PolicyARN", p)])),
        ];
        if (await DeniedAsync("iam:CreateGroup", groupArn, checks) is { } denial)
        {
            await LoadChoicesAsync();
            return await RefusedAsync(denial);
        }

        try
        {
            await CheckQuotasAsync(session);
        }
        catch (IamException ex)
        {
            return await FailedAsync(ex.Message, ex.HttpStatus);
        }

        var done = new List<string>();
        try
        {
            var group = await Core.Groups.CreateAsync(session.Caller, name);
            done.Add($"created group {group.Name}");
            foreach (var user in Users)
            {
                await Core.Groups.AddUserAsync(session.Caller, group.Name, user);
                done.Add($"added {user}");
            }

            foreach (var policy in Policies)
            {
                await Core.Attachments.AttachAsync(session.Caller, OwnerKind.Group, group.Name, policy);
                done.Add($"attached {policy}");
            }

            return Redirect($"/console/iam/groups/{Uri.EscapeDataString(group.Name)}?created=true");
        }
        catch (IamException ex)
        {
            // Only a change made meanwhile by someone else gets here: say what was done.
            var message = done.Count == 0 ? ex.Message : $"{ex.Message} (done before it failed: {string.Join(", ", done)})";
            return await FailedAsync(message, ex.HttpStatus);
        }
    }

    /// <summary>AWS's limits, checked before anything is written: policies per group, groups per user.</summary>
    private async Task CheckQuotasAsync(ConsoleSession session)
    {
        if (Policies.Count > Quotas.ManagedPoliciesPerGroup.Limit)
        {
            throw Quotas.ManagedPoliciesPerGroup.Exceeded();
        }

        var snapshot = await snapshots.CurrentAsync(session.AccountId, HttpContext.RequestAborted);
        if (Users.Any(u => snapshot.UserNamed(u) is { } user && user.Groups.Count >= Quotas.GroupsPerUser.Limit))
        {
            throw Quotas.GroupsPerUser.Exceeded();
        }

        // Each user and policy must exist before the group is made, or a missing one would fail a later step.
        foreach (var user in Users.Where(u => snapshot.UserNamed(u) is null).Take(1))
        {
            await Core.Users.GetAsync(session.Caller, user);
        }

        foreach (var policy in Policies)
        {
            await Core.Policies.GetAsync(session.Caller, policy);
        }
    }

    private async Task<IActionResult> FailedAsync(string message, int status)
    {
        Failure = message;
        Response.StatusCode = status;
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        var caller = Session!.Caller;
        var users = await DeniedAsync("iam:ListUsers", ArnOf("user", string.Empty)) is null ? await ConsoleChoices.UsersAsync(Core, caller) : [];
        UserChoices = ChoiceList.Of("Add users to the group - Optional", nameof(Users), nameof(UserFilter), "Search users", UserFilter,
            users.Select(u => new Choice(u.Name, u.Name, u.Path == "/" ? null : u.Path)), Users);
        var policies = await DeniedAsync("iam:ListPolicies", "*") is null ? await ConsoleChoices.PoliciesAsync(Core, caller) : [];
        PolicyChoices = ChoiceList.Of("Attach permissions policies - Optional", nameof(Policies), nameof(PolicyFilter), "Search policies", PolicyFilter,
            policies.Select(p => new Choice(p.Arn, p.Name, p.IsAwsManaged ? "AWS managed" + (p.Path == "/job-function/" ? " - job function" : "") : "Customer managed")), Policies);
    }
}
