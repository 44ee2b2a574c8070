using LocalIam.Policy.Model;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Tests.Validation;

/// <summary>The grammar checks, with AWS's MalformedPolicyDocument texts word for word.</summary>
public class PolicyParserTests
{
    private static string Statement(string body) => $$"""{"Version":"2012-10-17","Statement":[{{{body}}}]}""";

    private static Diagnostic FirstError(string json, PolicyKind kind = PolicyKind.Identity, PolicyParseOptions? options = null)
    {
        var result = PolicyParser.Parse(json, kind, options);
        Assert.False(result.IsValid);
        return result.FirstError!;
    }

    [Fact]
    public void Parse_ValidIdentityPolicy_IsValidWithModel()
    {
        var result = PolicyParser.Parse(Statement("""
            "Sid":"One","Effect":"Allow","Action":["iam:GetUser","iam:ListUsers"],"Resource":"*",
            "Condition":{"StringEquals":{"aws:username":["a","b"]}}
            """), PolicyKind.Identity);

        Assert.True(result.IsValid);
        var statement = Assert.Single(result.Document!.Statements);
        Assert.Equal("One", statement.Sid!.Value.Value);
        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal(["iam:GetUser", "iam:ListUsers"], statement.Actions!.Values.Select(v => v.Value));
        var condition = Assert.Single(statement.Conditions);
        Assert.Equal("aws:username", condition.Key.Value);
        Assert.Equal(["a", "b"], condition.Values.Select(v => v.Value));
    }

    [Fact]
    public void Parse_StatementAsSingleObject_IsAccepted()
    {
        var result = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"s3:*","NotResource":"*"}}""", PolicyKind.Identity);

        Assert.True(result.IsValid);
        var statement = Assert.Single(result.Document!.Statements);
        Assert.True(statement.Actions!.IsNegated);
        Assert.True(statement.Resources!.IsNegated);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]} trailing""")]
    [InlineData("""{"Version":"2012-10-17", /* comment */ "Statement":[]}""")]
    public void Parse_NotJsonOrNotObject_SyntaxErrors(string json)
    {
        Assert.Equal("Syntax errors in policy.", FirstError(json).Message);
    }

    [Fact]
    public void Parse_InvalidJsonInTrustPolicy_TrustMessage()
    {
        Assert.Equal("This policy contains invalid Json", FirstError("{\"Version\":", PolicyKind.Trust).Message);
    }

    [Fact]
    public void Parse_InvalidJson_SpanPointsAtProblem()
    {
        var error = FirstError("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ }\n}");

        Assert.Equal("LIP001", error.Id);
        Assert.Equal(3, error.Span.Line);
    }

    [Fact]
    public void Parse_DeepNesting_ErrorNotException()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":" + new string('[', 500) + new string(']', 500) + "}";

        Assert.Equal("LIP001", FirstError(json).Id);
    }

    [Fact]
    public void Parse_UnknownTopLevelElement_SyntaxErrorsAtKey()
    {
        var result = PolicyParser.Parse("""{"Version":"2012-10-17","Statment":[]}""", PolicyKind.Identity);

        var error = Assert.Single(result.Errors, e => e.Id == "LIP004");
        Assert.Equal("Syntax errors in policy.", error.Message);
        Assert.Contains("`Statment`", error.Help, StringComparison.Ordinal);
        Assert.Equal(1, error.Span.Line);
        Assert.Equal(25, error.Span.Column);
    }

    [Fact]
    public void Parse_UnknownStatementElement_SyntaxErrors()
    {
        var error = FirstError(Statement("""  "Effect":"Allow","Action":"s3:*","Resource":"*","effect":"Allow" """));

        Assert.Equal("LIP004", error.Id);
        Assert.Equal("Syntax errors in policy.", error.Message);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":["text"]}""")]
    public void Parse_MissingOrEmptyStatement_SyntaxErrors(string json)
    {
        Assert.Equal("Syntax errors in policy.", FirstError(json).Message);
    }

    [Fact]
    public void Parse_UnknownVersion_SyntaxErrors()
    {
        var error = FirstError("""{"Version":"2013-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""");

        Assert.Equal("LIP011", error.Id);
        Assert.Equal("Syntax errors in policy.", error.Message);
    }

    [Theory]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""")]
    [InlineData("""{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""")]
    public void Parse_OldVersionForManagedPolicy_VersionTooOld(string json)
    {
        var options = new PolicyParseOptions { RequireVersion2012 = true };

        Assert.Equal("Policy document must be version 2012-10-17 or greater.", FirstError(json, options: options).Message);
        Assert.True(PolicyParser.Parse(json, PolicyKind.Identity).IsValid);
    }

    [Theory]
    [InlineData("allow")]
    [InlineData("DENY")]
    public void Parse_EffectWrongCase_LegacyParsing(string effect)
    {
        Assert.Equal("The policy failed legacy parsing", FirstError(Statement($$"""
            "Effect":"{{effect}}","Action":"s3:*","Resource":"*"
            """)).Message);
    }

    [Theory]
    [InlineData("\"Action\":\"s3:*\",\"Resource\":\"*\"")]
    [InlineData("\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"")]
    public void Parse_MissingOrInvalidEffect_SyntaxErrors(string body)
    {
        Assert.Equal("Syntax errors in policy.", FirstError(Statement(body)).Message);
    }

    [Theory]
    [InlineData("\"Effect\":\"Allow\",\"Resource\":\"*\"")]
    [InlineData("\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"")]
    public void Parse_NoActions_MustContainActions(string body)
    {
        Assert.Equal("Policy statement must contain actions.", FirstError(Statement(body)).Message);
    }

    [Theory]
    [InlineData("\"Effect\":\"Allow\",\"Action\":\"s3:*\"")]
    [InlineData("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[]")]
    public void Parse_NoResources_MustContainResources(string body)
    {
        Assert.Equal("Policy statement must contain resources.", FirstError(Statement(body)).Message);
    }

    [Fact]
    public void Parse_ActionAndNotAction_SyntaxErrors()
    {
        var error = FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"iam:*\",\"Resource\":\"*\""));

        Assert.Equal("LIP008", error.Id);
        Assert.Equal("Syntax errors in policy.", error.Message);
    }

    [Fact]
    public void Parse_ResourceAndNotResource_SyntaxErrors()
    {
        Assert.Equal("LIP008", FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"NotResource\":\"*\"")).Id);
    }

    [Theory]
    [InlineData(PolicyKind.Identity)]
    [InlineData(PolicyKind.PermissionsBoundary)]
    [InlineData(PolicyKind.Session)]
    [InlineData(PolicyKind.ServiceControl)]
    public void Parse_PrincipalInIdentityTypePolicy_ShouldNotSpecifyPrincipal(PolicyKind kind)
    {
        var error = FirstError(Statement("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\",\"Resource\":\"*\""), kind);

        Assert.Equal("Policy document should not specify a principal.", error.Message);
    }

    [Fact]
    public void Parse_TrustPolicyWithoutPrincipal_NoPrincipalsMessage()
    {
        var error = FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\""), PolicyKind.Trust);

        Assert.Equal(
            "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
            error.Message);
    }

    [Fact]
    public void Parse_ResourcePolicyWithoutPrincipal_MissingRequiredField()
    {
        Assert.Equal("Missing required field Principal", FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyKind.Resource).Message);
    }

    [Fact]
    public void Parse_ValidTrustPolicy_IsValid()
    {
        var result = PolicyParser.Parse(Statement("""
            "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root","Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]
            """), PolicyKind.Trust);

        Assert.True(result.IsValid, string.Join("; ", result.Diagnostics));
        Assert.Equal(2, result.Document!.Statements[0].Principal!.Entries.Count);
    }

    [Fact]
    public void Parse_TrustPolicyWithResource_HasProhibitedField()
    {
        Assert.Equal("Has prohibited field Resource", FirstError(Statement("""
            "Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Resource":"*"
            """), PolicyKind.Trust).Message);
    }

    [Fact]
    public void Parse_TrustPolicyWithOtherAction_OnlyStsActions()
    {
        Assert.Equal("AssumeRole policy may only specify STS AssumeRole actions.", FirstError(Statement("""
            "Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject"
            """), PolicyKind.Trust).Message);
    }

    [Fact]
    public void Parse_TrustPolicyStarPrincipal_InvalidPrincipalStar()
    {
        Assert.Equal("AssumeRolepolicy contained an invalid principal: \"STAR\":\"*\".", FirstError(Statement("""
            "Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"
            """), PolicyKind.Trust).Message);
    }

    [Fact]
    public void Parse_InvalidAwsPrincipal_InvalidPrincipalInPolicy()
    {
        Assert.Equal("Invalid principal in policy: \"AWS\":\"not-an-arn\"", FirstError(Statement("""
            "Effect":"Allow","Principal":{"AWS":"not-an-arn"},"Action":"sts:AssumeRole"
            """), PolicyKind.Trust).Message);
    }

    [Fact]
    public void Parse_UnknownPrincipalType_SyntaxErrors()
    {
        Assert.Equal("LIP031", FirstError(Statement("""
            "Effect":"Allow","Principal":{"Aws":"111122223333"},"Action":"sts:AssumeRole"
            """), PolicyKind.Trust).Id);
    }

    [Fact]
    public void Parse_ActionWithoutVendor_PrefacedByVendor()
    {
        Assert.Equal("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"GetUser\",\"Resource\":\"*\"")).Message);
    }

    [Fact]
    public void Parse_ActionWithTwoColons_OnlyOneColon()
    {
        Assert.Equal("Actions/Condition can contain only one colon.",
            FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"iam:Get:User\",\"Resource\":\"*\"")).Message);
    }

    [Fact]
    public void Parse_VendorWithSpace_VendorNotValid()
    {
        Assert.Equal("Vendor a a is not valid", FirstError(Statement("\"Effect\":\"Allow\",\"Action\":\"a a:GetUser\",\"Resource\":\"*\"")).Message);
    }

    [Fact]
    public void Parse_ConditionKeyWithoutVendor_AcceptedAsAwsDoes()
    {
        var result = PolicyParser.Parse(Statement("""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"username":"a"}}
            """), PolicyKind.Identity);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("bucket", "Resource bucket must be in ARN format or \"*\".")]
    [InlineData("", "Resource  must be in ARN format or \"*\".")]
    [InlineData("arn:aws", "Resource vendor must be fully qualified and cannot contain regexes.")]
    [InlineData("arn:aws:s3::bucket", "The policy failed legacy parsing")]
    [InlineData("arn:aws:iam:us-east-1:111122223333:user/a", "IAM resource arn:aws:iam:us-east-1:111122223333:user/a cannot contain region information.")]
    [InlineData("arn:foo:s3:::bucket", "Partition \"foo\" is not valid for resource \"arn:foo:s3:::bucket\".")]
    [InlineData("s3:::bucket", "Partition \"\" is not valid for resource \"arn:::bucket:*:*\".")]
    [InlineData("arn:aws::::bucket", "The policy failed legacy parsing")]
    [InlineData("arn:aws::bucket", "The policy failed legacy parsing")]
    [InlineData("arn:aws:iam::111122223333:bucket", "IAM resource path must either be \"*\" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.")]
    [InlineData("arn:aws:s3:us-east-1::bucket", "Resource arn:aws:s3:us-east-1::bucket can not contain region information.")]
    public void Parse_BadResource_AwsMessage(string resource, string message)
    {
        Assert.Equal(message, FirstError(Statement($"\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"{resource}\"")).Message);
    }

    [Fact]
    public void Parse_DuplicateSid_MustBeUnique()
    {
        var json = """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";

        var error = FirstError(json);

        Assert.Equal("Statement IDs (SID) in a single policy must be unique.", error.Message);
        Assert.Equal(1, error.Span.Line);
        Assert.Equal(json.LastIndexOf("\"A\"", StringComparison.Ordinal) + 1, error.Span.Column);
    }

    [Fact]
    public void Parse_SidWithSpaceInIdentityPolicy_MustBeAlphanumeric()
    {
        Assert.Equal(
            "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
            FirstError(Statement("\"Sid\":\"My Sid\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"")).Message);
    }

    [Fact]
    public void Parse_SidWithSpaceInTrustPolicy_IsAccepted()
    {
        var result = PolicyParser.Parse(Statement("""
            "Sid":"Let EC2 in","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"
            """), PolicyKind.Trust);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parse_UnknownConditionOperator_ErrorNamesOperator()
    {
        var error = FirstError(Statement("""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"a"}}
            """));

        Assert.Equal("LIP010", error.Id);
        Assert.Equal("Syntax errors in policy.", error.Message);
        Assert.Equal("`StringEqualz` is not a condition operator", error.Help);
    }

    [Theory]
    [InlineData("NullIfExists")]
    [InlineData("ForAnyValue::StringEquals")]
    [InlineData("ForSomeValues:StringEquals")]
    public void Parse_MalformedOperatorName_IsError(string op)
    {
        Assert.Equal("LIP010", FirstError(Statement($$$"""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"{{{op}}}":{"aws:username":"a"}}
            """)).Id);
    }

    [Fact]
    public void Parse_UnknownOperatorWithEmptyBlock_WarningOnly()
    {
        var result = PolicyParser.Parse(Statement("""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{}}
            """), PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal("LIW005", Assert.Single(result.Warnings).Id);
    }

    [Theory]
    [InlineData("sdfdsf")]
    [InlineData("234-13")]
    [InlineData("2020-13-01")]
    public void Parse_InvalidDateConditionValue_LegacyParsing(string value)
    {
        Assert.Equal("The policy failed legacy parsing", FirstError(Statement($$$"""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"{{{value}}}"}}
            """)).Message);
    }

    [Theory]
    [InlineData("NumericLessThan", "ten")]
    [InlineData("Bool", "yes")]
    [InlineData("IpAddress", "10.0.0.300/8")]
    [InlineData("Null", "maybe")]
    [InlineData("BinaryEquals", "***")]
    public void Parse_UnusableConditionValue_WarningNotError(string op, string value)
    {
        var result = PolicyParser.Parse(Statement($$$"""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"{{{op}}}":{"aws:SomeKey":"{{{value}}}"}}
            """), PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal("LIW003", Assert.Single(result.Warnings).Id);
    }

    [Fact]
    public void Parse_ConditionValuesAsNumbersAndBooleans_ReadAsText()
    {
        var result = PolicyParser.Parse(Statement("""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}
            """), PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal(["10", "true"], result.Document!.Statements[0].Conditions.Select(c => c.Values[0].Value));
    }

    [Fact]
    public void Parse_ConditionValueObject_SyntaxErrors()
    {
        Assert.Equal("LIP003", FirstError(Statement("""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":{"a":1}}}
            """)).Id);
    }

    [Fact]
    public void Parse_ForAllValuesInAllow_Warns()
    {
        var result = PolicyParser.Parse(Statement("""
            "Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}
            """), PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal("LIW004", Assert.Single(result.Warnings).Id);
    }

    [Fact]
    public void Parse_VariableWithoutVersion_Warns()
    {
        var result = PolicyParser.Parse("""{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}}""", PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal("LIW002", Assert.Single(result.Warnings).Id);
        Assert.Equal(PolicyLanguageVersion.Unspecified, result.Document!.Version);
    }

    [Fact]
    public void Parse_DuplicateKey_LastWinsWithWarning()
    {
        var result = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyKind.Identity);

        Assert.True(result.IsValid);
        Assert.Equal(Effect.Allow, result.Document!.Statements[0].Effect);
        Assert.Equal("LIW001", Assert.Single(result.Warnings).Id);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedFirstInAwsOrder()
    {
        var json = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"A","Effect":"Allow","Action":"GetUser","Resource":"*"},
              {"Sid":"A","Effect":"Allow","Resource":"*"},
              {"Effect":"allow","Action":"s3:*","Resource":"bucket"}
            ]}
            """;

        var result = PolicyParser.Parse(json, PolicyKind.Identity);

        Assert.Equal(
            ["LIP012", "LIP015", "LIP017", "LIP019", "LIP023"],
            result.Errors.Select(d => d.Id));
        Assert.Equal("The policy failed legacy parsing", result.FirstError!.Message);
        Assert.All(result.Errors, e => Assert.False(e.Span.IsNone));
    }

    [Fact]
    public void Parse_MultiByteCharacters_ColumnsCountCharacters()
    {
        var json = "{\"Id\":\"ü€\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},\"Stat\":1}";

        var error = FirstError(json);

        Assert.Equal("LIP004", error.Id);
        Assert.Equal(json.IndexOf("\"Stat\":", StringComparison.Ordinal) + 1, error.Span.Column);
    }
}
