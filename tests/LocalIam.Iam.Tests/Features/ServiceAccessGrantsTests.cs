using LocalIam.Iam.Policies;

namespace LocalIam.Iam.Tests.Features;

public sealed class ServiceAccessGrantsTests
{
    [Theory]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", "s3", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", "s3", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":["ec2:*","S3:Get*"],"Resource":"*"}]}""", "s3", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3*:List*","Resource":"*"}]}""", "s3", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", "s3-outposts", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""", "s3", false)]
    [InlineData("""{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""", "s3", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}""", "s3", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}""", "s3", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotAction":"s3:GetObject","Resource":"*"}]}""", "s3", true)]
    public void Grants_StatementActions_ReachTheServiceOrNot(string document, string service, bool grants) =>
        Assert.Equal(grants, ServiceAccessService.Grants(document, service));
}
