using System.Xml.Linq;
using LocalIam.Iam.Errors;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// Account-wide features: outbound web identity federation, the STS token version, and what IAM
/// answers a stand-alone account for the features of AWS Organizations (centralized root access,
/// organizations access reports) and for delegation requests (docs/api.md says why each answers so).
/// </summary>
internal static class AccountFeatureOperations
{
    public static void Register(QueryTable table)
    {
        // Centralized root access needs an organization; a LocalIam account belongs to none.
        foreach (var name in new[]
        {
            "ListOrganizationsFeatures", "EnableOrganizationsRootCredentialsManagement", "DisableOrganizationsRootCredentialsManagement",
            "EnableOrganizationsRootSessions", "DisableOrganizationsRootSessions",
        })
        {
            table.Add(name, $"iam:{name}", NoParameters.Bind, (_, _) => "*", (_, _) => throw IamErrors.OrganizationNotFound());
        }

        table
            .Add("GenerateOrganizationsAccessReport", "iam:GenerateOrganizationsAccessReport",
                q => (EntityPath: q.Required("EntityPath"), PolicyId: q.Get("OrganizationsPolicyId")),
                (r, c) => $"arn:aws:iam::{c.AccountId}:access-report/{r.EntityPath}",
                (_, _) => throw IamErrors.OrganizationNotFound(),
                (r, context) =>
                {
                    if (r.PolicyId is not null)
                    {
                        context.Set("iam:OrganizationsPolicyId", r.PolicyId);
                    }
                })
            .Add("GetOrganizationsAccessReport", "iam:GetOrganizationsAccessReport",
                q => (JobId: q.Required("JobId"), MaxItems: q.GetInt("MaxItems"), Marker: q.Get("Marker"), SortKey: q.Get("SortKey")),
                (_, _) => "*", (r, _) => throw IamErrors.AccessReportNotFound(r.JobId))
            .Add("EnableOutboundWebIdentityFederation", "iam:EnableOutboundWebIdentityFederation", NoParameters.Bind, (_, _) => "*",
                async (_, c) => [El("IssuerIdentifier", await c.Core.AccountFeatures.EnableOutboundFederationAsync(c.Caller))!])
            .AddVoid("DisableOutboundWebIdentityFederation", "iam:DisableOutboundWebIdentityFederation", NoParameters.Bind, (_, _) => "*",
                (_, c) => c.Core.AccountFeatures.DisableOutboundFederationAsync(c.Caller))
            .Add("GetOutboundWebIdentityFederationInfo", "iam:GetOutboundWebIdentityFederationInfo", NoParameters.Bind, (_, _) => "*", async (_, c) =>
            {
                var info = await c.Core.AccountFeatures.OutboundFederationInfoAsync(c.Caller);
                return [El("IssuerIdentifier", info.IssuerIdentifier)!, El("JwtVendingEnabled", info.Enabled)!];
            })
            .AddVoid("SetSecurityTokenServicePreferences", "iam:SetSecurityTokenServicePreferences", q => q.Required("GlobalEndpointTokenVersion"), (_, _) => "*",
                (version, c) => c.Core.AccountFeatures.SetGlobalEndpointTokenVersionAsync(c.Caller, version));
        RegisterDelegationRequests(table);
    }

    /// <summary>
    /// Delegation requests are made only by AWS partners onboarded for temporary access delegation;
    /// LocalIam has none, so no request exists to read, accept, reject or update.
    /// </summary>
    private static void RegisterDelegationRequests(QueryTable table)
    {
        static ResourceName Request(string id, IamCall c) => $"arn:aws:iam::{c.AccountId}:delegation-request/{id}";

        foreach (var name in new[] { "AcceptDelegationRequest", "AssociateDelegationRequest", "SendDelegationToken" })
        {
            table.AddVoid(name, $"iam:{name}", q => q.Required("DelegationRequestId"), Request,
                (id, _) => throw IamErrors.DelegationRequestNotFound(id));
        }

        foreach (var name in new[] { "RejectDelegationRequest", "UpdateDelegationRequest" })
        {
            table.AddVoid(name, $"iam:{name}", q => (Id: q.Required("DelegationRequestId"), Notes: q.Get("Notes")), (r, c) => Request(r.Id, c),
                (r, _) => throw IamErrors.DelegationRequestNotFound(r.Id));
        }

        table
            .Add("GetDelegationRequest", "iam:GetDelegationRequest", q => (Id: q.Required("DelegationRequestId"), Check: q.GetBool("DelegationPermissionCheck")),
                (r, c) => Request(r.Id, c), (r, _) => throw IamErrors.DelegationRequestNotFound(r.Id))
            .Add("ListDelegationRequests", "iam:ListDelegationRequests",
                q => (OwnerId: q.Get("OwnerId"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")), (_, _) => "*",
                (r, _) => r.Marker is not null
                    ? throw IamErrors.InvalidMarker()
                    : Task.FromResult<IEnumerable<object>?>([new XElement("DelegationRequests"), El("isTruncated", false)!]))
            .Add("CreateDelegationRequest", "iam:CreateDelegationRequest",
                q => (Description: q.Required("Description"), Permissions: q.Get("Permissions.PolicyTemplateArn"), Workflow: q.Required("RequestorWorkflowId"),
                    Channel: q.Required("NotificationChannel"), Duration: q.GetInt("SessionDuration"), Owner: q.Get("OwnerAccountId"),
                    Message: q.Get("RequestMessage"), Redirect: q.Get("RedirectUrl"), OnlyOwner: q.GetBool("OnlySendByOwner")),
                (_, c) => Request("*", c), (_, _) => throw IamErrors.NotADelegationPartner(),
                (r, context) =>
                {
                    context.Set("iam:NotificationChannel", r.Channel);
                    if (r.Duration is { } duration)
                    {
                        context.Set("iam:DelegationDuration", duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    if (r.Permissions is not null)
                    {
                        context.Set("iam:TemplateArn", r.Permissions);
                    }
                })
            .Add("GetHumanReadableSummary", "iam:GetHumanReadableSummary", q => (Arn: q.Required("EntityArn"), Locale: q.Get("Locale")), (r, _) => r.Arn,
                (r, _) => Task.FromResult<IEnumerable<object>?>(HumanReadableSummary(r.Arn, r.Locale)));
    }

    /// <summary>Only delegation requests have summaries (none exists here); any other entity's summary is NOT_SUPPORTED.</summary>
    private static IEnumerable<object> HumanReadableSummary(string arn, string? locale)
    {
        var parts = arn.Split(':', 6);
        if (parts is not ["arn", { Length: > 0 }, { Length: > 0 }, _, _, { Length: > 0 } resource])
        {
            throw IamErrors.InvalidArn(arn);
        }

        if (parts[2] == "iam" && resource.StartsWith("delegation-request/", StringComparison.Ordinal))
        {
            throw IamErrors.DelegationRequestNotFound(resource["delegation-request/".Length..]);
        }

        return [El("Locale", locale ?? "en")!, El("SummaryState", "NOT_SUPPORTED")!];
    }
}
