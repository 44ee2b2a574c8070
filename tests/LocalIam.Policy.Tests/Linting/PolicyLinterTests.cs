using LocalIam.Policy.Linting;

namespace LocalIam.Policy.Tests.Linting;

/// <summary>The linter against AWS's check reference: issue codes, finding types, texts, links and locations.</summary>
public class PolicyLinterTests
{
    private static IReadOnlyList<LintFinding> Lint(string document, LintPolicyType type = LintPolicyType.Identity, string? resourceType = null) =>
        PolicyLinter.Lint(new LintRequest(document, type, resourceType));

    [Theory]
    [MemberData(nameof(LintCases.Cases), MemberType = typeof(LintCases))]
    public void Lint_ReferenceExample_ReportsTheCheck(string issueCode, string document, LintPolicyType type, string? resourceType, string findingType)
    {
        var findings = Lint(document, type, resourceType);

        var finding = Assert.Single(findings, f => f.IssueCode == issueCode);
        Assert.Equal(findingType, finding.FindingType.ToWire());
        Assert.Equal(AwsPolicyChecks.Get(issueCode).LearnMoreLink, finding.LearnMoreLink);
        Assert.StartsWith("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-", finding.LearnMoreLink);
        Assert.DoesNotContain("{{", finding.FindingDetails);
        Assert.NotEmpty(finding.Locations);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:ListUsers"],"Resource":"arn:aws:iam::123456789012:user/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:username}/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/Project":"x"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["aws-portal:ViewBilling","billing:GetBillingData"],"Resource":"*"}]}""")]
    public void Lint_WellWrittenIdentityPolicy_HasNoFindings(string document) => Assert.Empty(Lint(document));

    [Fact]
    public void Lint_WellWrittenTrustPolicy_HasNoFindings()
    {
        const string document = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
              {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
               "Action":"sts:AssumeRoleWithWebIdentity",
               "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/repo:ref:refs/heads/main"}}}]}
            """;

        Assert.Empty(Lint(document, LintPolicyType.Resource, LintRequest.AssumeRolePolicyDocument).Select(f => f.ToString()));
    }

    [Fact]
    public void Lint_InvalidAction_SaysWhereWithAccessAnalyzersPathAndZeroBasedColumn()
    {
        const string document = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"s3:GetObjekt\"],\n      \"Resource\": \"*\"\n    }\n  ]\n}";

        var finding = Assert.Single(Lint(document));

        Assert.Equal("INVALID_ACTION", finding.IssueCode);
        Assert.Equal("The action s3:GetObjekt does not exist. Did you mean s3:GetObject?", finding.FindingDetails);
        var location = Assert.Single(finding.Locations);
        Assert.Equal([PathElement.AtValue("Statement"), PathElement.AtIndex(0), PathElement.AtValue("Action"), PathElement.AtIndex(1)], location.Path);
        var start = document.IndexOf("\"s3:GetObjekt\"", StringComparison.Ordinal);
        Assert.Equal(new LintPosition(6, 33, start), location.Span.Start);
        Assert.Equal(new LintPosition(6, 47, start + 14), location.Span.End);
    }

    [Fact]
    public void Lint_UnknownConditionKey_PointsAtTheKeyItself()
    {
        var finding = Assert.Single(Lint(LintCases.Identity("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:NoSuchKey\":\"b\"}}")));

        Assert.Equal("The condition key aws:NoSuchKey does not exist. Use a valid condition key.", finding.FindingDetails);
        Assert.Equal(
            [PathElement.AtValue("Statement"), PathElement.AtIndex(0), PathElement.AtValue("Condition"), PathElement.AtValue("StringEquals"), PathElement.AtKey("aws:NoSuchKey")],
            finding.Locations[0].Path);
    }

    [Fact]
    public void Lint_MissingVersion_IsTheWholeDocumentWithAnEmptyPath()
    {
        const string document = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

        var finding = Assert.Single(Lint(document));

        Assert.Equal("We recommend that you specify the Version element to help you with debugging permission issues.", finding.FindingDetails);
        Assert.Empty(finding.Locations[0].Path);
        Assert.Equal(new LintSpan(new LintPosition(1, 0, 0), new LintPosition(1, document.Length, document.Length)), finding.Locations[0].Span);
    }

    [Fact]
    public void Lint_JsonSyntaxError_IsTheOnlyFindingWithItsPosition()
    {
        var finding = Assert.Single(Lint("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}\n"));

        Assert.Equal(FindingType.Error, finding.FindingType);
        Assert.Equal("JSON_SYNTAX_ERROR", finding.IssueCode);
        Assert.Matches(@"^Fix the JSON syntax error at index \d+ line 3 column \d+\.$", finding.FindingDetails);
    }

    [Fact]
    public void Lint_RedundantActions_CountsEveryOneAndNamesTheFirst()
    {
        var finding = Assert.Single(Lint(LintCases.Identity("\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:GetUser\",\"IAM:getuser\",\"iam:GetRole\",\"iam:*CredentialReport\"],\"Resource\":\"*\"")));

        Assert.Equal("The 3 action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: iam:GetUser.", finding.FindingDetails);
        Assert.Equal(3, finding.Locations.Count);
    }

    [Fact]
    public void Lint_PassRoleScopedToService_IsNotReported() =>
        Assert.DoesNotContain(
            Lint(LintCases.Identity("\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}")),
            f => f.IssueCode.StartsWith("PASS_ROLE", StringComparison.Ordinal));

    [Fact]
    public void Lint_AdministratorAccess_WarnsOfPassRoleAndServiceLinkedRoles()
    {
        var findings = Lint("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

        Assert.Equal(["CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"], findings.Select(f => f.IssueCode).Order());
    }

    [Fact]
    public void Lint_NonAsciiDocument_CountsPositionsInCharacters()
    {
        const string document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bücket-ü/${ }\"}]}";

        var finding = Assert.Single(Lint(document), f => f.IssueCode == "EMPTY_VARIABLE");

        var start = document.IndexOf("\"arn:aws:s3:::b", StringComparison.Ordinal);
        Assert.Equal(start, finding.Locations[0].Span.Start.Offset);
        Assert.Equal(document.Length - 3, finding.Locations[0].Span.End.Offset);
    }

    [Fact]
    public void Lint_InvalidServiceInAction_SuggestsTheNearestPrefix() =>
        Assert.Equal(
            "The service s33 specified in the action does not exist. Did you mean s3?",
            Assert.Single(Lint(LintCases.Identity("\"Effect\":\"Allow\",\"Action\":\"s33:GetObject\",\"Resource\":\"*\""))).FindingDetails);

    [Fact]
    public void Lint_EveryAwsCheck_HasAFindingTypeLinkAndText()
    {
        Assert.True(AwsPolicyChecks.All.Count > 120);
        Assert.All(AwsPolicyChecks.All.Values, c => Assert.False(string.IsNullOrWhiteSpace(c.Template)));
    }
}
