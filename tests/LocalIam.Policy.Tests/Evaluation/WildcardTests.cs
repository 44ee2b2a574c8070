using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Tests.Evaluation;

public class WildcardTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything/at:all", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abbbd", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*AccessKey*", "ListAccessKeys", true)]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y:z", true)]
    [InlineData("**a", "bba", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void IsMatch_CaseSensitive_AsExpected(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Wildcard.IsMatch(pattern, text, ignoreCase: false));
    }

    [Fact]
    public void IsMatch_IgnoreCase_MatchesDifferentCase()
    {
        Assert.True(Wildcard.IsMatch("iam:list*", "IAM:ListUsers", ignoreCase: true));
        Assert.False(Wildcard.IsMatch("iam:list*", "IAM:ListUsers", ignoreCase: false));
    }

    [Fact]
    public void IsMatch_LiteralMask_StarIsOrdinaryCharacter()
    {
        bool[] literal = [false, true, false];

        Assert.True(Wildcard.IsMatch("a*c", literal, "a*c", ignoreCase: false));
        Assert.False(Wildcard.IsMatch("a*c", literal, "abc", ignoreCase: false));
    }

    [Fact]
    public void IsMatch_PathologicalPattern_FinishesQuickly()
    {
        // A backtracking regex takes exponential time here; the greedy matcher is bounded by pattern x text.
        var pattern = string.Concat(Enumerable.Repeat("*a", 30)) + "b";
        var text = new string('a', 5000);

        Assert.False(Wildcard.IsMatch(pattern, text, ignoreCase: false));
    }
}
