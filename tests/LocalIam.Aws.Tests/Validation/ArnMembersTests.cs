using LocalIam.Aws.Validation;

namespace LocalIam.Aws.Tests.Validation;

/// <summary>The members AWS's models type as ARNs, which LocalIam turns from and into the request's partition.</summary>
public sealed class ArnMembersTests
{
    [Theory]
    [InlineData("AttachUserPolicy", "PolicyArn")]
    [InlineData("CreateUser", "PermissionsBoundary")]
    [InlineData("SimulatePrincipalPolicy", "PolicySourceArn")]
    [InlineData("EnableMFADevice", "SerialNumber")]
    [InlineData("GetOpenIDConnectProvider", "OpenIDConnectProviderArn")]
    public void IsArnInput_IamArnParameters(string operation, string parameter)
    {
        Assert.True(ServiceConstraints.Iam.IsArnInput(operation, parameter));
    }

    [Theory]
    [InlineData("AttachUserPolicy", "UserName")]
    [InlineData("SimulatePrincipalPolicy", "ResourceArns.member.1")]
    [InlineData("CreatePolicy", "PolicyDocument")]
    [InlineData("NoSuchOperation", "PolicyArn")]
    public void IsArnInput_OtherParameters_No(string operation, string parameter)
    {
        Assert.False(ServiceConstraints.Iam.IsArnInput(operation, parameter));
    }

    [Theory]
    [InlineData("AssumeRole", "RoleArn")]
    [InlineData("AssumeRole", "PolicyArns.member.2.arn")]
    [InlineData("AssumeRole", "PolicyArns.member.10.arn")]
    [InlineData("AssumeRoleWithSAML", "PrincipalArn")]
    public void IsArnInput_StsListMembersByAnyIndex(string operation, string parameter)
    {
        Assert.True(ServiceConstraints.Sts.IsArnInput(operation, parameter));
    }

    [Fact]
    public void OutputArns_AsTheModelsTypeThem()
    {
        Assert.Superset(new HashSet<string> { "Arn", "PolicyArn", "PermissionsBoundaryArn", "SerialNumber", "OpenIDConnectProviderArn" }, ServiceConstraints.Iam.OutputArns.ToHashSet());
        Assert.DoesNotContain("PolicyName", ServiceConstraints.Iam.OutputArns);
        Assert.Equal(["Arn", "AssumedPrincipal"], ServiceConstraints.Sts.OutputArns.Order(StringComparer.Ordinal));
    }
}
