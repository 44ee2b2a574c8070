using LocalIam.Iam.Errors;
using LocalIam.Iam.Credentials;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Sts;

/// <summary>
/// STS operations about the account rather than a session: GetAccessKeyInfo, DecodeAuthorizationMessage,
/// and those that need AWS Organizations or outbound federation (AssumeRoot, GetDelegatedAccessToken,
/// GetWebIdentityToken), answered as AWS answers a stand-alone account (docs/api.md).
/// </summary>
internal static class StsAccountOperations
{
    public static OperationTable<IEnumerable<object>?> Register(OperationTable<IEnumerable<object>?> table)
    {
        table
            .Add("GetAccessKeyInfo", "sts:GetAccessKeyInfo", q => q.Required("AccessKeyId"), (_, _) => "*", async (keyId, c) =>
                [El("Account", await c.Core.AccessKeyAccounts.OwnerAccountAsync(keyId) ?? throw IamErrors.AccessKeyIdInvalid())!])
            .Add("DecodeAuthorizationMessage", "sts:DecodeAuthorizationMessage", q => q.Required("EncodedMessage"), (_, _) => "*", (message, c) =>
                Task.FromResult<IEnumerable<object>?>([El("DecodedMessage", c.Core.AuthorizationMessages.Decode(message, c.AccountId))!]))
            .Add("AssumeRoot", "sts:AssumeRoot",
                q => (Target: q.Required("TargetPrincipal"), TaskPolicyArn: q.Get("TaskPolicyArn.arn"), Duration: q.GetInt("DurationSeconds")),
                (r, _) => RootArn(r.Target),
                (r, c) => throw IamErrors.AssumeRootRefused(c.Who.Principal.Arn, RootArn(r.Target)),
                (r, context) =>
                {
                    if (r.TaskPolicyArn is not null)
                    {
                        context.Set("sts:TaskPolicyArn", r.TaskPolicyArn);
                    }
                })
            .Add("GetDelegatedAccessToken", "sts:GetDelegatedAccessToken", q => q.Required("TradeInToken"), (_, _) => "*",
                (_, _) => throw IamErrors.TradeInTokenExpired())
            .Add("GetWebIdentityToken", "sts:GetWebIdentityToken",
                q => (Audience: q.GetList("Audience"), Duration: q.GetInt("DurationSeconds"), Algorithm: q.Required("SigningAlgorithm"), Tags: q.GetStructures("Tags")),
                (_, _) => "*",
                async (r, c) => await WebIdentityTokenAsync(r.Audience, r.Duration, r.Algorithm, c),
                (r, context) =>
                {
                    context.SetList("sts:IdentityTokenAudience", r.Audience);
                    context.Set("sts:SigningAlgorithm", r.Algorithm);
                    if (r.Duration is { } duration)
                    {
                        context.Set("sts:DurationSeconds", duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                });
        return table;
    }

    private static async Task<IEnumerable<object>?> WebIdentityTokenAsync(List<string> audience, int? duration, string algorithm, IamCall c)
    {
        if (!await c.Core.AccountFeatures.IsOutboundFederationEnabledAsync(c.Caller))
        {
            throw IamErrors.OutboundFederationDisabled();
        }

        var token = await c.Core.WebIdentityTokens.IssueAsync(c.Who, audience, duration ?? 300, algorithm);
        return [El("WebIdentityToken", token.Token)!, El("Expiration", token.Expiration)!];
    }

    /// <summary>The member account's root user AssumeRoot names: an account id, or its root ARN as given.</summary>
    private static string RootArn(string target) => target.StartsWith("arn:", StringComparison.Ordinal) ? target : $"arn:aws:iam::{target}:root";
}
