using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// What every Billing and Cost Management page shares: its permissions are the account's action set
/// (fine-grained or legacy), and every check passes the billing-access gate, whatever the action.
/// A page refused as a whole shows AWS's "You need permissions" with LocalIam's reason.
/// </summary>
public abstract class BillingPageModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing) : ConsolePageModel(core, authorizer)
{
    protected BillingAccountService Billing { get; } = billing;

    public override Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        // Read by _Denial before the layout renders: a billing page's refusal is AWS's "You need permissions".
        ViewData["BillingPage"] = true;
        return base.OnPageHandlerExecutionAsync(context, next);
    }

    /// <summary>The account enforces the legacy aws-portal actions.</summary>
    public bool LegacyActions { get; private set; }

    /// <summary>The page itself was refused: nothing of the account's billing is shown.</summary>
    public Denial? PageDenial { get; private set; }

    /// <summary>Null when every action of <paramref name="permission"/> is allowed through the billing console.</summary>
    protected async Task<Denial?> BillingDeniedAsync(BillingActions permission)
    {
        LegacyActions = (await Billing.AccountAsync(Session!.AccountId)).UsesLegacyActions;
        var checks = permission.For(LegacyActions).Select(action => new AuthorizationCheck(action, "*"));
        return await Authorizer.FirstBillingDenialAsync(Session!, HttpContext, checks);
    }

    /// <summary>The page's own permission, refused as a whole page (status 403, who can grant it).</summary>
    protected async Task<IActionResult?> PageRefusedAsync(BillingActions permission)
    {
        if (await BillingDeniedAsync(permission) is not { } denial)
        {
            return null;
        }

        PageDenial = denial;
        return await RefusedAsync(denial);
    }

    /// <summary>
    /// A change: the page's own permission first (refused as a whole page), then the change's (the
    /// page again, the refusal above it), then the core (its refusal above the form, with its
    /// status); done, a redirect to <paramref name="done"/>.
    /// </summary>
    protected async Task<IActionResult> ChangeAsync(BillingActions page, BillingActions change, Func<Task> work, Func<Task> load, string done)
    {
        if (await PageRefusedAsync(page) is { } refused)
        {
            return refused;
        }

        if (await BillingDeniedAsync(change) is { } denial)
        {
            await load();
            return await RefusedAsync(denial);
        }

        try
        {
            await work();
        }
        catch (LocalIam.Iam.Errors.IamException ex)
        {
            await load();
            return Failed(ex);
        }

        return Redirect(done);
    }

    protected string AccountId => Session!.AccountId;

    /// <summary>The form's fields are refused by the core: shown above the form, with the core's status.</summary>
    protected PageResult Failed(LocalIam.Iam.Errors.IamException failure)
    {
        Failure = failure.Message;
        Response.StatusCode = failure.HttpStatus;
        return Page();
    }

    public string? Failure { get; protected set; }
}
