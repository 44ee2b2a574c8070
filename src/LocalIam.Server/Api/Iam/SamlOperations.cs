using LocalIam.Iam.Saml;
using static LocalIam.Aws.Query.QueryXml;

using LocalIam.Aws;

namespace LocalIam.Server.Api.Iam;

/// <summary>SAML providers, authorized on the provider's ARN (CreateSAMLProvider on the ARN it will have).</summary>
internal static class SamlOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateSAMLProvider", "iam:CreateSAMLProvider",
            q => (Name: q.Required("Name"), Metadata: q.Required("SAMLMetadataDocument"), Tags: q.Tags(), Encryption: q.Get("AssertionEncryptionMode")),
            (r, c) => c.Arn("saml-provider", r.Name),
            async (r, c) =>
            {
                var provider = await c.Core.SamlProviders.CreateAsync(c.Caller, r.Name, r.Metadata, r.Tags, r.Encryption);
                return new object?[] { El("SAMLProviderArn", provider.Arn(c.AccountId)), IamShapes.Tags(provider.Tags) }.OfType<object>();
            },
            (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .Add("GetSAMLProvider", "iam:GetSAMLProvider", ProviderArn, (arn, _) => arn, async (arn, c) =>
        {
            var provider = await c.Core.SamlProviders.GetAsync(c.Caller, arn);
            return
            [
                El("SAMLProviderUUID", provider.Uuid)!, El("SAMLMetadataDocument", provider.MetadataDocument)!, El("CreateDate", provider.CreateDate)!,
                El("ValidUntil", provider.ValidUntil)!, Members("Tags", provider.Tags, t => [El("Key", t.Key), El("Value", t.Value)]),
                El("AssertionEncryptionMode", provider.AssertionEncryptionMode)!, new System.Xml.Linq.XElement("PrivateKeyList"),
            ];
        })
        .Add("UpdateSAMLProvider", "iam:UpdateSAMLProvider",
            q => (Arn: ProviderArn(q), Metadata: q.Get("SAMLMetadataDocument"), Encryption: q.Get("AssertionEncryptionMode")),
            (r, _) => r.Arn,
            async (r, c) => [El("SAMLProviderArn", (await c.Core.SamlProviders.UpdateAsync(c.Caller, r.Arn, r.Metadata, r.Encryption)).Arn(c.AccountId))!])
        .AddVoid("DeleteSAMLProvider", "iam:DeleteSAMLProvider", ProviderArn, (arn, _) => arn, (arn, c) => c.Core.SamlProviders.DeleteAsync(c.Caller, arn))
        .Add("ListSAMLProviders", "iam:ListSAMLProviders", NoParameters.Bind, (_, _) => "*", async (_, c) =>
            [Members("SAMLProviderList", await c.Core.SamlProviders.ListAsync(c.Caller), p => [El("Arn", p.Arn(c.AccountId)), El("ValidUntil", p.ValidUntil), El("CreateDate", p.CreateDate)])])
        .AddVoid("TagSAMLProvider", "iam:TagSAMLProvider", q => (Arn: ProviderArn(q), Tags: q.Tags()), (r, _) => r.Arn,
            (r, c) => c.Core.SamlProviders.TagAsync(c.Caller, r.Arn, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagSAMLProvider", "iam:UntagSAMLProvider", q => (Arn: ProviderArn(q), Keys: q.GetList("TagKeys")), (r, _) => r.Arn,
            (r, c) => c.Core.SamlProviders.UntagAsync(c.Caller, r.Arn, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListSAMLProviderTags", "iam:ListSAMLProviderTags", q => (Arn: ProviderArn(q), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => r.Arn,
            async (r, c) => IamShapes.TagPage(await c.Core.SamlProviders.ListTagsAsync(c.Caller, r.Arn, r.Marker, r.MaxItems)));

    private static string ProviderArn(IRequestParameters q) => q.Required("SAMLProviderArn");
}
