using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Tests.Evaluation;

/// <summary><c>${*}</c>, <c>${?}</c> and <c>${$}</c> are the characters themselves in every operator family.</summary>
public class LiteralVariableTests
{
    private static Decision Decide(string condition, string key, string value)
    {
        var policy = CompiledPolicy.Parse("p",
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*","Condition":""" + condition + "}}");
        var alice = Principal.User("111122223333", "alice");
        var context = PrincipalContextKeys.AddTo(new RequestContext().Set(key, value), alice);
        return Authorizer.Authorize(new AuthorizationRequest(alice, "sns:Publish", "*", context), new ApplicablePolicies { Identity = new PolicySet([policy]) }, AccountSettings.Default).Decision;
    }

    [Theory]
    [InlineData("*", Decision.Allowed)]
    [InlineData("x", Decision.ImplicitDeny)]
    public void StringEquals_LiteralStar_MatchesOnlyStar(string value, Decision expected)
    {
        Assert.Equal(expected, Decide("""{"StringEquals":{"s3:prefix":"${*}"}}""", "s3:prefix", value));
    }

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:111122223333:topic?", Decision.Allowed)]
    [InlineData("arn:aws:sns:us-east-1:111122223333:topicX", Decision.ImplicitDeny)]
    public void ArnEquals_LiteralQuestionMarkWithVariable_MatchesOnlyQuestionMark(string value, Decision expected)
    {
        Assert.Equal(expected, Decide("""{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:${aws:PrincipalAccount}:topic${?}"}}""", "aws:SourceArn", value));
    }

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:111122223333:topic?", Decision.Allowed)]
    [InlineData("arn:aws:sns:us-east-1:111122223333:topicX", Decision.ImplicitDeny)]
    public void ArnEquals_LiteralQuestionMarkAlone_MatchesOnlyQuestionMark(string value, Decision expected)
    {
        Assert.Equal(expected, Decide("""{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic${?}"}}""", "aws:SourceArn", value));
    }

    [Fact]
    public void AuthorizationRequest_WithoutContext_GetsItsOwn()
    {
        var first = new AuthorizationRequest(Principal.User("111122223333", "alice"), "s3:GetObject", "*");
        var second = new AuthorizationRequest(Principal.User("111122223333", "bob"), "s3:GetObject", "*");

        PrincipalContextKeys.AddTo(first.Context, first.Principal);
        PrincipalContextKeys.AddTo(second.Context, second.Principal);

        Assert.Equal("bob", second.Context.GetSingle("aws:username"));
    }
}
