using System.Text.Json;
using LocalIam.Aws.Errors;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// LocalIam's two operations on the billing service's JSON protocol (AWS has no API for the
/// setting): GetIAMAccessPreference and UpdateIAMAccessPreference, signing name <c>billing</c>.
/// </summary>
internal static class BillingOperations
{
    public const string TargetPrefix = "AWSBilling";
    public const string SigningName = "billing";

    /// <summary>The IAM action each operation is authorized as; unknown operations are refused before signing matters.</summary>
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GetIAMAccessPreference"] = "billing:GetIAMAccessPreference",
        ["UpdateIAMAccessPreference"] = "billing:UpdateIAMAccessPreference",
    };

    public static async Task<object> HandleAsync(string operation, JsonElement input, AuthenticatedPrincipal who, IServiceProvider services)
    {
        var accounts = services.GetRequiredService<AccountService>();
        switch (operation)
        {
            case "GetIAMAccessPreference":
                return new { Enabled = (await accounts.GetAsync(who.AccountId)).BillingAccessEnabled };
            default:
                if (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty("Enabled", out var enabled) || enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new AwsException(new AwsError("ValidationException", 400, "1 validation error detected: Value null at 'enabled' failed to satisfy constraint: Member must not be null"));
                }

                await accounts.SetBillingAccessAsync(who.Caller, enabled.GetBoolean());
                return new { };
        }
    }
}
