using LocalIam.Aws.Errors;
using LocalIam.Aws.Validation;

namespace LocalIam.Aws.Tests.Validation;

/// <summary>STS words its errors with the value quoted and the pattern as modelled.</summary>
public class StsValidationTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/r";

    [Fact]
    public void AssumeRole_ColonInSessionName_ValueQuoted()
    {
        var error = Refused("AssumeRole", ("RoleArn", RoleArn), ("RoleSessionName", "a:b"));

        Assert.Equal(@"1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*", error.Message);
    }

    [Fact]
    public void AssumeRole_EmptyArnAndShortDuration_EveryErrorInModelOrder()
    {
        var error = Refused("AssumeRole", ("RoleArn", string.Empty), ("RoleSessionName", "s1"), ("DurationSeconds", "100"));

        Assert.Equal("3 validation errors detected: "
            + "Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; "
            + @"Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+; "
            + "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", error.Message);
    }

    [Fact]
    public void AssumeRole_ControlCharactersInSessionName_QuotedAsSent()
    {
        // The writer makes the text safe for XML; the message itself holds what was sent.
        var error = Refused("AssumeRole", ("RoleArn", RoleArn), ("RoleSessionName", "\u0001\u0002"));

        Assert.StartsWith("1 validation error detected: Value '\u0001\u0002' at 'roleSessionName'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssumeRole_PolicyArnTooShort_MemberPath()
    {
        var error = Refused("AssumeRole", ("RoleArn", RoleArn), ("RoleSessionName", "s1"), ("PolicyArns.member.1.arn", "arn:short"));

        Assert.Equal("1 validation error detected: Value 'arn:short' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20", error.Message);
    }

    [Fact]
    public void AssumeRole_FiftyOneTags_ListNotQuoted()
    {
        var tags = Enumerable.Range(1, 51).SelectMany(i => new[] { ($"Tags.member.{i}.Key", $"k{i}"), ($"Tags.member.{i}.Value", "v") });

        var error = Refused("AssumeRole", [("RoleArn", RoleArn), ("RoleSessionName", "s1"), .. tags]);

        Assert.Equal("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50", error.Message);
    }

    [Fact]
    public void AssumeRole_TransitiveTagKeysTooMany_ListQuoted()
    {
        var keys = Enumerable.Range(1, 51).Select(i => ($"TransitiveTagKeys.member.{i}", "k"));

        var error = Refused("AssumeRole", [("RoleArn", RoleArn), ("RoleSessionName", "s1"), .. keys]);

        Assert.Equal($"1 validation error detected: Value '[{string.Join(", ", Enumerable.Repeat("k", 51))}]' at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50", error.Message);
    }

    [Fact]
    public void AssumeRoleWithSaml_ShortAssertion_SecretNotQuoted()
    {
        var error = Refused("AssumeRoleWithSAML", ("RoleArn", RoleArn), ("PrincipalArn", "arn:aws:iam::111122223333:saml-provider/p"), ("SAMLAssertion", "abc"));

        Assert.Equal("1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length greater than or equal to 4", error.Message);
    }

    [Theory]
    [InlineData("AssumeRole", "RoleSessionName", "s1")]
    [InlineData("AssumeRoleWithWebIdentity", "WebIdentityToken", "a.b.c")]
    [InlineData("AssumeRoleWithSAML", "SAMLAssertion", "PHNhbWxwOlJlc3BvbnNlLz4=")]
    [InlineData("GetFederationToken", "Name", "fed")]
    public void PolicyArns_ElevenArns_RefusedAsTheDocumentedTen(string operation, string parameter, string value)
    {
        (string, string)[] required = operation switch
        {
            "GetFederationToken" => [(parameter, value)],
            "AssumeRoleWithSAML" => [("RoleArn", RoleArn), ("PrincipalArn", "arn:aws:iam::111122223333:saml-provider/p"), (parameter, value)],
            "AssumeRoleWithWebIdentity" => [("RoleArn", RoleArn), ("RoleSessionName", "s1"), (parameter, value)],
            _ => [("RoleArn", RoleArn), (parameter, value)],
        };
        var arns = Enumerable.Range(1, 11).Select(i => ($"PolicyArns.member.{i}.arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        var error = Refused(operation, [.. required, .. arns]);

        Assert.Equal("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10", error.Message);
    }

    [Fact]
    public void PolicyArns_TenArns_Accepted()
    {
        var arns = Enumerable.Range(1, 10).Select(i => ($"PolicyArns.member.{i}.arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));

        Assert.Null(IamValidationTests.Validate(ServiceConstraints.Sts, "GetFederationToken", [("Name", "fed"), .. arns]));
    }

    [Fact]
    public void GetCallerIdentity_NoInput_NothingRefused()
    {
        Assert.Null(IamValidationTests.Validate(ServiceConstraints.Sts, "GetCallerIdentity"));
    }

    [Fact]
    public void Table_StsModel_WithItsSource()
    {
        Assert.Equal("2011-06-15", ServiceConstraints.Sts.Version);
        Assert.Contains("AssumeRole", ServiceConstraints.Sts.Operations);
        Assert.StartsWith("boto/botocore 0e6e2404b85dc336dd2889814e089bde7d1a4c55", ServiceConstraints.Sts.Source, StringComparison.Ordinal);
    }

    private static AwsError Refused(string operation, params (string Name, string Value)[] parameters) =>
        IamValidationTests.Validate(ServiceConstraints.Sts, operation, parameters) ?? throw new Xunit.Sdk.XunitException($"{operation} was accepted");
}
