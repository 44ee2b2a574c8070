using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>ListPoliciesGrantingServiceAccess: which of an identity's policies reach each service namespace named.</summary>
internal static class ServiceAccessOperations
{
    public static void Register(QueryTable table) => table
        .Add("ListPoliciesGrantingServiceAccess", "iam:ListPoliciesGrantingServiceAccess",
            q => (Arn: q.Required("Arn"), Namespaces: q.GetList("ServiceNamespaces"), Marker: q.Get("Marker")),
            (r, _) => new ResourceName.EntityArn(r.Arn),
            async (r, c) =>
            {
                // Every namespace's answer fits in one page (the model bounds them at 200), so no marker is ever issued.
                if (r.Marker is not null)
                {
                    throw LocalIam.Iam.Errors.IamErrors.InvalidMarker();
                }

                var grants = await c.Core.ServiceAccess.ListAsync(c.Caller, r.Arn, r.Namespaces);
                return
                [
                    Members("PoliciesGrantingServiceAccess", grants, g =>
                    [
                        El("ServiceNamespace", g.ServiceNamespace),
                        Members("Policies", g.Policies, p =>
                        [
                            El("PolicyName", p.PolicyName), El("PolicyType", p.IsManaged ? "MANAGED" : "INLINE"), El("PolicyArn", p.PolicyArn),
                            El("EntityType", p.EntityKind?.ToString().ToUpperInvariant()), El("EntityName", p.EntityName),
                        ]),
                    ]),
                    El("IsTruncated", false)!,
                ];
            });
}
