using LocalIam.Iam;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages;

/// <summary>Sign out: a POST with its antiforgery token ends the session; a GET changes nothing.</summary>
[AllowAnonymous]
public sealed class SignOutModel(IamCore core) : ConsolePageModel(core)
{
    protected override bool AllowsPendingReset => true;

    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSession.Scheme);
        return Redirect("/console");
    }
}
