using LocalIam.Iam.Saml;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>SAML providers, authorized on the provider's ARN (CreateSAMLProvider on the ARN it will have).</summary>
internal static class SamlOperations
{
    private const string ArnParameter = "SAMLProviderArn";

    public static void Register(OperationTable table) => table
        .Add("CreateSAMLProvider", c => c.Arn("saml-provider", c.Query.Required("Name")), async c =>
        {
            var provider = await c.Service<SamlProviderService>().CreateAsync(c.Caller, c.Query.Required("Name"), c.Query.Required("SAMLMetadataDocument"),
                c.Tags(), c.Query.Get("AssertionEncryptionMode"));
            return new object?[] { El("SAMLProviderArn", provider.Arn(c.AccountId)), IamShapes.Tags(provider.Tags) }.OfType<object>();
        }, RequestParameters.AddTagKeys)
        .Add("GetSAMLProvider", c => ProviderArn(c), async c =>
        {
            var provider = await c.Service<SamlProviderService>().GetAsync(c.Caller, ProviderArn(c));
            return
            [
                El("SAMLProviderUUID", provider.Uuid)!, El("SAMLMetadataDocument", provider.MetadataDocument)!, El("CreateDate", provider.CreateDate)!,
                El("ValidUntil", provider.ValidUntil)!, Members("Tags", provider.Tags, t => [El("Key", t.Key), El("Value", t.Value)]),
                El("AssertionEncryptionMode", provider.AssertionEncryptionMode)!, new System.Xml.Linq.XElement("PrivateKeyList"),
            ];
        })
        .Add("UpdateSAMLProvider", c => ProviderArn(c), async c =>
        {
            var provider = await c.Service<SamlProviderService>().UpdateAsync(c.Caller, ProviderArn(c), c.Query.Get("SAMLMetadataDocument"),
                c.Query.Get("AssertionEncryptionMode"));
            return [El("SAMLProviderArn", provider.Arn(c.AccountId))!];
        })
        .AddVoid("DeleteSAMLProvider", c => ProviderArn(c), c => c.Service<SamlProviderService>().DeleteAsync(c.Caller, ProviderArn(c)))
        .Add("ListSAMLProviders", _ => "*", async c =>
        {
            var providers = await c.Service<SamlProviderService>().ListAsync(c.Caller);
            return [Members("SAMLProviderList", providers, p => [El("Arn", p.Arn(c.AccountId)), El("ValidUntil", p.ValidUntil), El("CreateDate", p.CreateDate)])];
        })
        .AddVoid("TagSAMLProvider", c => ProviderArn(c),
            c => c.Service<SamlProviderService>().TagAsync(c.Caller, ProviderArn(c), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagSAMLProvider", c => ProviderArn(c),
            c => c.Service<SamlProviderService>().UntagAsync(c.Caller, ProviderArn(c), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListSAMLProviderTags", c => ProviderArn(c), async c =>
        {
            var page = await c.Service<SamlProviderService>().ListTagsAsync(c.Caller, ProviderArn(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Tags", page, t => [El("Key", t.Key), El("Value", t.Value)]);
        });

    private static string ProviderArn(IamCall call) => call.Query.Required(ArnParameter);
}
