using System.Text.Json;
using System.Xml.Linq;
using LocalIam.Aws.Errors;
using LocalIam.Aws.Json;
using LocalIam.Aws.Query;

namespace LocalIam.Aws.Tests.Query;

/// <summary>The error and response writers never fail on what a request echoes or a store holds.</summary>
public class ResponseWriterTests
{
    [Theory]
    [InlineData("ListUsers\u0000", @"ListUsers\u0000")]
    [InlineData("\u0001\u000B\u001F", @"\u0001\u000B\u001F")]
    [InlineData("\uFFFE\uFFFF", @"\uFFFE\uFFFF")]
    [InlineData("pair \U0001F600 kept", "pair \U0001F600 kept")]
    [InlineData("tab\tlf\ncr\r", "tab\tlf\ncr\r")]
    public void Error_AnyMessage_WellFormedXmlWithTheTextEscaped(string message, string expected)
    {
        var xml = QueryXml.Error(QueryXml.Iam, new AwsError("InvalidAction", 400, message), "req-1");

        var read = XDocument.Parse(xml).Root!.Element(QueryXml.Iam + "Error")!.Element(QueryXml.Iam + "Message")!.Value;
        Assert.Equal(expected, read);
    }

    [Fact]
    public void Error_UnpairedSurrogates_WrittenAsEscapes()
    {
        // Built in code: attribute arguments cannot hold an unpaired surrogate.
        var message = $"high {(char)0xD800} low {(char)0xDC00} end {(char)0xD83D}";

        var xml = QueryXml.Error(QueryXml.Iam, new AwsError("InvalidAction", 400, message), "req-1");

        Assert.Equal(@"high \uD800 low \uDC00 end \uD83D", XDocument.Parse(xml).Descendants(QueryXml.Iam + "Message").Single().Value);
    }

    [Fact]
    public void Error_MessageWithMarkup_Escaped()
    {
        var xml = QueryXml.Error(QueryXml.Iam, new AwsError("InvalidAction", 400, "<a>&'\""), "req-1");

        Assert.Contains("<Message>&lt;a&gt;&amp;'\"</Message>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_Unchanged_SameEnvelopeAsBefore()
    {
        var xml = QueryXml.Error(QueryXml.Iam, AwsErrors.MissingAction(), "req-1");

        Assert.Equal("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>MissingAction</Code>"
            + "<Message>Missing Action</Message></Error><RequestId>req-1</RequestId></ErrorResponse>", xml);
    }

    [Fact]
    public void Response_StoredControlCharacter_WrittenAsEscape()
    {
        // A role description stored before validation existed.
        var xml = QueryXml.Response(QueryXml.Iam, "GetRole", [new XElement("Role", QueryXml.El("RoleName", "r"), QueryXml.El("Description", "bad\u0001text"))], "req-1");

        var description = XDocument.Parse(xml).Descendants(QueryXml.Iam + "Description").Single().Value;
        Assert.Equal(@"bad\u0001text", description);
    }

    [Fact]
    public void Response_CarriageReturn_ReadBackAsCarriageReturn()
    {
        var xml = QueryXml.Response(QueryXml.Iam, "GetRole", [QueryXml.El("Description", "a\r\nb")!], "req-1");

        Assert.Equal("a\r\nb", XDocument.Parse(xml).Descendants(QueryXml.Iam + "Description").Single().Value);
    }

    [Fact]
    public void Response_ControlCharacterInAttribute_WrittenAsEscape()
    {
        var xml = QueryXml.Response(QueryXml.Iam, "GetRole", [new XElement("Role", new XAttribute("note", "x\u0002"))], "req-1");

        Assert.Equal(@"x\u0002", XDocument.Parse(xml).Descendants(QueryXml.Iam + "Role").Single().Attribute("note")!.Value);
    }

    [Fact]
    public void JsonError_ControlCharacter_CarriedByJsonEscape()
    {
        var json = JsonProtocol.Error(new AwsError("UnknownOperationException", 400, "Unknown operation X\u0000"));

        Assert.Equal("Unknown operation X\u0000", JsonDocument.Parse(json).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void JsonError_UnpairedSurrogate_WrittenAsEscape()
    {
        var json = JsonProtocol.Error(new AwsError("UnknownOperationException", 400, $"lone {(char)0xD800}"));

        Assert.Equal(@"lone \uD800", JsonDocument.Parse(json).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void FormEncodingParse_BytesNotUtf8_Flagged()
    {
        var pairs = FormEncoding.Parse("A=%FF%FE&B=ok", out var valid);

        Assert.False(valid);
        Assert.Equal("\uFFFD\uFFFD", pairs[0].Value);
    }

    [Fact]
    public void FormEncodingParse_RawCharacterOutsideTheBmpBesideAnEscape_Kept()
    {
        var pairs = FormEncoding.Parse("A=%20\U0001F600", out var valid);

        Assert.True(valid);
        Assert.Equal(" \U0001F600", pairs[0].Value);
    }

    [Fact]
    public void FormEncodingParse_Utf8_NotFlagged()
    {
        var pairs = FormEncoding.Parse("A=%C3%A9%F0%9F%98%80", out var valid);

        Assert.True(valid);
        Assert.Equal("\u00E9\U0001F600", pairs[0].Value);
    }
}
