using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.LastAccessed;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/roles/{name}: the role's summary and trust relationships (iam:GetRole, which
/// returns the trust policy) and its permissions (iam:ListAttachedRolePolicies, iam:ListRolePolicies).
/// </summary>
[Authorize]
public sealed class RoleModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = string.Empty;

    public Role? Shown { get; private set; }

    /// <summary>"Last activity": the latest request of any session of the role, from the last-access records.</summary>
    public RoleLastUse LastUsed { get; private set; }

    public IReadOnlyList<ManagedPolicy> Attached { get; private set; } = [];

    public IReadOnlyList<string> Inline { get; private set; } = [];

    public Denial? PermissionsDenial { get; private set; }

    public string? Failure { get; private set; }

    public string RoleArn => ArnOf("role", Shown!.Name, Shown.Path);

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = Session!.Caller;
        var target = ResourceName.Named("role", Name);
        if (await DeniedAsync("iam:GetRole", target) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            Shown = await Core.Roles.GetAsync(caller, Name);
            LastUsed = (await Core.LastAccessed.RoleLastUsedAsync([Shown]))[Shown.Id];
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            Failure = ex.Message;
            Response.StatusCode = ex.HttpStatus;
            return Page();
        }

        PermissionsDenial = await DeniedAsync("iam:ListAttachedRolePolicies", target, new AuthorizationCheck("iam:ListRolePolicies", target));
        if (PermissionsDenial is null)
        {
            Attached = await Core.Attachments.ListAttachedAsync(caller, OwnerKind.Role, Shown.Name);
            Inline = await Core.InlinePolicies.ListAsync(caller, OwnerKind.Role, Shown.Name);
        }

        return Page();
    }
}
