using LocalIam.Aws.Errors;
using LocalIam.Aws.Query;
using LocalIam.Aws.Validation;

namespace LocalIam.Aws.Tests.Validation;

/// <summary>IAM's model constraints through the one validator, with IAM's words (docs/api.md, "Validation").</summary>
public class IamValidationTests
{
    private const string TagPattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]+";

    [Fact]
    public void UpdateRole_ControlCharacterInDescription_PatternWithItsCharacters()
    {
        var error = Refused("UpdateRole", ("RoleName", "r"), ("Description", "\u0001"));

        Assert.Equal("ValidationError", error.Code);
        Assert.Equal(400, error.Status);
        Assert.Equal("1 validation error detected: Value at 'description' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: [\t\n\r -~\u00A1-\u00FF]*", error.Message);
    }

    [Fact]
    public void UpdateRole_DescriptionOverTheLimit_LengthError()
    {
        var error = Refused("UpdateRole", ("RoleName", "r"), ("Description", new string('a', 1001)));

        Assert.Equal("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000", error.Message);
    }

    [Fact]
    public void CreateUser_BadCharacters_IamsOwnSentence()
    {
        var error = Refused("CreateUser", ("UserName", "bad name"));

        Assert.Equal("The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-", error.Message);
    }

    [Fact]
    public void CreateUser_NameOfNonAsciiLetters_Refused()
    {
        // Java's \w, as AWS's model means it, is ASCII only.
        var error = Refused("CreateUser", ("UserName", "j\u00F6rg"));

        Assert.StartsWith("The specified value for userName is invalid.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateUser_NameTooLong_LengthErrorOnly()
    {
        var error = Refused("CreateUser", ("UserName", new string('a', 65)));

        Assert.Equal("1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64", error.Message);
    }

    [Fact]
    public void GetUser_EmptyName_LengthBeforeIamsSentence()
    {
        var error = Refused("GetUser", ("UserName", string.Empty));

        Assert.Equal("1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1", error.Message);
    }

    [Fact]
    public void CreateUser_NoName_MustNotBeNull()
    {
        var error = Refused("CreateUser");

        Assert.Equal("1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null", error.Message);
    }

    [Fact]
    public void CreateUser_PathAndNameTooLong_BothInModelOrder()
    {
        var error = Refused("CreateUser", ("UserName", new string('a', 65)), ("Path", "/" + new string('p', 512) + "/"));

        Assert.Equal("2 validation errors detected: "
            + "Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512; "
            + "Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64", error.Message);
    }

    [Fact]
    public void CreateUser_PathWithoutSlashes_IamsPathSentence()
    {
        var error = Refused("CreateUser", ("UserName", "bob"), ("Path", "team"));

        Assert.Equal("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.", error.Message);
    }

    [Fact]
    public void TagUser_FiftyOneTags_ListLength()
    {
        var tags = Enumerable.Range(1, 51).SelectMany(i => new[] { ($"Tags.member.{i}.Key", $"k{i}"), ($"Tags.member.{i}.Value", "v") });

        var error = Refused("TagUser", [("UserName", "bob"), .. tags]);

        Assert.Equal("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50", error.Message);
    }

    [Fact]
    public void TagUser_ControlCharacterInKey_MemberPathOfTheTag()
    {
        var error = Refused("TagUser", ("UserName", "bob"), ("Tags.member.1.Key", "ok"), ("Tags.member.1.Value", "v"),
            ("Tags.member.2.Key", "\u0007"), ("Tags.member.2.Value", "v"));

        Assert.Equal($"1 validation error detected: Value at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: {TagPattern}", error.Message);
    }

    [Fact]
    public void TagUser_KeyTooLongAndValueMissing_TwoErrors()
    {
        var error = Refused("TagUser", ("UserName", "bob"), ("Tags.member.1.Key", new string('k', 129)));

        Assert.Equal("2 validation errors detected: "
            + "Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128; "
            + "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null", error.Message);
    }

    [Fact]
    public void TagUser_LetterOutsideTheBasicPlane_Accepted()
    {
        // U+20000 is one letter to Java, which matches code points; two surrogates to .NET.
        Assert.Null(Validate("TagUser", ("UserName", "bob"), ("Tags.member.1.Key", "\U00020000"), ("Tags.member.1.Value", "\U00020000")));
    }

    [Fact]
    public void TagUser_EmojiInKey_Refused()
    {
        var error = Refused("TagUser", ("UserName", "bob"), ("Tags.member.1.Key", "\U0001F600"), ("Tags.member.1.Value", "v"));

        Assert.Contains("'tags.1.member.key'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListUsers_MaxItemsOverTheLimit_ValueError()
    {
        var error = Refused("ListUsers", ("MaxItems", "1001"));

        Assert.Equal("1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000", error.Message);
    }

    [Fact]
    public void ListUsers_MaxItemsZero_ValueError()
    {
        var error = Refused("ListUsers", ("MaxItems", "0"));

        Assert.Equal("1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1", error.Message);
    }

    [Fact]
    public void ListUsers_MaxItemsControlCharacter_MalformedQueryString()
    {
        var error = Refused("ListUsers", ("MaxItems", "\u0001"));

        Assert.Equal("MalformedQueryString", error.Code);
        Assert.Equal(400, error.Status);
        Assert.Equal("Value '\u0001' for parameter MaxItems is not a valid integer.", error.Message);
    }

    [Fact]
    public void ListUsers_MaxItemsBeyondInt32_MalformedQueryString()
    {
        Assert.Equal("MalformedQueryString", Refused("ListUsers", ("MaxItems", "99999999999")).Code);
    }

    [Fact]
    public void ListUsers_TypeErrorAfterConstraintError_TypeErrorFirst()
    {
        // AWS reads the request before it validates it.
        var error = Refused("ListUsers", ("PathPrefix", "no-slash"), ("MaxItems", "many"));

        Assert.Equal("Value 'many' for parameter MaxItems is not a valid integer.", error.Message);
    }

    [Fact]
    public void CreatePolicyVersion_BooleanNotTrueOrFalse_MalformedQueryString()
    {
        var error = Refused("CreatePolicyVersion", ("PolicyArn", "arn:aws:iam::111122223333:policy/p"), ("PolicyDocument", "{}"), ("SetAsDefault", "yes"));

        Assert.Equal("Value 'yes' for parameter SetAsDefault is not a valid boolean.", error.Message);
    }

    [Fact]
    public void UpdateAccessKey_UnknownStatus_EnumError()
    {
        var error = Refused("UpdateAccessKey", ("AccessKeyId", "AKIAAAAAAAAAAAAAAAAA"), ("Status", "Bogus"));

        Assert.Equal("1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set", error.Message);
    }

    [Fact]
    public void CreateOpenIdConnectProvider_ShortThumbprint_ListReportedOnceWithEveryConstraint()
    {
        var error = Refused("CreateOpenIDConnectProvider", ("Url", "https://issuer.example.com"), ("ThumbprintList.member.1", "abc"));

        Assert.Equal("1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must have length less than or equal to 40, Member must have length greater than or equal to 40]", error.Message);
    }

    [Fact]
    public void GetAccountAuthorizationDetails_UnknownFilter_MemberEnum()
    {
        var error = Refused("GetAccountAuthorizationDetails", ("Filter.member.1", "User"), ("Filter.member.2", "Computer"));

        Assert.Equal("1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set]", error.Message);
    }

    [Fact]
    public void SimulateCustomPolicy_BadContextEntry_NestedMemberPaths()
    {
        var error = Refused("SimulateCustomPolicy", ("PolicyInputList.member.1", "{}"), ("ActionNames.member.1", "iam:GetUser"),
            ("ContextEntries.member.1.ContextKeyName", "aws:username"), ("ContextEntries.member.1.ContextKeyType", "string"),
            ("ContextEntries.member.2.ContextKeyName", "ab"), ("ContextEntries.member.2.ContextKeyType", "text"));

        Assert.Equal("2 validation errors detected: "
            + "Value at 'contextEntries.2.member.contextKeyName' failed to satisfy constraint: Member must have length greater than or equal to 5; "
            + "Value at 'contextEntries.2.member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set", error.Message);
    }

    [Fact]
    public void SimulateCustomPolicy_NoActionNames_MustNotBeNull()
    {
        var error = Refused("SimulateCustomPolicy", ("PolicyInputList.member.1", "{}"));

        Assert.Equal("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null", error.Message);
    }

    [Fact]
    public void SimulateCustomPolicy_MoreMembersThanLocalIamReads_Refused()
    {
        var actions = Enumerable.Range(1, QueryRequest.MaxMembers + 1).Select(i => ($"ActionNames.member.{i}", "iam:GetUser"));

        var error = Refused("SimulateCustomPolicy", [("PolicyInputList.member.1", "{}"), .. actions]);

        Assert.Equal("1 validation error detected: Value at 'actionNames' failed to satisfy constraint: Member must have length less than or equal to 1000", error.Message);
    }

    [Fact]
    public void SimulateCustomPolicy_HostileNumberOfContextEntries_BoundedWork()
    {
        var entries = Enumerable.Range(1, 100_000).SelectMany(i => new[] { ($"ContextEntries.member.{i}.ContextKeyName", "aws:username"), ($"ContextEntries.member.{i}.ContextKeyType", "string") });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = Refused("SimulateCustomPolicy", [("PolicyInputList.member.1", "{}"), ("ActionNames.member.1", "iam:GetUser"), .. entries]);

        Assert.Contains("'contextEntries' failed to satisfy constraint: Member must have length less than or equal to 1000", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void ListUsers_ValidRequest_NothingRefused()
    {
        Assert.Null(Validate("ListUsers", ("PathPrefix", "/team/"), ("MaxItems", "10"), ("Marker", "abc")));
    }

    [Fact]
    public void Validate_InvalidUtf8InName_MalformedQueryString()
    {
        var query = QueryRequest.FromWire("Action=ListUsers&Version=2010-05-08&%FF%FE=1", null);

        var error = Assert.Throws<AwsException>(() => ServiceConstraints.Iam.Validate("ListUsers", query)).Error;

        Assert.Equal("MalformedQueryString", error.Code);
        Assert.Equal("The query string contains a syntax error.", error.Message);
    }

    [Fact]
    public void Validate_InvalidUtf8InFormValue_MalformedQueryString()
    {
        var query = QueryRequest.FromWire(string.Empty, "Action=ListUsers&Version=2010-05-08&PathPrefix=%2F%FF%FE%2F"u8.ToArray());

        Assert.Equal("MalformedQueryString", Assert.Throws<AwsException>(() => ServiceConstraints.Iam.Validate("ListUsers", query)).Error.Code);
    }

    [Fact]
    public void Validate_RawBytesNotUtf8InBody_MalformedQueryString()
    {
        byte[] body = [.. "Action=ListUsers&Version=2010-05-08&PathPrefix=/"u8, 0xFF, (byte)'/'];

        Assert.True(QueryRequest.FromWire(string.Empty, body).HasInvalidUtf8);
    }

    [Fact]
    public void Table_EveryOperationOfTheModel_WithItsSource()
    {
        var table = ServiceConstraints.Iam;

        Assert.Equal(176, table.Operations.Count);
        Assert.Equal("2010-05-08", table.Version);
        Assert.StartsWith("boto/botocore 0e6e2404b85dc336dd2889814e089bde7d1a4c55", table.Source, StringComparison.Ordinal);
        Assert.Contains("CreateUser", table.Operations);
    }

    private static AwsError Refused(string operation, params (string Name, string Value)[] parameters) =>
        Validate(operation, parameters) ?? throw new Xunit.Sdk.XunitException($"{operation} was accepted");

    internal static AwsError? Validate(string operation, params (string Name, string Value)[] parameters) =>
        Validate(ServiceConstraints.Iam, operation, parameters);

    internal static AwsError? Validate(ServiceConstraints table, string operation, params (string Name, string Value)[] parameters)
    {
        try
        {
            table.Validate(operation, new QueryRequest(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))));
            return null;
        }
        catch (AwsException ex)
        {
            return ex.Error;
        }
    }
}
