using LocalIam.Aws.SigV4;

namespace LocalIam.Aws.Tests.SigV4;

/// <summary>The partition table generated from botocore's endpoint data (data/aws-models/partitions.json).</summary>
public sealed class AwsPartitionsTests
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("ap-southeast-7", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    [InlineData("us-isof-south-1", "aws-iso-f")]
    [InlineData("eusc-de-east-1", "aws-eusc")]
    public void OfRegion_ARegionOfAPartition_ThatPartition(string region, string partition)
    {
        Assert.Equal(partition, AwsPartitions.OfRegion(region));
    }

    [Theory]
    [InlineData("mars-1")]
    [InlineData("aws-global")]
    [InlineData("US-EAST-1")]
    [InlineData("")]
    public void OfRegion_NotARegion_Null(string region)
    {
        Assert.Null(AwsPartitions.OfRegion(region));
    }

    [Fact]
    public void IamSigningRegions_OnePerPartitionWithIam_AsBotocoreScopesIamsGlobalEndpoints()
    {
        Assert.Equal(["cn-north-1", "us-east-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "us-isof-south-1"],
            AwsPartitions.IamSigningRegions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scopes_IamOnlyItsGlobalRegionsStsEveryRegion()
    {
        Assert.DoesNotContain("cn-northwest-1", (IReadOnlySet<string>)SigningScope.Iam.Regions);
        Assert.Contains("cn-northwest-1", (IReadOnlySet<string>)SigningScope.Sts.Regions);
        Assert.Contains("us-gov-east-1", (IReadOnlySet<string>)SigningScope.Sts.Regions);
        Assert.DoesNotContain("cn-north-1", (IReadOnlySet<string>)SigningScope.CommercialRegions);
        Assert.Equal(AwsPartitions.Commercial, AwsPartitions.Ids[0]);
    }
}
