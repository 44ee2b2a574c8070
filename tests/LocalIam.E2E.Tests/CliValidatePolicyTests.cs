using System.Net;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// IAM Access Analyzer's ValidatePolicy through the real AWS CLI (<c>aws accessanalyzer validate-policy</c>):
/// findings with AWS's codes, texts, links and spans, paged with nextToken; authorized as
/// access-analyzer:ValidatePolicy; every bad input answered with AWS's error, never a server error.
/// </summary>
public sealed class CliValidatePolicyTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IDisposable
{
    private const string Faulty = """
        {
          "Statement": [
            {
              "Sid": "Read",
              "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:GetObjekt", "iam:Get*", "iam:GetUser"],
              "Resource": "*"
            },
            {
              "Effect": "Allow",
              "Action": "iam:PassRole",
              "Resource": "*"
            }
          ]
        }
        """;

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-validate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, text);
        return "file://" + path;
    }

    [Fact]
    public async Task Cli_IdentityPolicy_FindingsWithCodesTextsLinksAndSpans()
    {
        var output = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY");

        var findings = output.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(
            ["MISSING_VERSION", "INVALID_ACTION", "REDUNDANT_ACTION", "PASS_ROLE_WITH_STAR_IN_RESOURCE"],
            findings.Select(f => f.GetProperty("issueCode").GetString()));
        Assert.Equal(["WARNING", "ERROR", "SUGGESTION", "SECURITY_WARNING"], findings.Select(f => f.GetProperty("findingType").GetString()));

        var invalid = findings[1];
        Assert.Equal("The action s3:GetObjekt does not exist. Did you mean s3:GetObject?", invalid.GetProperty("findingDetails").GetString());
        Assert.Equal("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action",
            invalid.GetProperty("learnMoreLink").GetString());
        var location = Assert.Single(invalid.GetProperty("locations").EnumerateArray());
        Assert.Equal("""[{"value":"Statement"},{"index":0},{"value":"Action"},{"index":1}]""", JsonSerializer.Serialize(location.GetProperty("path")));
        var start = location.GetProperty("span").GetProperty("start");
        var offset = Faulty.IndexOf("\"s3:GetObjekt\"", StringComparison.Ordinal);
        Assert.Equal(6, start.GetProperty("line").GetInt32());
        Assert.Equal(offset - Faulty.LastIndexOf('\n', offset) - 1, start.GetProperty("column").GetInt32());
        Assert.Equal(offset, start.GetProperty("offset").GetInt32());
        Assert.Equal(offset + "\"s3:GetObjekt\"".Length, location.GetProperty("span").GetProperty("end").GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task Cli_PageSizeOne_PagesThroughEveryFindingWithNextToken()
    {
        var all = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY");
        var paged = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY", "--page-size", "1");
        Assert.Equal(all.GetProperty("findings").GetRawText(), paged.GetProperty("findings").GetRawText());

        var first = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY", "--max-items", "3");
        Assert.Equal(3, first.GetProperty("findings").GetArrayLength());
        var rest = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY",
            "--starting-token", first.GetProperty("NextToken").GetString()!);
        Assert.Equal("PASS_ROLE_WITH_STAR_IN_RESOURCE", Assert.Single(rest.GetProperty("findings").EnumerateArray()).GetProperty("issueCode").GetString());
    }

    [Fact]
    public async Task Cli_TrustPolicy_ValidatedAsTheRolesResourcePolicy()
    {
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRoleWithSAML","Resource":"*"}]}""";

        var output = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(trust), "--policy-type", "RESOURCE_POLICY",
            "--validate-policy-resource-type", "AWS::IAM::AssumeRolePolicyDocument");

        Assert.Equal(["MISMATCHED_ACTION_FOR_PRINCIPAL", "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"],
            output.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("issueCode").GetString()).Order());
    }

    [Fact]
    public async Task Cli_CleanPolicyAndControlCharacters_AnsweredAsFindingsNotErrors()
    {
        var clean = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-type", "IDENTITY_POLICY", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""");
        Assert.Empty(clean.GetProperty("findings").EnumerateArray());

        var control = await _root.OkAsync("accessanalyzer", "validate-policy", "--policy-type", "IDENTITY_POLICY", "--policy-document",
            File("{\"Version\":\"2012-10-17\",\u0001\u0000\"Statement\":[]}"));
        Assert.Equal("JSON_SYNTAX_ERROR", Assert.Single(control.GetProperty("findings").EnumerateArray()).GetProperty("issueCode").GetString());
    }

    [Fact]
    public async Task Cli_BadPolicyTypeAndResourceType_ValidationException()
    {
        var wrongType = await _root.FailsAsync("ValidationException", "accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "USER_POLICY");
        Assert.Contains("1 validation error detected: Value 'USER_POLICY' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: [IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY]", wrongType, StringComparison.Ordinal);

        var mismatched = await _root.FailsAsync("ValidationException", "accessanalyzer", "validate-policy", "--policy-document", File(Faulty),
            "--policy-type", "IDENTITY_POLICY", "--validate-policy-resource-type", "AWS::S3::Bucket");
        Assert.EndsWith("InvalidInput", mismatched.Trim(), StringComparison.Ordinal);

        await _root.FailsAsync("ValidationException", "accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY", "--locale", "XX");
    }

    [Fact]
    public async Task Cli_UserWithoutValidatePolicy_AccessDeniedUntilAllowed()
    {
        var setup = new StsSetup(_root);
        var user = await setup.UserAsync("validator", StsSetup.Doc(StsSetup.Allows("\"iam:GetUser\"")));
        var denied = await user.FailsAsync("AccessDeniedException", "accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY");
        Assert.Contains("access-analyzer:ValidatePolicy", denied, StringComparison.Ordinal);

        await _root.OkAsync("iam", "put-user-policy", "--user-name", "validator", "--policy-name", "inline", "--policy-document",
            StsSetup.Doc(StsSetup.Allows("\"access-analyzer:ValidatePolicy\"")));
        var allowed = await user.OkAsync("accessanalyzer", "validate-policy", "--policy-document", File(Faulty), "--policy-type", "IDENTITY_POLICY", "--region", "eu-west-1");
        Assert.Equal(4, allowed.GetProperty("findings").GetArrayLength());
    }

    [Theory]
    [InlineData("", "{not json", "ValidationException")]
    [InlineData("", "[1,2]", "ValidationException")]
    [InlineData("", """{"policyDocument":5,"policyType":"IDENTITY_POLICY"}""", "SerializationException")]
    [InlineData("", """{"policyDocument":"{}","policyType":["IDENTITY_POLICY"]}""", "SerializationException")]
    [InlineData("", """{"policyType":"IDENTITY_POLICY"}""", "ValidationException")]
    [InlineData("", """{"policyDocument":"{}"}""", "ValidationException")]
    [InlineData("maxResults=abc", """{"policyDocument":"{}","policyType":"IDENTITY_POLICY"}""", "SerializationException")]
    [InlineData("maxResults=0", """{"policyDocument":"{}","policyType":"IDENTITY_POLICY"}""", "ValidationException")]
    [InlineData("maxResults=99999999999999", """{"policyDocument":"{}","policyType":"IDENTITY_POLICY"}""", "SerializationException")]
    [InlineData("nextToken=forged", """{"policyDocument":"{}","policyType":"IDENTITY_POLICY"}""", "ValidationException")]
    [InlineData("nextToken=MTAwLjAwMDAwMDAwMDAwMDAwMDAwMDAw", """{"policyDocument":"{}","policyType":"IDENTITY_POLICY"}""", "ValidationException")]
    public async Task Raw_BadRequests_AwsErrorNeverServerError(string query, string body, string errorType)
    {
        var (status, type, text) = await SignedPost.SendRestJsonAsync(server.Endpoint, "POST", "/policy/validation", query, body, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(errorType, type);
        Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Raw_MissingMembers_FieldListNamesEach()
    {
        var (_, _, text) = await SignedPost.SendRestJsonAsync(server.Endpoint, "POST", "/policy/validation", "", "{}", cancellationToken: TestContext.Current.CancellationToken);

        var error = JsonDocument.Parse(text).RootElement;
        Assert.Equal("fieldValidationFailed", error.GetProperty("reason").GetString());
        Assert.Equal(["policyDocument", "policyType"], error.GetProperty("fieldList").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.StartsWith("2 validation errors detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_HugeDocuments_BoundedAndAnswered()
    {
        var tooBig = JsonSerializer.Serialize(new { policyDocument = new string(' ', (1024 * 1024) + 1), policyType = "IDENTITY_POLICY" });
        var (status, type, _) = await SignedPost.SendRestJsonAsync(server.Endpoint, "POST", "/policy/validation", "", tooBig, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ValidationException", type);

        // A document of the largest length allowed (131,072 characters, docs/lint.md), thousands of
        // actions: answered, and quickly; one character more is refused.
        var document = LargestDocument(131_072);
        var (overStatus, overType, _) = await SignedPost.SendRestJsonAsync(server.Endpoint, "POST", "/policy/validation", "",
            JsonSerializer.Serialize(new { policyDocument = document + " ", policyType = "IDENTITY_POLICY" }), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, overStatus);
        Assert.Equal("ValidationException", overType);

        var large = JsonSerializer.Serialize(new { policyDocument = document, policyType = "IDENTITY_POLICY" });
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (okStatus, _, body) = await SignedPost.SendRestJsonAsync(server.Endpoint, "POST", "/policy/validation", "maxResults=5", large, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(5, JsonDocument.Parse(body).RootElement.GetProperty("findings").GetArrayLength());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    /// <summary>An identity policy of exactly <paramref name="length"/> characters: one statement, as many actions as fit, padded with spaces.</summary>
    private static string LargestDocument(int length)
    {
        const string head = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[""";
        const string tail = """],"Resource":"*"}]}""";
        var actions = new System.Text.StringBuilder();
        for (var i = 0; ; i++)
        {
            var next = (i == 0 ? "" : ",") + $"\"s3:Get{i}*\"";
            if (head.Length + actions.Length + next.Length + tail.Length > length)
            {
                break;
            }

            actions.Append(next);
        }

        var document = head + actions + tail;
        return document + new string(' ', length - document.Length);
    }

    [Fact]
    public async Task Raw_GetAndWrongSigningName_AwsErrors()
    {
        var (getStatus, getType, _) = await SignedPost.SendRestJsonAsync(server.Endpoint, "GET", "/policy/validation", "", "", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, getStatus);
        Assert.Equal("UnknownOperationException", getType);

        var (status, type, _) = await SignedPost.SendRestJsonAsync(server.Endpoint, "POST", "/policy/validation", "",
            """{"policyDocument":"{}","policyType":"IDENTITY_POLICY"}""", service: "iam", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("SignatureDoesNotMatch", type);
    }
}
