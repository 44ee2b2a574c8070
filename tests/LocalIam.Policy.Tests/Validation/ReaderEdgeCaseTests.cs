using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Tests.Validation;

/// <summary>Hostile or odd input found in review: each once escaped the reader or got a wrong position.</summary>
public class ReaderEdgeCaseTests
{
    [Theory]
    [InlineData("""{"\uDC00":1}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Sid":"\uD800","Effect":"Allow","Action":"s3:*","Resource":"*"}}""")]
    public void Parse_EscapedLoneSurrogate_SyntaxErrorNotException(string json)
    {
        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.Equal("LIP001", result.FirstError!.Id);
    }

    [Fact]
    public void Parse_BadEscapeOnSecondLine_SpanAtTheEscape()
    {
        var json = "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Sid\": \"ab\\x\"}}";

        var error = PolicyParser.Parse(json, PolicyKind.Identity).FirstError!;

        Assert.Equal(2, error.Span.Line);
        Assert.Equal(json.IndexOf('\n', StringComparison.Ordinal) + 1 + error.Span.Column - 1, error.Span.Offset);
    }

    [Fact]
    public void Parse_StatementNotAnObject_OneError()
    {
        var result = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":"x"}""", PolicyKind.Identity);

        Assert.Equal("LIP003", Assert.Single(result.Errors).Id);
    }

    [Fact]
    public void Parse_ManyRepeatedKeys_LastValueKeptInLinearTime()
    {
        // 40,000 distinct keys, then each again: dropping the earlier entry by search would be quadratic.
        var keys = Enumerable.Range(0, 40_000).Select(i => $"\"k{i}\":1").ToList();
        var json = "{\"Version\":\"2012-10-17\"," + string.Join(',', keys) + "," + string.Join(',', keys) + ",\"Version\":\"2012-10-17\"}";
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        stopwatch.Stop();
        Assert.Contains(result.Warnings, w => w.Message.Contains("k39999", StringComparison.Ordinal));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"{stopwatch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Parse_LongSingleLineDocument_ReadsInLinearTime()
    {
        // 15,000 statements on one line (just under the 1 MiB limit): a quadratic column count would take minutes.
        var statement = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";
        var json = """{"Version":"2012-10-17","Statement":[""" + string.Join(",", Enumerable.Repeat(statement, 15_000)) + "]}";

        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal(15_000, result.Document!.Statements.Count);
        Assert.Equal(json.LastIndexOf("{\"Effect\"", StringComparison.Ordinal) + 1, result.Document.Statements[^1].Span.Column);
    }

    [Fact]
    public void Parse_ManyRepeatedKeys_Warns()
    {
        var json = "{" + string.Join(",", Enumerable.Repeat("\"Id\":\"x\"", 5000)) + ",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal(4999, result.Warnings.Count(w => w.Id == "LIW001"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Parse_KeyRepeatedAroundTheScanLimit_EarlierEntryDroppedOnce(int others)
    {
        // Small objects find a repeat by a scan, larger ones by index: both keep the last value, once.
        var keys = string.Concat(Enumerable.Range(0, others).Select(i => $"\"k{i}\":{i},"));
        var json = "{\"Version\":\"2012-10-17\",\"Id\":\"first\"," + keys + "\"Id\":\"last\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.Equal("last", result.Document!.Id);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(json.LastIndexOf("\"Id\"", StringComparison.Ordinal), warning.Span.Offset);
    }

    [Fact]
    public void Parse_EscapedElementName_ReadAsTheName()
    {
        var json = """{"Version":"2012-10-17","Statement":{"\u0045ffect":"Allow","Action":"s3:*","Resource":"\u002a"}}""";

        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal("*", result.Document!.Statements[0].Resources!.Values[0].Value);
    }

    [Fact]
    public void Parse_MultiByteTextAndCrLf_ColumnsCountCharacters()
    {
        // Columns count characters as written (an emoji is one), lines end at LF whether or not CR precedes it.
        var json = "{\"Version\":\"2012-10-17\",\r\n\"Statement\":{\"Sid\":\"é€😀\", \"Effect\":\"allow\",\r\n  \"Action\":\"s3:*\",\"Resource\":\"*\"}}";

        var result = PolicyParser.Parse(json, PolicyKind.Identity, null, out _);

        var effect = result.Errors.Single(e => e.Id == "LIP012");
        Assert.Equal((2, 36), (effect.Span.Line, effect.Span.Column));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(json[..json.IndexOf("\"allow", StringComparison.Ordinal)]), effect.Span.Offset);
        var sid = result.Errors.Single(e => e.Id == "LIP016");
        Assert.Equal((2, 20), (sid.Span.Line, sid.Span.Column));
        var action = result.Document!.Statements[0].Actions!.Values[0];
        Assert.Equal((3, 12), (action.Span.Line, action.Span.Column));
    }
}
