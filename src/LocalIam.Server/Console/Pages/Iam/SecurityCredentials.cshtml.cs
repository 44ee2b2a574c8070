using LocalIam.Iam;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Mfa;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// The identity menu's "Security credentials": who is signed in, the console password, and for an
/// IAM user its MFA devices. Each part is authorized on its own, as the API's calls behind it are:
/// iam:GetLoginProfile on the user for the password's state, iam:ListMFADevices on the user for
/// the devices. A policy that allows only MFA set-up until the user signs in with MFA (AWS's
/// "self-manage MFA" example) still lets the user reach "Assign MFA device" from here.
/// </summary>
[Authorize]
public sealed class SecurityCredentialsModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public string Arn { get; private set; } = string.Empty;

    public DateTime? PasswordCreated { get; private set; }

    public bool PasswordResetRequired { get; private set; }

    public string? RootEmail { get; private set; }

    public Denial? PasswordDenial { get; private set; }

    public Denial? MfaDenial { get; private set; }

    public IReadOnlyList<AssignedMfaDevice> MfaDevices { get; private set; } = [];

    public string? UserName => Session?.UserName;

    public async Task<IActionResult> OnGetAsync()
    {
        var session = Session!;
        Arn = session.Principal.Principal.Arn;
        if (session.IsRoot)
        {
            RootEmail = (await Core.Accounts.GetAsync(session.AccountId)).RootEmail;
            return Page();
        }

        PasswordDenial = await DeniedAsync("iam:GetLoginProfile", Arn) is { } passwordDenial
            ? await Authorizer.WithGrantersAsync(session, passwordDenial, HttpContext.RequestAborted) : null;
        MfaDenial = await DeniedAsync("iam:ListMFADevices", Arn) is { } mfaDenial
            ? await Authorizer.WithGrantersAsync(session, mfaDenial, HttpContext.RequestAborted) : null;
        try
        {
            if (PasswordDenial is null)
            {
                var profile = await Core.LoginProfiles.GetAsync(session.Caller, session.UserName!);
                PasswordCreated = profile.CreatedAt;
                PasswordResetRequired = profile.PasswordResetRequired;
            }

            if (MfaDenial is null)
            {
                MfaDevices = (await Core.MfaDevices.ListForUserAsync(session.Caller, session.UserName!)).Items;
            }
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            // Deleted since sign-in: the next request ends the session.
        }

        return Page();
    }
}
