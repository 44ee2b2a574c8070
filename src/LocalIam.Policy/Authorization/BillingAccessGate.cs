using System.Collections.Frozen;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>
/// The account setting "IAM user and role access to Billing information": while it is off, IAM
/// users and roles are denied the billing console's actions whatever their policies say; root
/// never is. The Cost Explorer, Budgets and CUR APIs and <c>account:*</c> are not gated
/// (see ../shared/reference/billing-actions.md); their console pages are, whatever the action
/// (<see cref="RequestContext.ViaBillingConsole"/>).
/// </summary>
public static class BillingAccessGate
{
    public const string SettingName = "IAM user and role access to Billing information";

    public static readonly FrozenSet<string> GatedServices = new[]
    {
        "aws-portal", "billing", "payments", "tax", "invoicing", "consolidatedbilling", "freetier", "purchase-orders",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsGated(RequestAction action) => GatedServices.Contains(action.Service);

    public static bool Blocks(Principal principal, RequestAction action, AccountSettings settings, RequestContext context) =>
        !settings.IamUserAccessToBilling && principal.IsIamPrincipal && (IsGated(action) || context.ViaBillingConsole);
}

/// <summary>Actions only the root user may perform; no policy can grant them to anyone else.</summary>
public static class RootOnlyActions
{
    /// <summary>
    /// The billing setting's update: AWS documents it as root-only even though the IAM action exists.
    /// And the switch between the legacy and the fine-grained billing action sets, which LocalIam
    /// keeps for root too (docs/billing.md): it changes what every billing policy of the account means.
    /// Other root-only tasks (closing the account, changing the root email) have no IAM action here.
    /// </summary>
    public static readonly FrozenSet<string> Actions = new[]
    {
        "billing:UpdateIAMAccessPreference",
        "aws-portal:UpdateConsoleActionSetEnforced", "purchase-orders:UpdateConsoleActionSetEnforced", "ce:UpdateConsoleActionSetEnforced",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool Contains(RequestAction action) => Actions.Contains(action.Full);

    /// <summary>
    /// S3 lets the bucket owner's root user read, replace or delete a bucket policy even when that
    /// policy denies everyone (a root-only task in the IAM User Guide); only SCPs can stop it.
    /// </summary>
    public static readonly FrozenSet<string> BucketPolicyRecovery = new[]
    {
        "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsBucketPolicyRecovery(RequestAction action) => BucketPolicyRecovery.Contains(action.Full);
}
