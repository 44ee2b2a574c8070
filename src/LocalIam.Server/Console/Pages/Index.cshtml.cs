using LocalIam.Iam;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages;

/// <summary>
/// /console: sign-in (the choice between root and IAM user, then that form), or the console home
/// once signed in. /console?account=ID-or-alias opens the IAM user form pre-filled, as AWS's
/// account sign-in URL does.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(IamCore core, ConsoleSignIn signIn, TimeProvider clock) : ConsolePageModel(core)
{
    public const string RootChoice = "root";
    public const string UserChoice = "iam";

    /// <summary>The hidden field that carries the pending MFA step (<see cref="PendingMfaSignIn"/>), protected.</summary>
    public const string PendingField = "PendingMfa";

    /// <summary>Which form: <see cref="RootChoice"/>, <see cref="UserChoice"/>, or null for the choice.</summary>
    [BindProperty(SupportsGet = true, Name = "signin")]
    public string? Choice { get; set; }

    [BindProperty(SupportsGet = true, Name = "account")]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(Name = PendingField)]
    public string? PendingMfa { get; set; }

    [BindProperty]
    public string? MfaCode { get; set; }

    public string? Failure { get; private set; }

    public bool ShowsHome => Session is not null && Choice is null && Account is null && PendingMfa is null;

    /// <summary>The password was right and the user has an MFA device: the code comes next.</summary>
    public bool ShowsMfa => PendingMfa is not null;

    public IActionResult OnGet()
    {
        if (Account is not null)
        {
            Choice = UserChoice;
        }

        Choice = Choice is RootChoice or UserChoice ? Choice : null;
        return Page();
    }

    public async Task<IActionResult> OnPostRootAsync()
    {
        Choice = RootChoice;
        return await SignInAsync(await signIn.RootAsync(Email, Password));
    }

    public async Task<IActionResult> OnPostUserAsync()
    {
        Choice = UserChoice;
        return await SignInAsync(await signIn.UserAsync(Account, UserName, Password));
    }

    public async Task<IActionResult> OnPostMfaAsync()
    {
        Choice = UserChoice;
        return await SignInAsync(await signIn.MfaAsync(PendingMfa, MfaCode));
    }

    private async Task<IActionResult> SignInAsync(ConsoleSignIn.Outcome outcome)
    {
        Password = null;
        MfaCode = null;
        PendingMfa = outcome.PendingMfa;
        if (outcome.Session is not { } session)
        {
            Failure = outcome.Failure;
            Response.StatusCode = outcome.Failure is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
            return Page();
        }

        await IssueAsync(HttpContext, session, clock);
        if (session.PasswordResetRequired)
        {
            return Redirect(PasswordPage);
        }

        return ReturnUrl is { } back && Url.IsLocalUrl(back) && back.StartsWith("/console", StringComparison.Ordinal) ? LocalRedirect(back) : Redirect("/console");
    }

    /// <summary>A new session cookie (a new ticket and session id), ending at AWS's lifetime for the principal.</summary>
    internal static Task IssueAsync(Microsoft.AspNetCore.Http.HttpContext http, ConsoleSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return http.SignInAsync(ConsoleSession.Scheme, session.ToClaims(), new AuthenticationProperties
        {
            IsPersistent = false,
            AllowRefresh = false,
            IssuedUtc = now,
            ExpiresUtc = now + session.Lifetime,
        });
    }
}
