using LocalIam.Aws.Validation;

namespace LocalIam.Aws.Tests.Validation;

/// <summary>Java's regular expressions from AWS's models, with Java's meaning in .NET.</summary>
public class ModelPatternTests
{
    [Theory]
    [InlineData(@"[\w+=,.@-]+", "Bob_1+=,.@-", true)]
    [InlineData(@"[\w+=,.@-]+", "b\u00F6b", false)]
    [InlineData(@"[\w+=,.@-]+", "\u0661", false)]
    [InlineData(@"[\w]+", "abc", true)]
    [InlineData(@"[\d]+", "123", true)]
    [InlineData(@"[\d]+", "\u0661\u0662", false)]
    [InlineData(@"\d{12}", "111122223333", true)]
    [InlineData(@"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*", "tab\there\r\nok \u00FF", true)]
    [InlineData(@"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*", "\u0001", false)]
    [InlineData(@"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*", "\u00A0", false)]
    [InlineData(@"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)", "/", true)]
    [InlineData(@"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)", "/a/b/", true)]
    [InlineData(@"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)", "/a", false)]
    [InlineData(@"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$", "my-alias", true)]
    [InlineData(@"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$", "my--alias", false)]
    [InlineData(@"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$", "my-alias\n", false)]
    [InlineData(@"v[1-9][0-9]*(\.[A-Za-z0-9-]*)?", "v12", true)]
    [InlineData(@"v[1-9][0-9]*(\.[A-Za-z0-9-]*)?", "xv12", false)]
    [InlineData(@"[\p{L}\p{Z}\p{N}_.:/=+\-@]+", "Team Blue:42", true)]
    [InlineData(@"[\p{L}\p{Z}\p{N}_.:/=+\-@]+", "\u00E9quipe", true)]
    [InlineData(@"[\p{L}\p{Z}\p{N}_.:/=+\-@]+", "a*b", false)]
    [InlineData(@"[\p{L}\p{Z}\p{N}_.:/=+\-@]+", "\U0001D400", true)]
    [InlineData(@"[\p{L}\p{Z}\p{N}_.:/=+\-@]+", "\U0001F600", false)]
    [InlineData(@"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+", "\U0001F600", false)]
    [InlineData(@"[ -~]+", "plain text", true)]
    [InlineData(@"[ -~]+", "plain\ttext", false)]
    public void IsMatch_ModelPattern_AsJavaMatchesTheWholeValue(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, new ModelPattern(pattern).IsMatch(value));
    }

    [Fact]
    public void IsMatch_UnpairedSurrogate_NotALetter()
    {
        Assert.False(new ModelPattern(@"[\p{L}\p{Z}\p{N}_.:/=+\-@]+").IsMatch($"a{(char)0xD835}"));
    }

    [Theory]
    [InlineData("a.c", "abc", true)]
    [InlineData("a.c", "a\rc", false)]
    [InlineData("a.c", "a\u2028c", false)]
    [InlineData(@"\s+", "\u000B\f", true)]
    [InlineData(@"\s+", "\u00A0", false)]
    [InlineData(@"\W", "\u00E9", true)]
    public void IsMatch_JavaOnlyMeanings_Kept(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, new ModelPattern(pattern).IsMatch(value));
    }

    [Theory]
    [InlineData(@"[a-z&&[^e]]")]
    [InlineData(@"\p{Alpha}")]
    [InlineData(@"\Qliteral\E")]
    [InlineData(@"a++")]
    [InlineData(@"[abc")]
    public void New_ConstructThatIsNotTranslated_Refused(string pattern)
    {
        Assert.Throws<NotSupportedException>(() => new ModelPattern(pattern));
    }

    [Fact]
    public void Unescaped_UnicodeEscapes_BecomeTheirCharacters()
    {
        Assert.Equal("[\t\n\r -~\u00A1-\u00FF]*", new ModelPattern(@"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*").Unescaped);
        Assert.Equal(@"[\w+=,.@-]+", new ModelPattern(@"[\w+=,.@-]+").Unescaped);
    }

    [Fact]
    public void IsMatch_HostileLength_Linear()
    {
        var pattern = new ModelPattern(@"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(pattern.IsMatch(string.Concat(Enumerable.Repeat("a-", 500_000))));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }
}
