using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/groups/{name}: a group's summary and its two tabs as AWS's console has them —
/// Users (iam:GetGroup lists the members; "Remove" is iam:RemoveUserFromGroup) and Permissions
/// (iam:ListAttachedGroupPolicies and iam:ListGroupPolicies; "Detach" is iam:DetachGroupPolicy).
/// </summary>
[Authorize]
public sealed class GroupModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "created")]
    public bool Created { get; set; }

    public Group? Shown { get; private set; }

    public IReadOnlyList<User> Members { get; private set; } = [];

    public IReadOnlyList<ManagedPolicy>? Attached { get; private set; }

    public IReadOnlyList<string> Inline { get; private set; } = [];

    public Denial? PermissionsDenial { get; private set; }

    public string? Failure { get; private set; }

    public string? Done { get; private set; }

    public string GroupArn => ArnOf("group", Shown!.Name, Shown.Path);

    private ResourceName Target => ResourceName.Named("group", Name);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public Task<IActionResult> OnPostRemoveUserAsync(string userName) =>
        ChangeAsync("iam:RemoveUserFromGroup", [], c => Core.Groups.RemoveUserAsync(c, Name, userName), $"Removed {userName} from the group");

    public Task<IActionResult> OnPostDetachPolicyAsync(string policyArn) =>
        ChangeAsync("iam:DetachGroupPolicy", [("iam:PolicyARN", policyArn)],
            c => Core.Attachments.DetachAsync(c, OwnerKind.Group, Name, policyArn), $"Detached {policyArn}");

    private async Task<IActionResult> ChangeAsync(string action, IReadOnlyList<(string, string)> context, Func<IamCaller, Task> change, string done)
    {
        if (await Authorizer.FirstDenialAsync(Session!, HttpContext, new AuthorizationCheck(action, Target, context)) is { } denial)
        {
            return await LoadAsync() ?? await RefusedAsync(denial);
        }

        try
        {
            await change(Session!.Caller);
            Done = done;
        }
        catch (IamException ex)
        {
            Failure = ex.Message;
            Response.StatusCode = ex.HttpStatus;
        }

        return await LoadAsync() ?? Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var caller = Session!.Caller;
        if (await DeniedAsync("iam:GetGroup", Target) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            (Shown, Members) = await Core.Groups.GetAsync(caller, Name);
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            Failure = ex.Message;
            Response.StatusCode = ex.HttpStatus;
            return Page();
        }

        PermissionsDenial = await DeniedAsync("iam:ListAttachedGroupPolicies", Target, new AuthorizationCheck("iam:ListGroupPolicies", Target));
        if (PermissionsDenial is null)
        {
            Attached = await Core.Attachments.ListAttachedAsync(caller, OwnerKind.Group, Shown.Name);
            Inline = await Core.InlinePolicies.ListAsync(caller, OwnerKind.Group, Shown.Name);
        }

        return null;
    }
}
