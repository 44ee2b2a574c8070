using LocalIam.Iam;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages;

/// <summary>
/// What every console page shares: the signed-in session, the identity the top bar shows, and the
/// rule that a pending password reset comes before any other page.
/// </summary>
public abstract class ConsolePageModel(IamCore core) : PageModel
{
    internal const string PasswordPage = "/console/password";

    protected IamCore Core { get; } = core;

    internal ConsoleSession? Session { get; private set; }

    /// <summary>The page that sets the new password is the one page a pending reset allows.</summary>
    protected virtual bool AllowsPendingReset => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Session = ConsoleSession.From(User);
        if (Session is not null)
        {
            if (Session.PasswordResetRequired && !AllowsPendingReset)
            {
                context.Result = Redirect(PasswordPage);
                return;
            }

            var account = await Core.Accounts.GetAsync(Session.AccountId);
            ViewData["Identity"] = IdentityLabel(Session, account.Alias);
        }

        await next();
    }

    /// <summary>As AWS's top bar: <c>NAME @ ALIAS</c> or <c>NAME @ 1111-2222-3333</c> for an IAM user; the account for root.</summary>
    internal static string IdentityLabel(ConsoleSession session, string? alias)
    {
        var account = alias ?? Dashed(session.AccountId);
        return session.IsRoot ? account : $"{session.UserName} @ {account}";
    }

    internal static string Dashed(string accountId) =>
        accountId.Length == 12 ? $"{accountId[..4]}-{accountId[4..8]}-{accountId[8..]}" : accountId;

    /// <summary>A refusal, as a page with status 403 that names the action and resource.</summary>
    internal PageResult Refused(Denial denial)
    {
        Refusal = denial;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    internal Denial? Refusal { get; private set; }
}
