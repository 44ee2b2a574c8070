using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/users/{name}/mfa, AWS's "Assign MFA device" for a user: "Device name" and
/// "Authenticator app", then the QR code and secret key of the new virtual device, "MFA code 1",
/// "MFA code 2" and "Add MFA". Each step is authorized before the core's call with the action and
/// resource the API's row uses: iam:CreateVirtualMFADevice on the device's ARN, iam:EnableMFADevice
/// on the user (both before the device is made, so no device is left that cannot be enabled);
/// "Cancel" deletes the unassigned device (iam:DeleteVirtualMFADevice); "Remove" deactivates an
/// enabled device (iam:DeactivateMFADevice on the user) and deletes it when iam:DeleteVirtualMFADevice
/// is allowed too, as AWS's console does.
/// </summary>
[Authorize]
public sealed class UserMfaModel(IamCore core, ConsoleAuthorizer authorizer, IDataProtectionProvider protection, TimeProvider clock) : ConsolePageModel(core, authorizer)
{
    public const string AuthenticatorApp = "authenticator-app";
    public const string EnrolmentField = "Enrolment";

    [BindProperty(SupportsGet = true, Name = "name")]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public string? DeviceName { get; set; }

    [BindProperty]
    public string? DeviceType { get; set; }

    [BindProperty(Name = EnrolmentField)]
    public string? EnrolmentValue { get; set; }

    [BindProperty]
    public string? MfaCode1 { get; set; }

    [BindProperty]
    public string? MfaCode2 { get; set; }

    [BindProperty]
    public string? SerialNumber { get; set; }

    public string? Failure { get; private set; }

    /// <summary>The second step, once the device exists: its QR code and secret key.</summary>
    public MfaEnrolment? Enrolment { get; private set; }

    public string? QrCodeSvg { get; private set; }

    /// <summary>Where "Cancel" and a finished step lead: the user's own Security credentials, or the user's page.</summary>
    public string BackUrl => IsSelf ? "/console/iam/security-credentials" : $"/console/iam/users/{Uri.EscapeDataString(UserName)}";

    private bool IsSelf => Session?.UserName is { } own && string.Equals(own, UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The stored user the name finds (its own case and path), as the API's rows authorize it.</summary>
    private ResourceName UserTarget => ResourceName.Named("user", UserName);

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var name = DeviceName?.Trim() ?? string.Empty;
        if (DeviceType != AuthenticatorApp)
        {
            return Failed(ConsoleTexts.ChooseMfaDevice);
        }

        var serial = ArnOf("mfa", name);
        if (await DeniedAsync("iam:CreateVirtualMFADevice", serial, new AuthorizationCheck("iam:EnableMFADevice", UserTarget)) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            // The user must exist before a device is made for it: EnableMFADevice would refuse it after.
            var user = await Core.Users.GetAsync(Session!.Caller, UserName);
            UserName = user.Name;
            var created = await Core.MfaDevices.CreateAsync(Session.Caller, name);
            return await EnrolAsync(MfaEnrolment.For(Session, user.Name, created.Device.SerialNumber, created.Base32StringSeed, clock.GetUtcNow()));
        }
        catch (IamException ex)
        {
            return Failed(ex.Message);
        }
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (MfaEnrolment.Read(protection, EnrolmentValue, Session!, UserName, clock.GetUtcNow()) is not { } enrolment)
        {
            return Failed(ConsoleTexts.MfaEnrolmentExpired);
        }

        if (await DeniedAsync("iam:EnableMFADevice", UserTarget) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            await Core.MfaDevices.EnableAsync(Session!.Caller, enrolment.UserName, enrolment.SerialNumber, MfaCode1?.Trim() ?? string.Empty, MfaCode2?.Trim() ?? string.Empty);
        }
        catch (IamException ex) when (ex.Code is IamErrorCode.InvalidAuthenticationCode or IamErrorCode.InvalidInput or IamErrorCode.ValidationError)
        {
            // Codes mistyped or out of step: show the same device again for another pair.
            Failure = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await EnrolAsync(enrolment);
        }
        catch (IamException ex)
        {
            return Failed(ex.Message);
        }

        return Redirect(BackUrl);
    }

    /// <summary>"Cancel" on the second step: the device made for it is deleted, unassigned as it is.</summary>
    public async Task<IActionResult> OnPostCancelAsync()
    {
        if (MfaEnrolment.Read(protection, EnrolmentValue, Session!, UserName, clock.GetUtcNow()) is { } enrolment
            && await DeniedAsync("iam:DeleteVirtualMFADevice", enrolment.SerialNumber) is null)
        {
            try
            {
                await Core.MfaDevices.DeleteAsync(Session!.Caller, enrolment.SerialNumber);
            }
            catch (IamException ex) when (ex.Code is IamErrorCode.NoSuchEntity or IamErrorCode.DeleteConflict)
            {
                // Already gone, or enabled meanwhile: nothing to undo.
            }
        }

        return Redirect(BackUrl);
    }

    /// <summary>"Remove": deactivate the user's device, and delete it when the principal may.</summary>
    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var serial = SerialNumber ?? string.Empty;
        if (await DeniedAsync("iam:DeactivateMFADevice", UserTarget) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        // Decided before either call, so a refusal never leaves half of it done unexpectedly.
        var mayDelete = await DeniedAsync("iam:DeleteVirtualMFADevice", serial) is null;
        try
        {
            await Core.MfaDevices.DeactivateAsync(Session!.Caller, UserName, serial);
            if (mayDelete)
            {
                await Core.MfaDevices.DeleteAsync(Session.Caller, serial);
            }
        }
        catch (IamException ex)
        {
            return Failed(ex.Message);
        }

        return Redirect(BackUrl);
    }

    private async Task<PageResult> EnrolAsync(MfaEnrolment enrolment)
    {
        Enrolment = enrolment;
        EnrolmentValue = enrolment.Protect(protection);
        var account = await Core.Accounts.GetAsync(enrolment.AccountId);
        var uri = MfaQrCode.Uri(enrolment.UserName, account.Alias ?? enrolment.AccountId, enrolment.Seed);
        QrCodeSvg = MfaQrCode.Svg(uri, ConsoleTexts.MfaQrCodeLabel);
        MfaCode1 = MfaCode2 = null;
        return Page();
    }

    private PageResult Failed(string message)
    {
        Failure = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
