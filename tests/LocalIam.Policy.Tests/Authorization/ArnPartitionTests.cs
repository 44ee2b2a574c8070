using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Tests.Authorization;

/// <summary>Stored ARNs (aws's) shown in a request's partition and back, and IAM's partition check of the documents it stores.</summary>
public sealed class ArnPartitionTests
{
    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/a", "aws-cn", "arn:aws-cn:iam::123456789012:user/a")]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess", "aws-us-gov", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("arn:aws:iam::123456789012:user/a", "aws", "arn:aws:iam::123456789012:user/a")]
    [InlineData("arn:aws-cn:iam::123456789012:user/a", "aws-cn", "arn:aws-cn:iam::123456789012:user/a")]
    [InlineData("*", "aws-cn", "*")]
    [InlineData("ec2.amazonaws.com", "aws-cn", "ec2.amazonaws.com")]
    [InlineData("arn:awsx:iam::1:root", "aws-cn", "arn:awsx:iam::1:root")]
    public void Show_StoredArn_InThePartition(string stored, string partition, string shown)
    {
        Assert.Equal(shown, ArnPartition.Show(stored, partition));
    }

    [Theory]
    [InlineData("arn:aws-cn:iam::123456789012:user/a", "aws-cn", "arn:aws:iam::123456789012:user/a")]
    [InlineData("arn:aws-cn:iam::123456789012:user/a", "aws-us-gov", "arn:aws-cn:iam::123456789012:user/a")]
    [InlineData("arn:aws-cn-x:iam::1:root", "aws-cn", "arn:aws-cn-x:iam::1:root")]
    [InlineData("arn:aws-cn", "aws-cn", "arn:aws-cn")]
    public void ToStored_TheRequestsOwnArnsOnly(string value, string partition, string stored)
    {
        Assert.Equal(stored, ArnPartition.ToStored(value, partition));
    }

    [Theory]
    [InlineData("arn:aws-cn:iam::1:root", "aws-cn")]
    [InlineData("arn::s3:::b", "")]
    [InlineData("arn:aws", null)]
    [InlineData("s3:::b", null)]
    public void Of_ThePartitionPart(string value, string? partition)
    {
        Assert.Equal(partition, ArnPartition.Of(value));
    }

    [Fact]
    public void InPartition_RoleSession_EveryArnOfItInThePartition()
    {
        var session = Principal.RoleSession("123456789012", "ops", "s1", "/team/").InPartition("aws-cn");

        Assert.Equal("arn:aws-cn:sts::123456789012:assumed-role/ops/s1", session.Arn);
        Assert.Equal("arn:aws-cn:iam::123456789012:role/team/ops", session.RoleArn);
        Assert.Equal("arn:aws-cn:iam::123456789012:root", session.AccountRootArn);
    }

    [Fact]
    public void ShowKeys_TheArnKeysLocalIamFills_OthersAsGiven()
    {
        var context = new RequestContext()
            .Set("aws:PrincipalArn", "arn:aws:iam::1:user/a")
            .Set("iam:PolicyARN", "arn:aws:iam::aws:policy/P")
            .Set("aws:RequestTag/t", "arn:aws:iam::1:user/a");

        ArnPartition.ShowKeys(context, "aws-iso");

        Assert.Equal("arn:aws-iso:iam::1:user/a", context.GetSingle("aws:PrincipalArn"));
        Assert.Equal("arn:aws-iso:iam::aws:policy/P", context.GetSingle("iam:PolicyARN"));
        Assert.Equal("arn:aws:iam::1:user/a", context.GetSingle("aws:RequestTag/t"));
    }

    [Theory]
    [InlineData("aws-cn", "arn:aws:logs:*:*:*", "Partition \"aws\" is not valid for resource \"arn:aws:logs:*:*:*\".")]
    [InlineData("aws", "arn:aws-cn:s3:::b/*", "Partition \"aws-cn\" is not valid for resource \"arn:aws-cn:s3:::b/*\".")]
    [InlineData("aws-us-gov", "arn:aws:ec2:*:1:subnet/*", "Partition \"aws\" is not valid for resource \"arn:aws:ec2:*:1:subnet/*\".")]
    public void Parse_WithAPartition_AnotherPartitionsResourceRefusedInAwsWords(string partition, string resource, string message)
    {
        var document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{resource}}"}]}""";

        var result = PolicyParser.Parse(document, PolicyKind.Identity, new PolicyParseOptions { Partition = partition });

        Assert.False(result.IsValid);
        Assert.Equal(message, result.FirstError!.Message);
        Assert.True(PolicyParser.Parse(document, PolicyKind.Identity).IsValid, "without a partition every AWS partition is accepted, as evaluation reads stored documents");
    }

    [Theory]
    [InlineData("arn:aws-cn:s3:::b/*")]
    [InlineData("arn:*:s3:::b/*")]
    [InlineData("arn:aws-*:s3:::b/*")]
    [InlineData("*")]
    public void Parse_WithAPartition_ItsOwnOrAWildcardAccepted(string resource)
    {
        var document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{resource}}"}]}""";

        Assert.True(PolicyParser.Parse(document, PolicyKind.Identity, new PolicyParseOptions { Partition = "aws-cn" }).IsValid);
    }

    [Theory]
    [InlineData("aws-cn", "AWS", "arn:aws:iam::111122223333:root", "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:root\"")]
    [InlineData("aws", "AWS", "arn:aws-cn:iam::111122223333:user/alice", "Invalid principal in policy: \"AWS\":\"arn:aws-cn:iam::111122223333:user/alice\"")]
    [InlineData("aws-cn", "Federated", "arn:aws:iam::111122223333:saml-provider/Idp", "Invalid principal in policy: \"FEDERATED\":\"arn:aws:iam::111122223333:saml-provider/Idp\"")]
    public void Parse_TrustPolicyWithAPartition_AnotherPartitionsPrincipalInvalid(string partition, string type, string principal, string message)
    {
        var document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"{{type}}":"{{principal}}"},"Action":"sts:AssumeRole"}]}""";

        var result = PolicyParser.Parse(document, PolicyKind.Trust, new PolicyParseOptions { Partition = partition });

        Assert.False(result.IsValid);
        Assert.Equal(message, result.FirstError!.Message);
        Assert.True(PolicyParser.Parse(document, PolicyKind.Trust).IsValid, "without a partition every AWS partition is accepted");
    }

    [Theory]
    [InlineData("AWS", "arn:aws-cn:iam::111122223333:root")]
    [InlineData("AWS", "111122223333")]
    [InlineData("Federated", "accounts.google.com")]
    [InlineData("Federated", "arn:aws-cn:iam::111122223333:oidc-provider/idp.example.com")]
    [InlineData("Service", "ec2.amazonaws.com")]
    public void Parse_TrustPolicyWithAPartition_ItsOwnOrNoArnAccepted(string type, string principal)
    {
        var document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"{{type}}":"{{principal}}"},"Action":"sts:AssumeRole"}]}""";

        Assert.True(PolicyParser.Parse(document, PolicyKind.Trust, new PolicyParseOptions { Partition = "aws-cn" }).IsValid);
    }
}
