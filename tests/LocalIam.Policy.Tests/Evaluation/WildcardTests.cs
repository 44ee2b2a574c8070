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
        // A backtracking regex takes exponential time here; parts at their leftmost place take one pass.
        var pattern = string.Concat(Enumerable.Repeat("*a", 30)) + "b";
        var text = new string('a', 5000);

        Assert.False(Wildcard.IsMatch(pattern, text, ignoreCase: false));
    }

    [Theory]
    [InlineData("*" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" + "*", 2048)]
    [InlineData("*ab*", 2048)]
    public void IsMatch_HostilePart_WorkIsLinear(string pattern, int textLength)
    {
        // The budget counts characters compared: about pattern + text, never pattern x text (which
        // is what retrying a long part at every place of a text of `a`s costs).
        var budget = new EvaluationBudget(long.MaxValue);

        Assert.False(Wildcard.IsMatch(pattern, [], new string('a', textLength), ignoreCase: false, budget));
        Assert.InRange(budget.Spent, 1, 12L * (pattern.Length + textLength));
    }

    [Fact]
    public void IsMatch_LongPeriodicPart_SwitchesToLinearSearch()
    {
        // `ab` repeated, and a part that agrees with it for 1,000 characters and then differs:
        // IndexOf alone would verify at every second place.
        var text = string.Concat(Enumerable.Repeat("ab", 1024));
        var part = string.Concat(Enumerable.Repeat("ab", 500)) + "bb";
        var budget = new EvaluationBudget(long.MaxValue);

        Assert.False(Wildcard.IsMatch("*" + part + "*", [], text, ignoreCase: false, budget));
        Assert.InRange(budget.Spent, 1, 12L * (part.Length + text.Length));
        Assert.True(Wildcard.IsMatch("*" + part[..^2] + "*", [], text, ignoreCase: false, budget: null));
    }

    [Fact]
    public void IsMatch_PolicySizedPattern_WithinBudgetOfPatternPlusText()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 65_535)) + "*b";
        var text = "arn:aws:s3:::" + new string('a', 2048 - 13);
        var budget = new EvaluationBudget(long.MaxValue);

        Assert.False(Wildcard.IsMatch(pattern, [], text, ignoreCase: false, budget));
        Assert.InRange(budget.Spent, 1, 4L * (pattern.Length + text.Length));
    }

    [Fact]
    public void IsMatch_BudgetExhausted_Throws()
    {
        var budget = new EvaluationBudget(100);

        Assert.Throws<EvaluationBudgetExceededException>(() => Wildcard.IsMatch("*a?c*", [], new string('a', 1000), ignoreCase: false, budget));
    }

    [Fact]
    public void IsMatch_RandomPatterns_AgreesWithReferenceMatcher()
    {
        // Small alphabets make stars, question marks and near-misses meet often.
        var random = new Random(20261129);
        const string Alphabet = "ab*?Aé";
        for (var round = 0; round < 200_000; round++)
        {
            var pattern = RandomText(random, Alphabet, random.Next(0, 12));
            var text = RandomText(random, "abAé*?", random.Next(0, 14));
            var literal = round % 3 == 0 ? RandomFlags(random, pattern.Length) : [];
            var ignoreCase = round % 2 == 0;

            Assert.True(
                Reference(pattern, literal, text, ignoreCase) == Wildcard.IsMatch(pattern, literal, text, ignoreCase),
                $"pattern `{pattern}` literal [{string.Join(',', literal.Select(l => l ? 1 : 0))}] text `{text}` ignoreCase {ignoreCase}");
        }
    }

    [Fact]
    public void IsMatch_RandomIgnoreCase_AgreesWithReferenceMatcher()
    {
        // Letters whose cases fold onto one another, including the non-ASCII ı (upper I) and ſ (upper S).
        var random = new Random(11);
        const string Letters = "iIısSſkKé";
        for (var round = 0; round < 100_000; round++)
        {
            var pattern = RandomText(random, Letters + "*?", random.Next(0, 10));
            var text = RandomText(random, Letters, random.Next(0, 12));

            Assert.True(Reference(pattern, [], text, ignoreCase: true) == Wildcard.IsMatch(pattern, text, ignoreCase: true), $"pattern `{pattern}` text `{text}`");
        }
    }

    [Fact]
    public void IgnoreCase_NonAsciiCharactersWithAsciiUpperCase_AtMostDotlessIAndLongS()
    {
        // The matcher's case-folded search relies on this list being complete (with invariant
        // globalization the list is empty; with ICU it holds these two).
        var folding = Enumerable.Range(128, char.MaxValue - 127).Select(c => (char)c).Where(c => char.IsAscii(char.ToUpperInvariant(c)));

        Assert.Subset(new HashSet<char> { '\u0131', '\u017F' }, folding.ToHashSet());
    }

    [Fact]
    public void IsMatch_RandomLongParts_AgreesWithReferenceMatcher()
    {
        // Parts longer than the IndexOf-only limit, over a two-letter alphabet, exercise the retry count and the linear search.
        var random = new Random(7);
        for (var round = 0; round < 2_000; round++)
        {
            var text = RandomText(random, "ab", random.Next(60, 400));
            var start = random.Next(0, text.Length / 2);
            var part = text.Substring(start, Math.Min(text.Length - start, random.Next(65, 200)));
            if (random.Next(2) == 0)
            {
                var flip = random.Next(part.Length);
                part = part[..flip] + (part[flip] == 'a' ? 'b' : 'a') + part[(flip + 1)..];
            }

            var pattern = RandomText(random, "ab", random.Next(0, 3)) + "*" + part + "*" + RandomText(random, "ab", random.Next(0, 3));

            Assert.True(Reference(pattern, [], text, ignoreCase: false) == Wildcard.IsMatch(pattern, text, ignoreCase: false), $"pattern `{pattern}` text `{text}`");
        }
    }

    private static string RandomText(Random random, string alphabet, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);

    private static bool[] RandomFlags(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => random.Next(4) == 0)];

    /// <summary>The textbook dynamic program over pattern x text: obviously right, and slow.</summary>
    private static bool Reference(string pattern, bool[] literal, string text, bool ignoreCase)
    {
        var matches = new bool[pattern.Length + 1, text.Length + 1];
        matches[pattern.Length, text.Length] = true;
        for (var p = pattern.Length - 1; p >= 0; p--)
        {
            var isLiteral = literal.Length > 0 && literal[p];
            for (var t = text.Length; t >= 0; t--)
            {
                if (pattern[p] == '*' && !isLiteral)
                {
                    matches[p, t] = matches[p + 1, t] || (t < text.Length && matches[p, t + 1]);
                }
                else if (t < text.Length)
                {
                    var one = (pattern[p] == '?' && !isLiteral) || pattern[p] == text[t]
                        || (ignoreCase && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]));
                    matches[p, t] = one && matches[p + 1, t + 1];
                }
            }
        }

        return matches[0, 0];
    }
}
