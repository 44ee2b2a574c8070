using LocalIam.Aws.Errors;
using LocalIam.Aws.Json;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// LocalIam's two operations on the billing service's JSON protocol (AWS has no API for the
/// setting): GetIAMAccessPreference and UpdateIAMAccessPreference, signing name <c>billing</c>.
/// The update is root's alone: the engine's root-only gate refuses it to everyone else.
/// </summary>
internal static class BillingOperations
{
    public static JsonService Service { get; } = new("AWSBilling", "billing", JsonProtocol.ContentType10, new JsonTable()
        .Add("GetIAMAccessPreference", "billing:GetIAMAccessPreference", NoParameters.Bind, (_, _) => "*", async (_, c) =>
            (object)new { Enabled = (await c.Core.Accounts.GetAsync(c.AccountId)).BillingAccessEnabled })
        .Add("UpdateIAMAccessPreference", "billing:UpdateIAMAccessPreference", q => q.GetBool("Enabled") ?? throw EnabledRequired(), (_, _) => "*", async (enabled, c) =>
        {
            await c.Core.Accounts.SetBillingAccessAsync(c.Caller, enabled);
            return (object)new { };
        })
        .Operations);

    private static AwsException EnabledRequired() => new(AwsErrors.MissingMember("Enabled"));
}
