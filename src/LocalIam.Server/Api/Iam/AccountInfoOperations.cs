using System.Xml.Linq;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Simulation;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// The account as a whole (GetAccountSummary, GetAccountAuthorizationDetails), the context keys
/// policies read (what the simulator needs values for), and tags on customer managed policies.
/// </summary>
internal static class AccountInfoOperations
{
    public static void Register(OperationTable table) => table
        .Add("GetAccountSummary", _ => "*", async c =>
        {
            var summary = await c.Service<AccountInfoService>().SummaryAsync(c.Caller);
            return [new XElement("SummaryMap", summary.Select(e => new XElement("entry", El("key", e.Key), El("value", e.Value))))];
        })
        .Add("GetAccountAuthorizationDetails", _ => "*", async c =>
        {
            var filter = AuthorizationDetailsFilter.Parse(c.Query.GetList("Filter"));
            var details = await c.Service<AccountInfoService>().AuthorizationDetailsAsync(c.Caller, filter, c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return AuthorizationDetailsShapes.Result(details);
        })
        .Add("GetContextKeysForCustomPolicy", _ => "*", c =>
            Task.FromResult<IEnumerable<object>?>([StringMembers("ContextKeyNames", PolicySimulator.ContextKeysForCustomPolicies(c.Query.GetList("PolicyInputList")))]))
        .Add("GetContextKeysForPrincipalPolicy", c => new ResourceName.EntityArn(c.Query.Required("PolicySourceArn")), async c =>
        {
            // The identity policies of the user (its groups' included), group or role, then the ones given.
            var keys = await c.Service<PolicySimulator>().ContextKeysForPrincipalAsync(c.Caller, c.Query.Required("PolicySourceArn"), c.Query.GetList("PolicyInputList"));
            return [StringMembers("ContextKeyNames", keys)];
        })
        .AddVoid("TagPolicy", c => c.Query.Required("PolicyArn"),
            c => c.Service<ManagedPolicyService>().TagAsync(c.Caller, c.Query.Required("PolicyArn"), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagPolicy", c => c.Query.Required("PolicyArn"),
            c => c.Service<ManagedPolicyService>().UntagAsync(c.Caller, c.Query.Required("PolicyArn"), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListPolicyTags", c => c.Query.Required("PolicyArn"), async c =>
        {
            var tags = await c.Service<ManagedPolicyService>().ListTagsAsync(c.Caller, c.Query.Required("PolicyArn"));
            return [Members("Tags", tags, t => [El("Key", t.Key), El("Value", t.Value)]), El("IsTruncated", false)!];
        });
}
