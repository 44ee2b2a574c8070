using System.Diagnostics;

namespace LocalIam.Aws.Tests;

public class FormEncodingTests
{
    [Theory]
    [InlineData("a+b", "a b")]
    [InlineData("%41%62c", "Abc")]
    [InlineData("100%", "100%")]
    [InlineData("%zz%4", "%zz%4")]
    [InlineData("%C3%A9t%C3%A9", "été")]
    [InlineData("caf\u00e9+%F0%9F%98%80", "café 😀")]
    public void Decode_FormText_AsWritten(string text, string expected)
    {
        Assert.Equal(expected, FormEncoding.Decode(text));
    }

    [Fact]
    public void Decode_RawSurrogatePairBesideAnEscape_KeptWhole()
    {
        // The pair goes to UTF-8 as one character, not as two lone halves.
        Assert.Equal("😀 x", FormEncoding.Decode("😀+x"));
    }

    [Fact]
    public void Decode_TwoMegabytesOfEscapesAndText_Quickly()
    {
        var text = string.Concat(Enumerable.Repeat("%2Aé+", 400_000));
        FormEncoding.Decode("%41");

        var stopwatch = Stopwatch.StartNew();
        var decoded = FormEncoding.Decode(text);
        stopwatch.Stop();

        Assert.Equal(1_200_000, decoded.Length);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"{stopwatch.Elapsed.TotalMilliseconds} ms");
    }
}
