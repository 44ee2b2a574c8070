using LocalIam.Iam;
using System.Text.Encodings.Web;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages;

/// <summary>
/// What every console page shares: the signed-in session, the identity the top bar shows, and the
/// rule that a pending password reset comes before any other page.
/// </summary>
public abstract class ConsolePageModel(IamCore core, ConsoleAuthorizer? authorizer = null) : PageModel
{
    internal const string PasswordPage = "/console/password";

    protected IamCore Core { get; } = core;

    /// <summary>The core's request authorizer for this session; pages that show nothing of the account have none.</summary>
    protected ConsoleAuthorizer Authorizer => authorizer ?? throw new InvalidOperationException($"{GetType().Name} authorizes nothing");

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

        if (HttpMethods.IsPost(Request.Method) && !ModelState.IsValid)
        {
            // A field that does not parse (MinimumLength=abc, a bool that is neither): refused, never
            // saved as the property's default.
            context.Result = InvalidForm(ModelState.Where(f => f.Value?.Errors.Count > 0).Select(f => f.Key));
            return;
        }

        var executed = await next();
        if (executed.Exception is IamException refused && !executed.ExceptionHandled)
        {
            // Input the core refuses that a page did not expect (a forged marker, a name edited in the
            // URL): AWS's code and message with its status, never a 500.
            executed.ExceptionHandled = true;
            executed.Result = FailurePage(refused);
        }
    }

    private static ContentResult InvalidForm(IEnumerable<string> fields) =>
        ErrorPage(StatusCodes.Status400BadRequest, HtmlEncoder.Default.Encode(ConsoleTexts.InvalidFormFields(string.Join(", ", fields.Order(StringComparer.Ordinal)))));

    internal static ContentResult FailurePage(IamException refused) =>
        ErrorPage(refused.HttpStatus, $"<code>{HtmlEncoder.Default.Encode(refused.Code.ToString())}</code>: {HtmlEncoder.Default.Encode(refused.Message)}");

    /// <summary>A page of its own for what no page's model can show; <paramref name="html"/> is already encoded.</summary>
    private static ContentResult ErrorPage(int status, string html) => new()
    {
        StatusCode = status,
        ContentType = "text/html; charset=utf-8",
        Content = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Error | LocalIam</title><link rel="stylesheet" href="{ConsoleStyle.Path}"></head>
            <body><main><h1>Something went wrong</h1><div class="alert error" role="alert"><p>{html}</p></div>
            <p><a href="/console">Console Home</a></p></main></body></html>
            """,
    };

    /// <summary>As AWS's top bar: <c>NAME @ ALIAS</c> or <c>NAME @ 1111-2222-3333</c> for an IAM user; the account for root.</summary>
    internal static string IdentityLabel(ConsoleSession session, string? alias)
    {
        var account = alias ?? Dashed(session.AccountId);
        return session.IsRoot ? account : $"{session.UserName} @ {account}";
    }

    internal static string Dashed(string accountId) =>
        accountId.Length == 12 ? $"{accountId[..4]}-{accountId[4..8]}-{accountId[8..]}" : accountId;

    /// <summary><c>arn:aws:iam::ACCOUNT:TYPE/PATH/NAME</c> in the session's account.</summary>
    protected string ArnOf(string type, string name, string? path = null) => $"arn:aws:iam::{Session!.AccountId}:{type}{path ?? "/"}{name}";

    /// <summary>Null when the session's principal may do every check; otherwise the first refusal.</summary>
    protected Task<Denial?> DeniedAsync(string action, ResourceName resource, params AuthorizationCheck[] more) =>
        Authorizer.FirstDenialAsync(Session!, HttpContext, [new AuthorizationCheck(action, resource), .. more]);

    /// <summary>A refusal, as a page with status 403 that names the action and resource.</summary>
    internal PageResult Refused(Denial denial)
    {
        Refusal = denial;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>A refusal that also names who can grant the missing permission.</summary>
    internal async Task<PageResult> RefusedAsync(Denial denial) =>
        Refused(await Authorizer.WithGrantersAsync(Session!, denial, HttpContext.RequestAborted));

    internal Denial? Refusal { get; private set; }
}
