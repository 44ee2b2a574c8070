using LocalIam.Iam.Policies;
using LocalIam.Iam.ServiceLinkedRoles;

namespace LocalIam.Iam.Tests.ServiceLinkedRoles;

/// <summary>The embedded table of services with service-linked roles, against the AWS managed policy catalogue.</summary>
public sealed class ServiceLinkedRoleCatalogTests
{
    [Fact]
    public void Catalog_EveryService_AmazonawsPrincipalAndAwsServiceRoleForName()
    {
        var all = ServiceLinkedRoleCatalog.Current.All;

        Assert.True(all.Count >= 70, $"only {all.Count} services");
        Assert.All(all, s =>
        {
            Assert.EndsWith(".amazonaws.com", s.Service, StringComparison.Ordinal);
            Assert.StartsWith("AWSServiceRoleFor", s.RoleName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Catalog_EveryPolicyButOne_InTheAwsManagedCatalogueUnderAwsServiceRole()
    {
        var missing = ServiceLinkedRoleCatalog.Current.All.Where(s => s.PolicyArn is { } arn && AwsManagedPolicyCatalog.Current.FindByArn(arn) is null)
            .Select(s => s.PolicyArn);

        // AWS's listing of its managed policies does not have Lex's bot policy; that role is made without it.
        Assert.Equal(["arn:aws:iam::aws:policy/aws-service-role/AmazonLexBotPolicy"], missing);
        Assert.All(ServiceLinkedRoleCatalog.Current.All, s => Assert.StartsWith("arn:aws:iam::aws:policy/aws-service-role/", s.PolicyArn, StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_SuffixAllowed_OnlyTheServicesAwsAcceptsOneFor()
    {
        var withSuffix = ServiceLinkedRoleCatalog.Current.All.Where(s => s.SuffixAllowed).Select(s => s.Service).Order(StringComparer.Ordinal);

        Assert.Equal(["autoscaling.amazonaws.com", "connect.amazonaws.com", "lexv2.amazonaws.com"], withSuffix);
    }

    [Theory]
    [InlineData("batch.amazonaws.com", null, "AWSServiceRoleForBatch")]
    [InlineData("elasticbeanstalk.amazonaws.com", null, "AWSServiceRoleForElasticBeanstalk")]
    [InlineData("eks.amazonaws.com", null, "AWSServiceRoleForAmazonEKS")]
    [InlineData("autoscaling.amazonaws.com", "web", "AWSServiceRoleForAutoScaling_web")]
    public void RoleName_KnownService_AwsName(string service, string? suffix, string expected) =>
        Assert.Equal(expected, ServiceLinkedRoleService.RoleName(service, suffix));

    [Theory]
    [InlineData("task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch/0b7c6f1e-8a53-4a9c-9d1e-3f1f6c1d2e3a", true)]
    [InlineData("task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch", false)]
    [InlineData("deletion-task-1", false)]
    [InlineData("task/aws-service-role//AWSServiceRoleForBatch/x", false)]
    public void ParseTaskId_OnlyAwsForm_Read(string taskId, bool valid) =>
        Assert.Equal(valid, ServiceLinkedRoleService.ParseTaskId(taskId) is not null);
}
