using LocalIam.Iam.OpenIdConnect;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>OpenID Connect providers, authorized on the provider's ARN (CreateOpenIDConnectProvider on the ARN it will have).</summary>
internal static class OpenIdConnectOperations
{
    private const string ArnParameter = "OpenIDConnectProviderArn";

    public static void Register(OperationTable table) => table
        .Add("CreateOpenIDConnectProvider", c => NewProviderArn(c), async c =>
        {
            var provider = await c.Service<OidcProviderService>().CreateAsync(c.Caller, c.Query.Required("Url"), c.Query.GetList("ClientIDList"),
                c.Query.GetList("ThumbprintList"), c.Tags());
            return new object?[] { El("OpenIDConnectProviderArn", provider.Arn(c.AccountId)), IamShapes.Tags(provider.Tags) }.OfType<object>();
        }, RequestParameters.AddTagKeys)
        .Add("GetOpenIDConnectProvider", c => ProviderArn(c), async c =>
        {
            var provider = await c.Service<OidcProviderService>().GetAsync(c.Caller, ProviderArn(c));
            return
            [
                El("Url", provider.Url)!, StringMembers("ClientIDList", provider.ClientIds), StringMembers("ThumbprintList", provider.Thumbprints),
                El("CreateDate", provider.CreateDate)!, Members("Tags", provider.Tags, t => [El("Key", t.Key), El("Value", t.Value)]),
            ];
        })
        .AddVoid("DeleteOpenIDConnectProvider", c => ProviderArn(c), c => c.Service<OidcProviderService>().DeleteAsync(c.Caller, ProviderArn(c)))
        .Add("ListOpenIDConnectProviders", _ => "*", async c =>
        {
            var providers = await c.Service<OidcProviderService>().ListAsync(c.Caller);
            return [Members("OpenIDConnectProviderList", providers, p => [El("Arn", p.Arn(c.AccountId))])];
        })
        .AddVoid("AddClientIDToOpenIDConnectProvider", c => ProviderArn(c),
            c => c.Service<OidcProviderService>().AddClientIdAsync(c.Caller, ProviderArn(c), c.Query.Required("ClientID")))
        .AddVoid("RemoveClientIDFromOpenIDConnectProvider", c => ProviderArn(c),
            c => c.Service<OidcProviderService>().RemoveClientIdAsync(c.Caller, ProviderArn(c), c.Query.Required("ClientID")))
        .AddVoid("UpdateOpenIDConnectProviderThumbprint", c => ProviderArn(c),
            c => c.Service<OidcProviderService>().UpdateThumbprintsAsync(c.Caller, ProviderArn(c), c.Query.GetList("ThumbprintList")))
        .AddVoid("TagOpenIDConnectProvider", c => ProviderArn(c),
            c => c.Service<OidcProviderService>().TagAsync(c.Caller, ProviderArn(c), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagOpenIDConnectProvider", c => ProviderArn(c),
            c => c.Service<OidcProviderService>().UntagAsync(c.Caller, ProviderArn(c), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListOpenIDConnectProviderTags", c => ProviderArn(c), async c =>
        {
            var page = await c.Service<OidcProviderService>().ListTagsAsync(c.Caller, ProviderArn(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Tags", page, t => [El("Key", t.Key), El("Value", t.Value)]);
        });

    private static string ProviderArn(IamCall call) => call.Query.Required(ArnParameter);

    /// <summary>The ARN the provider will have: the issuer URL's host and path.</summary>
    private static string NewProviderArn(IamCall call)
    {
        var url = call.Query.Required("Url");
        var hostAndPath = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url["https://".Length..] : url;
        return call.Arn("oidc-provider", hostAndPath);
    }
}
