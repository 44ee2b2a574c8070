using LocalIam.Policy.Catalog;
using LocalIam.Policy.Evaluation.Conditions;
using LocalIam.Policy.Linting;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Tests.Validation;

/// <summary>
/// The rules of docs/policy-validation.md that AWS's recorded answers only sample: dates read as
/// IAM reads them, the actions a trust policy may name, S3 ARNs with a region, keys without a prefix.
/// </summary>
public sealed class AwsReadingRulesTests
{
    private static string Document(string statement) => $$"""{"Version":"2012-10-17","Statement":[{{{statement}}}]}""";

    [Theory]
    [InlineData("2017-07-01T00:00:00Z", "2017-07-01T00:00:00.0000000+00:00")]
    [InlineData("01T", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("2016-12-13t2:00:00.593194+23", "2016-12-12T03:00:00.5931940+00:00")]
    [InlineData("2016-12-13T21:20:37.593194+00:00", "2016-12-13T21:20:37.5931940+00:00")]
    [InlineData("2020-01-01T10:00-05:00", "2020-01-01T15:00:00.0000000+00:00")]
    [InlineData("2020-02", "2020-02-01T00:00:00.0000000+00:00")]
    [InlineData("2020-02-30", "2020-03-01T00:00:00.0000000+00:00")]
    [InlineData("1700000000", "2023-11-14T22:13:20.0000000+00:00")]
    [InlineData("2020", "1970-01-01T00:33:40.0000000+00:00")]
    [InlineData("-292275054", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("292278993-12-31", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9223372036854775807", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2016-12-13T21:20:37.123456789Z", "2016-12-13T21:20:37.1234567+00:00")]
    public void DateValue_ReadAsIamReadsIt(string text, string utc)
    {
        Assert.True(AwsDateReader.TryRead(text, out var value));
        Assert.Equal(utc, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("sdfdsf")]
    [InlineData("234-13")]
    [InlineData("2016-12-13t2:00:00.593194+1")]
    [InlineData("2016-12-13t2:00:00.1999999999+10:59")]
    [InlineData("9223372036854775808")]
    [InlineData("-292275055")]
    [InlineData("292278994-01")]
    [InlineData("2016-12-13T24:00:00Z")]
    [InlineData("2016-12-13T21:60")]
    [InlineData("2016-12-13T21:20:37.Z")]
    [InlineData("2016-12-13T21:20:37Zx")]
    [InlineData("2016-12-13-01")]
    [InlineData("1.5")]
    [InlineData("")]
    public void DateValue_RefusedAsLegacyParsing(string text)
    {
        Assert.False(AwsDateReader.TryRead(text, out _));
        var result = PolicyParser.Parse(Document($$$"""
            "Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"{{{text}}}"}}
            """), PolicyKind.Identity);
        Assert.Equal("The policy failed legacy parsing", result.FirstError?.Message);
    }

    [Theory]
    [InlineData("sts:AssumeRole")]
    [InlineData("sts:assumerolewithwebidentity")]
    [InlineData("sts:AssumeRoleWithSAML")]
    [InlineData("sts:TagSession")]
    [InlineData("sts:SetSourceIdentity")]
    [InlineData("sts:SetContext")]
    [InlineData("*")]
    public void TrustPolicy_AssumeRoleFamily_Accepted(string action)
    {
        var result = PolicyParser.Parse(Document($$"""
            "Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"{{action}}"
            """), PolicyKind.Trust);

        Assert.True(result.IsValid, result.FirstError?.Message);
    }

    [Theory]
    [InlineData("sts:GetCallerIdentity")]
    [InlineData("sts:GetFederationToken")]
    [InlineData("sts:*")]
    [InlineData("s3:GetObject")]
    public void TrustPolicy_OtherActions_OnlyAssumeRoleActions(string action)
    {
        var result = PolicyParser.Parse(Document($$"""
            "Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"{{action}}"
            """), PolicyKind.Trust);

        Assert.Equal("AssumeRole policy may only specify STS AssumeRole actions.", result.FirstError?.Message);
    }

    [Theory]
    [InlineData("arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*")]
    [InlineData("arn:aws:s3:us-east-1:123456789012:job/*")]
    [InlineData("arn:aws:s3:::bucket/key")]
    [InlineData("arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap")]
    [InlineData("arn:aws:iam::*:root")]
    public void Resource_AcceptedAsAwsAcceptsIt(string resource)
    {
        var result = PolicyParser.Parse(Document($$"""
            "Effect":"Allow","Action":"s3:*","Resource":"{{resource}}"
            """), PolicyKind.Identity);

        Assert.True(result.IsValid, result.FirstError?.Message);
    }

    [Fact]
    public void RegionalS3ResourcePrefixes_AreTheCataloguesRegionalS3Types()
    {
        var fromCatalogue = IamCatalog.Current.ResourceTypesForArnService("s3")
            .Select(t => t.ArnFormat.Split(':', 6))
            .Where(parts => parts[3].Length > 0)
            .Select(parts => parts[5][..(parts[5].IndexOfAny(['/', '$']) is var end and > 0 ? end + (parts[5][end] == '/' ? 1 : 0) : parts[5].Length)])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(string.Join(' ', fromCatalogue.Order(StringComparer.Ordinal)), string.Join(' ', ElementRules.RegionalS3ResourcePrefixes.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void ConditionKeyWithoutPrefix_AcceptedByIam_ReportedByTheLinter()
    {
        var document = Document("""
            "Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"DateGreaterThan":{"a":"2020-01-01T00:00:00Z"}}
            """);

        Assert.True(PolicyParser.Parse(document, PolicyKind.Identity).IsValid);
        var findings = PolicyLinter.Lint(new LintRequest(document, LintPolicyType.Identity));
        Assert.Contains(findings, f => f.IssueCode == "INVALID_CONDITION_KEY_FORMAT");
    }

    [Fact]
    public void ShortArn_AcceptedByIam_ReportedByTheLinter()
    {
        var document = Document("""
            "Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2"
            """);

        Assert.True(PolicyParser.Parse(document, PolicyKind.Identity).IsValid);
        var findings = PolicyLinter.Lint(new LintRequest(document, LintPolicyType.Identity));
        Assert.Contains(findings, f => f.IssueCode == "MISSING_ARN_FIELD");
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:bucket", "INVALID_ARN_RESOURCE")]
    [InlineData("arn:aws:s3:us-east-1::bucket/*", "ARN_REGION_NOT_ALLOWED")]
    [InlineData("arn:aws:s3:bucket", "MISSING_ARN_FIELD")]
    [InlineData("arn:aws:s3::bucket", "MISSING_ARN_FIELD")]
    [InlineData("arn:aws:iam::bucket", "MISSING_ARN_FIELD")]
    public void ResourceIamRefuses_TheLinterReportsOnce(string resource, string issueCode)
    {
        var document = Document($$"""
            "Effect":"Allow","Action":"s3:GetObject","Resource":"{{resource}}"
            """);

        Assert.False(PolicyParser.Parse(document, PolicyKind.Identity).IsValid);
        var errors = PolicyLinter.Lint(new LintRequest(document, LintPolicyType.Identity)).Where(f => f.FindingType == FindingType.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].IssueCode == issueCode, string.Join("; ", errors));
    }
}
