using LocalIam.Iam;
using LocalIam.Iam.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages;

/// <summary>
/// An IAM user sets a new console password: required before anything else when the login profile
/// asks for a reset. The API's ChangePassword decides (iam:ChangePassword on the user, the account's
/// password policy, the old password), and the audit trail records it as the API's does.
/// </summary>
[Authorize]
public sealed class PasswordModel(IamCore core, ConsoleAuthorizer authorizer, ConsoleSignIn signIn, TimeProvider clock) : ConsolePageModel(core, authorizer)
{
    protected override bool AllowsPendingReset => true;

    [BindProperty]
    public string? OldPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? RetypedPassword { get; set; }

    public string? Failure { get; private set; }

    public bool IsRequired => Session?.PasswordResetRequired == true;

    public IActionResult OnGet() => Session!.IsRoot ? Redirect("/console/account") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var session = Session!;
        if (session.IsRoot)
        {
            return Redirect("/console/account");
        }

        if (NewPassword != RetypedPassword)
        {
            return Failed(ConsoleTexts.PasswordsDiffer);
        }

        if (await Authorizer.FirstDenialAsync(session, HttpContext, new AuthorizationCheck("iam:ChangePassword", session.Principal.Principal.Arn)) is { } denial)
        {
            return Refused(denial);
        }

        try
        {
            await Core.LoginProfiles.ChangePasswordAsync(session.Caller, session.UserName!, OldPassword ?? string.Empty, NewPassword ?? string.Empty);
        }
        catch (IamException ex)
        {
            return Failed(ex.Message);
        }

        // The password changed, so the old session's stamp is void: a new session starts now.
        if (await signIn.RenewAsync(session) is not { } renewed)
        {
            return Redirect("/console");
        }

        await IndexModel.IssueAsync(HttpContext, renewed, clock);
        return Redirect("/console");
    }

    private PageResult Failed(string message)
    {
        Failure = message;
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        return Page();
    }
}
