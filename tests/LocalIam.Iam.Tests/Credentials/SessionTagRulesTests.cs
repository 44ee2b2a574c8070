using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Tests.Credentials;

public sealed class SessionTagRulesTests
{
    [Fact]
    public void ForNewSession_PassedAndTransitive_TransitiveMarkedByKeyWhateverItsCase()
    {
        var tags = SessionTagRules.ForNewSession([new("Project", "Automation"), new("CostCenter", "12345")], ["project"], []);

        Assert.Equal([new("Project", "Automation", true), new("CostCenter", "12345", false)], tags);
    }

    [Fact]
    public void ForNewSession_KeysDifferingOnlyInCase_InvalidParameterValue()
    {
        var error = Assert.Throws<IamException>(() => SessionTagRules.ForNewSession([new("Dept", "a"), new("dept", "b")], [], []));

        Assert.Equal(IamErrorCode.InvalidParameterValue, error.Code);
        Assert.Equal("Duplicate tag keys found. Please note that Tag keys are case insensitive.", error.Message);
    }

    [Fact]
    public void ForNewSession_TransitiveKeyNotPassed_InvalidParameterValue()
    {
        var error = Assert.Throws<IamException>(() => SessionTagRules.ForNewSession([new("Project", "a")], ["InvalidKey"], []));

        Assert.Equal(IamErrorCode.InvalidParameterValue, error.Code);
        Assert.Equal("The specified transitive tag key must be included in the requested tags.", error.Message);
    }

    [Fact]
    public void ForNewSession_CallerTransitiveTags_InheritedAndStillTransitiveButNotItsOtherTags()
    {
        SessionTag[] caller = [new("Star", "1", true), new("Sun", "2", false)];

        var tags = SessionTagRules.ForNewSession([new("Moon", "3")], [], caller);

        Assert.Equal([new("Moon", "3", false), new("Star", "1", true)], tags);
    }

    [Theory]
    [InlineData("Star")]
    [InlineData("star")]
    public void ForNewSession_OverridingAnInheritedTransitiveTag_InvalidParameterValue(string key)
    {
        var error = Assert.Throws<IamException>(() => SessionTagRules.ForNewSession([new TagInput(key, "2")], [], [new("Star", "1", true)]));

        Assert.Equal(IamErrorCode.InvalidParameterValue, error.Code);
        Assert.Equal("One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.", error.Message);
    }
}
