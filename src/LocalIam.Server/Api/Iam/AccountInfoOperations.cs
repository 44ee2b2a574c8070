using System.Xml.Linq;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Simulation;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// The account as a whole (GetAccountSummary, GetAccountAuthorizationDetails), the context keys
/// policies read (what the simulator needs values for), and tags on customer managed policies.
/// </summary>
internal static class AccountInfoOperations
{
    public static void Register(QueryTable table) => table
        .Add("GetAccountSummary", "iam:GetAccountSummary", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            var summary = await c.Core.AccountInfo.SummaryAsync(c.Caller);
            return [new XElement("SummaryMap", summary.Select(e => new XElement("entry", El("key", e.Key), El("value", e.Value))))];
        })
        .Add("GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails",
            q => (Filter: q.GetList("Filter"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (_, _) => "*",
            async (r, c) =>
            {
                // RoleLastUsed shows a use of a moment ago: this node's queued attempts are written first.
                await c.Core.LastAccess.FlushPendingAsync();
                return AuthorizationDetailsShapes.Result(
                    await c.Core.AccountInfo.AuthorizationDetailsAsync(c.Caller, AuthorizationDetailsFilter.Parse(r.Filter), r.Marker, r.MaxItems));
            })
        .Add("GetContextKeysForCustomPolicy", "iam:GetContextKeysForCustomPolicy", q => q.GetList("PolicyInputList"), (_, _) => "*", (inputs, _) =>
            Task.FromResult<IEnumerable<object>?>([StringMembers("ContextKeyNames", PolicySimulator.ContextKeysForCustomPolicies(inputs))]))
        .Add("GetContextKeysForPrincipalPolicy", "iam:GetContextKeysForPrincipalPolicy",
            q => (Source: q.Required("PolicySourceArn"), Inputs: q.GetList("PolicyInputList")),
            (r, _) => new ResourceName.EntityArn(r.Source),
            // The identity policies of the user (its groups' included), group or role, then the ones given.
            async (r, c) => [StringMembers("ContextKeyNames", await c.Core.Simulator.ContextKeysForPrincipalAsync(c.Caller, r.Source, r.Inputs))])
        .AddVoid("TagPolicy", "iam:TagPolicy", q => (Arn: q.Required("PolicyArn"), Tags: q.Tags()), (r, _) => r.Arn,
            (r, c) => c.Core.Policies.TagAsync(c.Caller, r.Arn, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagPolicy", "iam:UntagPolicy", q => (Arn: q.Required("PolicyArn"), Keys: q.GetList("TagKeys")), (r, _) => r.Arn,
            (r, c) => c.Core.Policies.UntagAsync(c.Caller, r.Arn, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListPolicyTags", "iam:ListPolicyTags", q => (Arn: q.Required("PolicyArn"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")), (r, _) => r.Arn,
            async (r, c) => IamShapes.TagPage(RecordTags.Page(await c.Core.Policies.ListTagsAsync(c.Caller, r.Arn), r.Marker, r.MaxItems)));
}
