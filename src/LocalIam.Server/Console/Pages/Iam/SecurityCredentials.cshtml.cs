using LocalIam.Iam;
using LocalIam.Iam.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// The identity menu's "Security credentials": who is signed in and the console password. An IAM
/// user needs iam:GetLoginProfile on itself to see the password's state, as the API's GetLoginProfile does.
/// </summary>
[Authorize]
public sealed class SecurityCredentialsModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public string Arn { get; private set; } = string.Empty;

    public DateTime? PasswordCreated { get; private set; }

    public bool PasswordResetRequired { get; private set; }

    public string? RootEmail { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var session = Session!;
        Arn = session.Principal.Principal.Arn;
        if (session.IsRoot)
        {
            RootEmail = (await Core.Accounts.GetAsync(session.AccountId)).RootEmail;
            return Page();
        }

        if (await Authorizer.FirstDenialAsync(session, HttpContext, new AuthorizationCheck("iam:GetLoginProfile", Arn)) is { } denial)
        {
            return Refused(denial);
        }

        try
        {
            var profile = await Core.LoginProfiles.GetAsync(session.Caller, session.UserName!);
            PasswordCreated = profile.CreatedAt;
            PasswordResetRequired = profile.PasswordResetRequired;
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            // Deleted since sign-in: the next request ends the session.
        }

        return Page();
    }
}
