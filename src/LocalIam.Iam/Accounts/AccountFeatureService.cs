using LocalIam.Iam.Errors;
using LocalIam.Iam.Objects;
using LocalIam.Storage;

namespace LocalIam.Iam.Accounts;

/// <summary>Outbound web identity federation of one account: its issuer (kept once made) and whether tokens may be issued.</summary>
public sealed record OutboundFederationRecord(string IssuerIdentifier, bool Enabled);

/// <summary>
/// Account-wide features that IAM switches on and off: outbound web identity federation
/// (Enable/Disable/GetOutboundWebIdentityFederationInfo) and the STS global endpoint's token
/// version (SetSecurityTokenServicePreferences; GetAccountSummary reports it).
/// </summary>
public sealed class AccountFeatureService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    /// <summary>Present when the account chose version 2 tokens; GetAccountSummary counts it (AccountCounts reads every kind in one query).</summary>
    public const string V2TokensKind = "global-endpoint-token-v2";

    private const string RecordKey = "account";

    private static readonly AccountObjects<OutboundFederationRecord> Outbound = new("outbound-web-identity-federation");
    private static readonly AccountObjects<object> V2Tokens = new(V2TokensKind);

    public Task<string> EnableOutboundFederationAsync(IamCaller caller) =>
        ChangeAsync(caller, "iam:EnableOutboundWebIdentityFederation", caller.AccountId, async db =>
        {
            var current = await Outbound.FindAsync(db, caller.AccountId, RecordKey);
            if (current is { Enabled: true })
            {
                throw IamErrors.OutboundFederationAlreadyEnabled();
            }

            // AWS's form: a unique issuer per account, kept when the feature is turned off and on again.
            var issuer = current?.IssuerIdentifier ?? $"https://{Guid.NewGuid()}.tokens.sts.global.api.aws";
            if (current is null)
            {
                Outbound.Add(db, caller.AccountId, RecordKey, new(issuer, true), Now);
            }
            else
            {
                await Outbound.UpdateAsync(db, caller.AccountId, RecordKey, current with { Enabled = true });
            }

            return issuer;
        });

    public Task DisableOutboundFederationAsync(IamCaller caller) =>
        ChangeAsync(caller, "iam:DisableOutboundWebIdentityFederation", caller.AccountId, async db =>
        {
            var current = await Outbound.FindAsync(db, caller.AccountId, RecordKey);
            if (current is not { Enabled: true })
            {
                throw IamErrors.OutboundFederationAlreadyDisabled();
            }

            await Outbound.UpdateAsync(db, caller.AccountId, RecordKey, current with { Enabled = false });
        });

    /// <summary>The issuer and whether tokens are issued; FeatureDisabled while the feature was never enabled (no issuer exists yet).</summary>
    public Task<OutboundFederationRecord> OutboundFederationInfoAsync(IamCaller caller) =>
        Store.ReadAsync(async db => await Outbound.FindAsync(db, caller.AccountId, RecordKey) ?? throw IamErrors.OutboundFederationAlreadyDisabled());

    public Task<bool> IsOutboundFederationEnabledAsync(IamCaller caller) =>
        Store.ReadAsync(async db => await Outbound.FindAsync(db, caller.AccountId, RecordKey) is { Enabled: true });

    /// <summary>SetSecurityTokenServicePreferences: <c>v1Token</c> or <c>v2Token</c> (the model's enumeration, checked at the wire).</summary>
    public Task SetGlobalEndpointTokenVersionAsync(IamCaller caller, string version) =>
        ChangeAsync(caller, "iam:SetSecurityTokenServicePreferences", version, async db =>
        {
            var present = await V2Tokens.FindAsync(db, caller.AccountId, RecordKey) is not null;
            if (version == "v2Token" && !present)
            {
                V2Tokens.Add(db, caller.AccountId, RecordKey, new { }, Now);
            }
            else if (version == "v1Token" && present)
            {
                await V2Tokens.RemoveAsync(db, caller.AccountId, RecordKey);
            }
        });
}
