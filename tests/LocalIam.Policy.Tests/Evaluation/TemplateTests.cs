using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Tests.Evaluation;

public class TemplateTests
{
    private static readonly RequestContext Context = new RequestContext()
        .Set("aws:username", "al*ce")
        .Set("aws:PrincipalTag/team", "blue")
        .SetList("aws:TagKeys", ["a"]);

    [Fact]
    public void IsLike_VariableValueWithStar_MatchesLiterally()
    {
        var template = Template.Parse("arn:aws:iam::*:user/${aws:username}", variablesEnabled: true);

        Assert.True(template.IsLike("arn:aws:iam::1:user/al*ce", Context, ignoreCase: false));
        Assert.False(template.IsLike("arn:aws:iam::1:user/alice", Context, ignoreCase: false));
    }

    [Fact]
    public void IsLike_VariablesResolvingToMoreThanTheText_NoMatchWithoutBuildingIt()
    {
        // 10,000 copies of a one-megabyte value would be ten billion characters: the length alone says no.
        var template = Template.Parse(string.Concat(Enumerable.Repeat("${aws:username}", 10_000)) + "*", variablesEnabled: true);
        var context = new RequestContext().Set("aws:username", new string('a', 1 << 20));
        context.Budget = new EvaluationBudget(1_000_000);

        Assert.False(template.IsLike("arn:aws:s3:::b/x", context, ignoreCase: false));
        Assert.False(template.IsEqual("x", context, ignoreCase: false));
        Assert.False(template.IsArnLike("arn:aws:s3:::b/x", context));
        Assert.InRange(context.Budget.Spent, 1, 100_000);
    }

    [Fact]
    public void IsLike_DefaultValue_UsedWhenKeyMissing()
    {
        var template = Template.Parse("team/${aws:PrincipalTag/dept, 'company-wide'}/*", variablesEnabled: true);

        Assert.True(template.IsLike("team/company-wide/x", Context, ignoreCase: false));
    }

    [Fact]
    public void IsEqual_UnresolvableOrMultivaluedVariable_MatchesNothing()
    {
        Assert.False(Template.Parse("${aws:missing}", variablesEnabled: true).IsEqual("", Context, ignoreCase: false));
        Assert.False(Template.Parse("${aws:TagKeys}", variablesEnabled: true).IsEqual("a", Context, ignoreCase: false));
    }

    [Theory]
    [InlineData("${*}", "*", true)]
    [InlineData("${*}", "x", false)]
    [InlineData("${?}", "?", true)]
    [InlineData("${$}", "$", true)]
    public void IsLike_SpecialCharacters_AreLiterals(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Template.Parse(pattern, variablesEnabled: true).IsLike(text, Context, ignoreCase: false));
    }

    [Fact]
    public void Parse_VariablesDisabled_DollarBraceIsText()
    {
        var template = Template.Parse("user/${aws:username}", variablesEnabled: false);

        Assert.False(template.HasVariables);
        Assert.True(template.IsLike("user/${aws:username}", Context, ignoreCase: false));
    }

    [Fact]
    public void IsLike_LongResolvedValue_UsesPooledBuffer()
    {
        var context = new RequestContext().Set("aws:username", new string('u', 1000));
        var template = Template.Parse("p/${aws:username}/*", variablesEnabled: true);

        Assert.True(template.IsLike("p/" + new string('u', 1000) + "/x", context, ignoreCase: false));
    }
}
