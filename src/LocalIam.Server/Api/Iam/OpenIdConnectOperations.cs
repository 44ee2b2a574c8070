using LocalIam.Iam.OpenIdConnect;
using static LocalIam.Aws.Query.QueryXml;

using LocalIam.Aws;

namespace LocalIam.Server.Api.Iam;

/// <summary>OpenID Connect providers, authorized on the provider's ARN (CreateOpenIDConnectProvider on the ARN it will have).</summary>
internal static class OpenIdConnectOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateOpenIDConnectProvider", "iam:CreateOpenIDConnectProvider",
            q => (Url: q.Required("Url"), ClientIds: q.GetList("ClientIDList"), Thumbprints: q.GetList("ThumbprintList"), Tags: q.Tags()),
            (r, c) => NewProviderArn(c, r.Url),
            async (r, c) =>
            {
                var provider = await c.Core.OidcProviders.CreateAsync(c.Caller, r.Url, r.ClientIds, r.Thumbprints, r.Tags);
                return new object?[] { El("OpenIDConnectProviderArn", provider.Arn(c.AccountId)), IamShapes.Tags(provider.Tags) }.OfType<object>();
            },
            (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .Add("GetOpenIDConnectProvider", "iam:GetOpenIDConnectProvider", ProviderArn, (arn, _) => arn, async (arn, c) =>
        {
            var provider = await c.Core.OidcProviders.GetAsync(c.Caller, arn);
            return
            [
                El("Url", provider.Url)!, StringMembers("ClientIDList", provider.ClientIds), StringMembers("ThumbprintList", provider.Thumbprints),
                El("CreateDate", provider.CreateDate)!, Members("Tags", provider.Tags, t => [El("Key", t.Key), El("Value", t.Value)]),
            ];
        })
        .AddVoid("DeleteOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", ProviderArn, (arn, _) => arn,
            (arn, c) => c.Core.OidcProviders.DeleteAsync(c.Caller, arn))
        .Add("ListOpenIDConnectProviders", "iam:ListOpenIDConnectProviders", NoParameters.Bind, (_, _) => "*", async (_, c) =>
            [Members("OpenIDConnectProviderList", await c.Core.OidcProviders.ListAsync(c.Caller), p => [El("Arn", p.Arn(c.AccountId))])])
        .AddVoid("AddClientIDToOpenIDConnectProvider", "iam:AddClientIDToOpenIDConnectProvider", q => (Arn: ProviderArn(q), ClientId: q.Required("ClientID")),
            (r, _) => r.Arn, (r, c) => c.Core.OidcProviders.AddClientIdAsync(c.Caller, r.Arn, r.ClientId))
        .AddVoid("RemoveClientIDFromOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider", q => (Arn: ProviderArn(q), ClientId: q.Required("ClientID")),
            (r, _) => r.Arn, (r, c) => c.Core.OidcProviders.RemoveClientIdAsync(c.Caller, r.Arn, r.ClientId))
        .AddVoid("UpdateOpenIDConnectProviderThumbprint", "iam:UpdateOpenIDConnectProviderThumbprint",
            q => (Arn: ProviderArn(q), Thumbprints: q.GetList("ThumbprintList")),
            (r, _) => r.Arn, (r, c) => c.Core.OidcProviders.UpdateThumbprintsAsync(c.Caller, r.Arn, r.Thumbprints))
        .AddVoid("TagOpenIDConnectProvider", "iam:TagOpenIDConnectProvider", q => (Arn: ProviderArn(q), Tags: q.Tags()), (r, _) => r.Arn,
            (r, c) => c.Core.OidcProviders.TagAsync(c.Caller, r.Arn, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider", q => (Arn: ProviderArn(q), Keys: q.GetList("TagKeys")), (r, _) => r.Arn,
            (r, c) => c.Core.OidcProviders.UntagAsync(c.Caller, r.Arn, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListOpenIDConnectProviderTags", "iam:ListOpenIDConnectProviderTags",
            q => (Arn: ProviderArn(q), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => r.Arn,
            async (r, c) => IamShapes.TagPage(await c.Core.OidcProviders.ListTagsAsync(c.Caller, r.Arn, r.Marker, r.MaxItems)));

    private static string ProviderArn(IRequestParameters q) => q.Required("OpenIDConnectProviderArn");

    /// <summary>The ARN the provider will have: the issuer URL's host and path.</summary>
    private static string NewProviderArn(IamCall call, string url)
    {
        var hostAndPath = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url["https://".Length..] : url;
        return call.Arn("oidc-provider", hostAndPath);
    }
}
