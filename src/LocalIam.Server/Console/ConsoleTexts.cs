namespace LocalIam.Server.Console;

/// <summary>The console's own words (AWS's console words where AWS has them); not AWS API error texts.</summary>
internal static class ConsoleTexts
{
    /// <summary>AWS's console answer to any failed sign-in: it never says which part was wrong.</summary>
    public const string SignInFailed = "Your authentication information is incorrect. Please try again.";

    public static readonly string LockedOut =
        $"Too many failed sign-in attempts: sign-in is locked for {SignInLockout.Duration.TotalMinutes:0} minutes";

    public const string PasswordsDiffer = "The new passwords do not match";

    public const string OnlyRootChangesBilling = "Only the root user can change this setting";

    public const string BillingActivated = "IAM user/role access to billing information is activated.";

    public const string BillingGateHint =
        "IAM user and role access to Billing information is deactivated for this account: only the root user can activate it, on the Account page.";

    public const string BillingDeactivated = "IAM user/role access to billing information is deactivated.";

    // Assign MFA device, and the MFA step of sign-in.
    public const string ChooseMfaDevice = "Choose an MFA device";

    public const string MfaEnrolmentExpired = "This MFA device setup has expired or is not yours: start again";

    public const string MfaQrCodeLabel = "QR code for your authenticator app";

    // The Policies pages and the policy simulator.
    public const string DeleteConfirmationDiffers = "To confirm deletion, enter the policy name exactly as it is shown";

    public const string BillingSettingDecided =
        "Denied by the account setting IAM user and role access to Billing information, which is deactivated: only the root user can activate it, on the Account page.";

    /// <summary>A post whose fields do not parse, or lack one the form always sends.</summary>
    public static string InvalidFormFields(string fields) => $"These values are not valid: {fields}. Go back and correct them";

    // Billing and Cost Management.
    public const string BillingGateScope =
        "The setting gates the Billing and Cost Management console pages only: the Cost Explorer, Budgets and Cost and Usage Report APIs are decided by IAM policies alone.";

    public static string BillMonthInvalid(string month) => $"`{month}` is not a billing period: give a month as YYYY-MM, not after the current one";

    public const string OnlyRootChangesActionSet = "Only the root user can change which action set the account enforces";
}
