using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using LocalIam.E2E.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalIam.E2E.Tests;

/// <summary>
/// No request value makes a response fail (issue 7, defect 5): control characters, over-long and
/// empty values, too many members and bytes that are not UTF-8 are refused before anything is
/// stored, with AWS's ValidationError, in AWS's envelope, and without a line in the log. Through
/// the AWS CLI v2 where it sends the value; signed by its botocore where it would not.
/// </summary>
public sealed class HostileValueTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string DescriptionPattern = "Member must satisfy regular expression pattern: [\t\n\r -~\u00A1-\u00FF]*";
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task UpdateRole_ControlCharacterInDescription_ValidationErrorAndEveryReadStillWorks()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust, "--description", "before");

        var error = await _root.FailsAsync("ValidationError", "iam", "update-role", "--role-name", "r", "--description", "\u0001");

        Assert.Contains($"1 validation error detected: Value at 'description' failed to satisfy constraint: {DescriptionPattern}", error, StringComparison.Ordinal);
        var role = await _root.OkAsync("iam", "get-role", "--role-name", "r");
        Assert.Equal("before", role.GetProperty("Role").GetProperty("Description").GetString());
        Assert.Equal(1, (await _root.OkAsync("iam", "list-roles")).GetProperty("Roles").GetArrayLength());
        await _root.OkAsync("iam", "list-policies", "--scope", "Local");
        await _root.OkAsync("iam", "get-account-authorization-details");
    }

    [Fact]
    public async Task CreateRole_ControlCharacterInDescription_NothingStored()
    {
        await _root.FailsAsync("ValidationError", "iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust, "--description", "a\u001Fb");

        await _root.FailsAsync("NoSuchEntity", "iam", "get-role", "--role-name", "r");
    }

    [Fact]
    public async Task CreatePolicy_ControlCharacterTheModelAllows_StoredAndReadBackAsEscape()
    {
        // policyDescriptionType has a length and no pattern: the value is kept, and written as \u0001.
        var created = await _root.OkAsync("iam", "create-policy", "--policy-name", "p", "--description", "a\u0001b",
            "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""");
        var arn = created.GetProperty("Policy").GetProperty("Arn").GetString()!;

        var policy = await _root.OkAsync("iam", "get-policy", "--policy-arn", arn);

        Assert.Equal(@"a\u0001b", policy.GetProperty("Policy").GetProperty("Description").GetString());
        await _root.OkAsync("iam", "list-policies", "--scope", "Local");
        await _root.OkAsync("iam", "get-account-authorization-details");
    }

    [Fact]
    public async Task TagUser_FiftyOneTags_ListLengthError()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "u");
        string[] tags = [.. Enumerable.Range(1, 51).Select(i => $"Key=k{i},Value=v")];

        var error = await _root.FailsAsync("ValidationError", ["iam", "tag-user", "--user-name", "u", "--tags", .. tags]);

        Assert.Contains("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50", error, StringComparison.Ordinal);
        Assert.Equal(0, (await _root.OkAsync("iam", "list-user-tags", "--user-name", "u")).GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task GetUser_OverLongName_LengthError()
    {
        var error = await _root.FailsAsync("ValidationError", "iam", "get-user", "--user-name", new string('a', 129));

        Assert.Contains("1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_EmptyName_LengthError()
    {
        // The CLI checks a string's minimum length itself; its signer sends the empty value.
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, "Action=CreateUser&Version=2010-05-08&UserName="u8.ToArray());

        Assert.Equal(400, status);
        Assert.Equal(("ValidationError", "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"), Envelope(body));
    }

    [Fact]
    public async Task ListUsers_NulInActionName_InvalidActionWithTheNulEscaped()
    {
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, "Action=ListUsers%00&Version=2010-05-08"u8.ToArray());

        Assert.Equal(400, status);
        Assert.Equal(("InvalidAction", @"Could not find operation ListUsers\u0000 for version 2010-05-08"), Envelope(body));
    }

    [Fact]
    public async Task ListUsers_ControlCharacterAsMaxItems_MalformedQueryString()
    {
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, "Action=ListUsers&Version=2010-05-08&MaxItems=%01"u8.ToArray());

        Assert.Equal(400, status);
        Assert.Equal(("MalformedQueryString", @"Value '\u0001' for parameter MaxItems is not a valid integer."), Envelope(body));
    }

    [Fact]
    public async Task Presigned_ControlCharacterAsAlgorithm_IncompleteSignatureWithoutAnySignature()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.Endpoint + "/?Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=%0B&X-Amz-Credential=a"
            + "&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=b", TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        var (code, message) = Envelope(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("IncompleteSignature", code);
        Assert.DoesNotContain('\u000B', message);
    }

    [Theory]
    [InlineData("Action=GetUser&Version=2010-05-08&UserName=bo%01b", 400, "ValidationError")]
    [InlineData("Action=GetPolicy&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2F%01%02", 400, "InvalidInput")]
    [InlineData("Action=CreatePolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2Fp&PolicyDocument=%7B%7D&SetAsDefault=%01", 400, "MalformedQueryString")]
    [InlineData("Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=AKIAAAAAAAAAAAAAAAAA&Status=%01", 400, "ValidationError")]
    [InlineData("Action=CreateOpenIDConnectProvider&Version=2010-05-08&Url=https%3A%2F%2Fissuer.example.com&ThumbprintList.member.1=%01", 400, "ValidationError")]
    [InlineData("Action=TagUser&Version=2010-05-08&UserName=u&Tags.member.1.Key=%01&Tags.member.1.Value=v", 400, "ValidationError")]
    [InlineData("Action=TagUser&Version=2010-05-08&UserName=u&Tags.member.1.Key=k&Tags.member.1.Value=%1F", 400, "ValidationError")]
    [InlineData("Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=%01", 400, "ValidationError")]
    [InlineData("Action=%01&Version=2010-05-08", 400, "InvalidAction")]
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fr&RoleSessionName=%01%1F", 400, "ValidationError")]
    [InlineData("Action=ListUsers&Version=2010-05-08&PathPrefix=%2F%FF%FE%2F", 400, "MalformedQueryString")]
    [InlineData("Action=ListUsers&Version=2010-05-08&%FF%FE=1", 400, "MalformedQueryString")]
    public async Task AnyParameter_ControlCharacterOrBadUtf8_AwsEnvelopeNever5xx(string form, int expectedStatus, string expectedCode)
    {
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, Encoding.ASCII.GetBytes(form), form.Contains("2011-06-15", StringComparison.Ordinal) ? "sts" : "iam");

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedCode, Envelope(body).Code);
    }

    [Fact]
    public async Task AssumeRole_ControlCharactersInSessionName_QuotedAsEscapes()
    {
        var (_, body) = await Botocore.PostSignedAsync(server.Endpoint,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fr&RoleSessionName=%01%1F"u8.ToArray(), "sts");

        Assert.Equal(("ValidationError", @"1 validation error detected: Value '\u0001\u001F' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"),
            Envelope(body));
    }

    [Fact]
    public async Task SimulateCustomPolicy_ControlCharacterInUnconstrainedContextValue_Evaluated()
    {
        var policy = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""");
        var form = $"Action=SimulateCustomPolicy&Version=2010-05-08&PolicyInputList.member.1={policy}&ActionNames.member.1=iam%3AGetUser"
            + "&ContextEntries.member.1.ContextKeyName=aws%3Ausername&ContextEntries.member.1.ContextKeyType=string&ContextEntries.member.1.ContextKeyValues.member.1=%01";

        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, Encoding.ASCII.GetBytes(form));

        Assert.Equal(200, status);
        Assert.Contains("<EvalDecision>allowed</EvalDecision>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListUsers_RawBytesNotUtf8InBody_MalformedQueryString()
    {
        byte[] form = [.. "Action=ListUsers&Version=2010-05-08&PathPrefix=/"u8, 0xFF, 0xFE, (byte)'/'];

        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, form);

        Assert.Equal(400, status);
        Assert.Equal(("MalformedQueryString", "The query string contains a syntax error."), Envelope(body));
    }

    [Fact]
    public async Task HostileRequests_ClientCausedFailures_NothingLogged()
    {
        var logs = new CapturedLogs();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        using var http = new HttpClient();

        for (var i = 0; i < 3; i++)
        {
            await Botocore.PostSignedAsync(server.Endpoint, "Action=ListUsers%00&Version=2010-05-08"u8.ToArray());
            await Botocore.PostSignedAsync(server.Endpoint, "Action=ListUsers&Version=2010-05-08&MaxItems=%01"u8.ToArray());
            await Botocore.PostSignedAsync(server.Endpoint, "Action=UpdateRole&Version=2010-05-08&RoleName=r&Description=%01"u8.ToArray());
            using var presigned = await http.GetAsync(server.Endpoint + "/?Action=ListUsers&X-Amz-Algorithm=%0B&X-Amz-Credential=a", TestContext.Current.CancellationToken);
        }

        Assert.Empty(logs.Entries);
    }

    /// <summary>Code and message of AWS's error envelope; the document must be well-formed XML and carry a request id.</summary>
    private static (string Code, string Message) Envelope(string body)
    {
        var root = XDocument.Parse(body).Root!;
        var ns = root.Name.Namespace;
        Assert.Equal("ErrorResponse", root.Name.LocalName);
        Assert.False(string.IsNullOrEmpty(root.Element(ns + "RequestId")?.Value), body);
        var error = root.Element(ns + "Error")!;
        return (error.Element(ns + "Code")!.Value, error.Element(ns + "Message")?.Value ?? string.Empty);
    }

    /// <summary>What the server logs at the levels it keeps (warning and above).</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
