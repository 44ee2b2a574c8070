using System.Reflection;
using LocalIam.Aws.Validation;
using LocalIam.Iam.Areas;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Simulation;

namespace LocalIam.Iam.Tests.Areas;

/// <summary>
/// The declarations of IamAreas hold together: every quota belongs to one area, the summary they
/// make has exactly the keys of AWS's model, and the application core exposes every area's service.
/// </summary>
public sealed class IamAreasTests
{
    [Fact]
    public void Quotas_EveryOne_DeclaredByExactlyOneArea()
    {
        var quotas = typeof(Quotas).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Quota)f.GetValue(null)!).ToList();
        var declared = IamAreas.All.SelectMany(a => a.Quotas.Select(q => (Area: a.Name, Quota: q))).ToList();

        Assert.All(quotas, quota => Assert.Single(declared, d => ReferenceEquals(d.Quota, quota)));
        Assert.All(declared, d => Assert.Contains(d.Quota, quotas));
        Assert.Equal(quotas.Count, quotas.Select(q => q.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Summary_KeysFromTheAreas_AreExactlyTheSummaryKeysOfAwsModel()
    {
        var keys = IamAreas.All.SelectMany(a => a.Counts.Select(c => c.Key))
            .Concat(IamAreas.All.SelectMany(a => a.Quotas).Where(q => q.SummaryKey is not null).Select(q => q.SummaryKey!))
            .Distinct(StringComparer.Ordinal);

        Assert.Equal(ServiceConstraints.Iam.OutputEnum("summaryKeyType").Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Summary_QuotaKeys_EachReportedByOneQuotaOnly()
    {
        var quotaKeys = IamAreas.All.SelectMany(a => a.Quotas).Where(q => q.SummaryKey is not null).Select(q => q.SummaryKey!).ToList();
        var countKeys = IamAreas.All.SelectMany(a => a.Counts).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(quotaKeys.Count, quotaKeys.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(quotaKeys, countKeys.Contains);
    }

    [Fact]
    public void Areas_NamesAndServices_Unique()
    {
        Assert.Equal(IamAreas.All.Count, IamAreas.All.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());
        var services = IamAreas.All.Where(a => a.Service is not null).Select(a => a.Service!).ToList();
        Assert.Equal(services.Count, services.Distinct().Count());

        // Every declared area is in All, once.
        var fields = typeof(IamAreas).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(IamArea)).Select(f => (IamArea)f.GetValue(null)!).ToList();
        Assert.Equal(fields.Count, IamAreas.All.Count);
        Assert.All(fields, area => Assert.Contains(area, IamAreas.All));
    }

    [Fact]
    public void IamCore_Properties_AreTheAreasServicesAndTheSharedDecisions()
    {
        // The services IamCore offers beyond the areas: the decisions every front end shares, and
        // the billing services the Cost Explorer and Budgets APIs and the billing pages share, and
        // who-can / explain (LocalIam's own API and the CLI).
        Type[] decisions = [typeof(PolicySimulator), typeof(RoleSessions), typeof(LocalIam.Iam.Billing.CostExplorer.CostExplorerService), typeof(LocalIam.Iam.Billing.Budgets.BudgetService),
            typeof(LocalIam.Iam.Analysis.AccountAnalysis),

            // STS's answers about keys, denials and outbound tokens, which no area owns.
            typeof(LocalIam.Iam.Credentials.AccessKeyAccounts), typeof(LocalIam.Iam.Authorization.AuthorizationMessages), typeof(LocalIam.Iam.Credentials.WebIdentityTokenService),

            // Sessions from web identity, SAML and GetFederationToken, which STS and no area owns.
            typeof(LocalIam.Iam.Federation.FederatedSessions),

            // Every attempt of a user or role, recorded on the request path for the last accessed reports.
            typeof(LocalIam.Iam.LastAccessed.LastAccessRecorder)];
        var properties = typeof(IamCore).GetProperties().Select(p => p.PropertyType).ToHashSet();
        var areaServices = IamAreas.All.Where(a => a.Service is not null).Select(a => a.Service!)
            .Where(s => s != typeof(SessionService)); // read through RoleSessions, never by a front end

        Assert.Equal([.. areaServices.Concat(decisions).OrderBy(t => t.Name, StringComparer.Ordinal)], properties.OrderBy(t => t.Name, StringComparer.Ordinal));
    }
}
