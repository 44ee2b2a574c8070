using System.Diagnostics;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Saml;

namespace LocalIam.Iam.Tests.Saml;

public class SamlMetadataTests
{
    private const string Valid = """
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>MIIB</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;

    [Fact]
    public void Check_RealShape_Accepted()
    {
        SamlMetadata.Check(Valid);
    }

    [Theory]
    [InlineData("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>")]
    [InlineData("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">")]
    [InlineData("<EntityDescriptor/>")]
    public void Check_NotAnEntityOrNotWellFormed_InvalidInput(string document)
    {
        var error = Assert.Throws<IamException>(() => SamlMetadata.Check(document));

        Assert.Equal(IamErrorCode.InvalidInput, error.Code);
        Assert.Equal("Could not parse metadata", error.Message);
    }

    [Fact]
    public void Check_NestedHundredThousandDeep_InvalidInputQuickly()
    {
        var document = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">"
            + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</md:EntityDescriptor>";
        var stopwatch = Stopwatch.StartNew();

        var error = Assert.Throws<IamException>(() => SamlMetadata.Check(document));

        stopwatch.Stop();
        Assert.Equal(IamErrorCode.InvalidInput, error.Code);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"{stopwatch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Check_SixtyFourDeep_Accepted()
    {
        var document = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">"
            + string.Concat(Enumerable.Repeat("<a>", SamlMetadata.MaxDepth - 1)) + string.Concat(Enumerable.Repeat("</a>", SamlMetadata.MaxDepth - 1)) + "</md:EntityDescriptor>";

        SamlMetadata.Check(document);
    }
}
