using System.Security.Cryptography;
using System.Text;
using LocalIam.Aws.SigV4;

namespace LocalIam.Aws.Tests.SigV4;

/// <summary>
/// SigV4 against AWS's documented IAM example (GET ListUsers, 2015-08-30T12:36:00Z, AKIDEXAMPLE;
/// canonical request hash f536975d..., signature 5d672d79..., also checked with botocore), and
/// the errors around it.
/// </summary>
public class SigV4VerifierTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string DocumentedSignature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly SigningScope Iam = SigningScope.Iam;

    private static SignedRequest Request(string signature = DocumentedSignature, string query = "Action=ListUsers&Version=2010-05-08", string date = "20150830T123600Z", string scope = "20150830/us-east-1/iam/aws4_request") =>
        new("GET", "/", query,
        [
            new("Host", "iam.amazonaws.com"),
            new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            new("X-Amz-Date", date),
            new("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope}, SignedHeaders=content-type;host;x-amz-date, Signature={signature}"),
        ], []);

    private static SigV4Credential Parse(SignedRequest request) => SigV4Parser.Parse(request, out var error) ?? throw new InvalidOperationException(error!.Message);

    [Fact]
    public void CanonicalRequest_DocumentedExample_HashMatchesAws()
    {
        var request = Request();

        var canonical = SigV4Verifier.CanonicalRequest(request, Parse(request));

        Assert.Equal("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }

    [Fact]
    public void Verify_DocumentedExample_Valid()
    {
        var request = Request();

        Assert.Null(SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt.AddMinutes(3), Iam));
    }

    [Fact]
    public void Verify_WrongSecret_SignatureDoesNotMatch()
    {
        var request = Request();

        var error = SigV4Verifier.Verify(request, Parse(request), Secret + "x", SignedAt, Iam);

        Assert.Equal("SignatureDoesNotMatch", error!.Code);
        Assert.Equal(403, error.Status);
    }

    [Fact]
    public void Verify_QueryChangedAfterSigning_SignatureDoesNotMatch()
    {
        var request = Request(query: "Action=ListUsers&Version=2010-05-08&MaxItems=1");

        Assert.Equal("SignatureDoesNotMatch", SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam)!.Code);
    }

    [Fact]
    public void Verify_SixteenMinutesLate_SignatureExpired()
    {
        var request = Request();

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt.AddMinutes(16), Iam);

        Assert.Equal("Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)", error!.Message);
    }

    [Fact]
    public void Verify_SixteenMinutesEarly_SignatureNotYetCurrent()
    {
        var request = Request();

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt.AddMinutes(-16), Iam);

        Assert.Equal("Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)", error!.Message);
    }

    [Fact]
    public void Verify_OtherService_ScopeError()
    {
        var request = Request(scope: "20150830/us-east-1/s3/aws4_request");

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam);

        Assert.Equal("Credential should be scoped to correct service: 'iam'. ", error!.Message);
    }

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("mars-1")]
    [InlineData("US-EAST-1")]
    public void Verify_IamScopedToAnotherRegion_ValidRegionError(string region)
    {
        var request = Request(scope: $"20150830/{region}/iam/aws4_request");

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam);

        Assert.Equal("SignatureDoesNotMatch", error!.Code);
        Assert.Equal($"Credential should be scoped to a valid region, not '{region}'. ", error.Message);
    }

    [Fact]
    public void Verify_StsInACommercialRegion_Valid()
    {
        var (request, credential) = SignedFor("eu-west-1", "sts");

        Assert.Null(SigV4Verifier.Verify(request, credential, Secret, SignedAt, SigningScope.Sts));
    }

    [Fact]
    public void Verify_StsInNoRealRegion_ValidRegionError()
    {
        var (request, credential) = SignedFor("mars-1", "sts");

        Assert.Equal("Credential should be scoped to a valid region, not 'mars-1'. ", SigV4Verifier.Verify(request, credential, Secret, SignedAt, SigningScope.Sts)!.Message);
    }

    [Fact]
    public void Verify_EveryScopePartWrong_OneMessageInAwsOrder()
    {
        var request = Request(scope: "20150831/mars-1/s3/aws5_request");

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam);

        Assert.Equal(
            "Credential should be scoped to a valid region, not 'mars-1'. Credential should be scoped to correct service: 'iam'. "
            + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
            + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
            error!.Message);
    }

    [Theory]
    [InlineData("2015-08-30T12:36:00Z")]
    [InlineData("Sun, 30 Aug 2015 12:36:00 GMT")]
    [InlineData("20150830")]
    [InlineData("20150830T123600")]
    [InlineData("August 30, 2015")]
    public void Verify_XAmzDateNotBasicFormat_IncompleteSignature(string date)
    {
        var request = Request(date: date);

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam);

        Assert.Equal("IncompleteSignature", error!.Code);
        Assert.Equal($"Date must be in ISO-8601 'basic format'. Got '{date}'. See http://en.wikipedia.org/wiki/ISO_8601", error.Message);
    }

    [Fact]
    public void Verify_DateHeaderAsHttpWritesIt_AwsTestSuiteVector()
    {
        // get-vanilla from AWS's original SigV4 test suite: a Date header in RFC 1123 form, no X-Amz-Date.
        var request = new SignedRequest("GET", "/", string.Empty,
        [
            new("Date", "Mon, 09 Sep 2011 23:36:00 GMT"),
            new("Host", "host.foo.com"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, Signature=b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470"),
        ], []);

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, new DateTimeOffset(2011, 9, 9, 23, 40, 0, TimeSpan.Zero), SigningScope.GlobalService("host"));

        Assert.Null(error);
    }

    [Fact]
    public void Verify_DateHeaderNotADate_IncompleteSignature()
    {
        var request = new SignedRequest("GET", "/", string.Empty,
        [
            new("Date", "yesterday"), new("Host", "host.foo.com"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/iam/aws4_request, SignedHeaders=date;host, Signature=00"),
        ], []);

        Assert.Equal("IncompleteSignature", SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam)!.Code);
    }

    [Fact]
    public void Parse_CredentialWithFourParts_IncompleteSignature()
    {
        var request = Request(scope: "20150830/us-east-1/iam");

        Assert.Null(SigV4Parser.Parse(request, out var error));
        Assert.Equal("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/iam'", error!.Message);
    }

    [Fact]
    public void Verify_ScopeDateDiffers_DateMismatch()
    {
        var request = Request(scope: "20150831/us-east-1/iam/aws4_request");

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam);

        Assert.Equal("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.", error!.Message);
    }

    [Fact]
    public void Parse_NoAuthentication_MissingAuthenticationToken()
    {
        var request = new SignedRequest("POST", "/", string.Empty, [new("Host", "localhost")], []);

        Assert.Null(SigV4Parser.Parse(request, out var error));
        Assert.Equal("MissingAuthenticationToken", error!.Code);
    }

    [Fact]
    public void Parse_HeaderWithoutSignature_IncompleteSignature()
    {
        var request = new SignedRequest("POST", "/", string.Empty,
            [new("Host", "localhost"), new("X-Amz-Date", "20150830T123600Z"), new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host")], []);

        Assert.Null(SigV4Parser.Parse(request, out var error));
        Assert.Equal("IncompleteSignature", error!.Code);
        Assert.StartsWith("Authorization header requires 'Signature' parameter.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PresignedUrl_ValidUntilExpiry()
    {
        var query = "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host";
        var unsigned = new SignedRequest("GET", "/", query, [new("Host", "iam.amazonaws.com")], []);
        var credential = new SigV4Credential("AKIDEXAMPLE", "20150830", "us-east-1", "iam", "aws4_request", ["host"], string.Empty, "20150830T123600Z", null, Presigned: true, ExpiresSeconds: 60);
        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(unsigned, credential), credential, "20150830T123600Z", Secret);
        var signed = new SignedRequest("GET", "/", query + "&X-Amz-Signature=" + signature, [new("Host", "iam.amazonaws.com")], []);

        Assert.Null(SigV4Verifier.Verify(signed, Parse(signed), Secret, SignedAt.AddSeconds(30), Iam));
        Assert.StartsWith("Signature expired", SigV4Verifier.Verify(signed, Parse(signed), Secret, SignedAt.AddSeconds(61), Iam)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CredentialTwice_IncompleteSignatureNotException()
    {
        var request = new SignedRequest("POST", "/", string.Empty,
        [
            new("Host", "localhost"), new("X-Amz-Date", "20150830T123600Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, Credential=B/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00"),
        ], []);

        Assert.Null(SigV4Parser.Parse(request, out var error));
        Assert.Equal("IncompleteSignature", error!.Code);
    }

    [Fact]
    public void Parse_HostNotSigned_IncompleteSignature()
    {
        var request = new SignedRequest("POST", "/", string.Empty,
            [new("Host", "localhost"), new("X-Amz-Date", "20150830T123600Z"), new("Authorization", "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/iam/aws4_request, SignedHeaders=x-amz-date, Signature=00")], []);

        Assert.Null(SigV4Parser.Parse(request, out var error));
        Assert.Equal("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", error!.Message);
    }

    [Theory]
    [InlineData("2147483647", "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")]
    [InlineData("99999999999999999999", "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")]
    [InlineData("604801", "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")]
    [InlineData("0", "X-Amz-Expires must be non-negative")]
    [InlineData("-5", "X-Amz-Expires must be non-negative")]
    [InlineData("abc", "X-Amz-Expires should be a number")]
    [InlineData("", "X-Amz-Expires should be a number")]
    [InlineData("60s", "X-Amz-Expires should be a number")]
    [InlineData("+60", "X-Amz-Expires should be a number")]
    [InlineData(" 60", "X-Amz-Expires should be a number")]
    public void Parse_PresignedExpiresMalformedOrOutOfRange_Refused(string expires, string message)
    {
        var query = "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request"
            + $"&X-Amz-Date=20150830T123600Z&X-Amz-Expires={FormEncoding.Encode(expires)}&X-Amz-SignedHeaders=host&X-Amz-Signature=00";

        Assert.Null(SigV4Parser.Parse(new SignedRequest("GET", "/", query, [new("Host", "iam.amazonaws.com")], []), out var error));
        Assert.Equal("AuthorizationQueryParametersError", error!.Code);
        Assert.Equal(400, error.Status);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("604800", 604800)]
    [InlineData("0060", 60)]
    public void Parse_PresignedExpiresInRange_Read(string expires, int seconds)
    {
        var query = "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request"
            + $"&X-Amz-Date=20150830T123600Z&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=00";

        Assert.Equal(seconds, SigV4Parser.Parse(new SignedRequest("GET", "/", query, [new("Host", "iam.amazonaws.com")], []), out _)!.ExpiresSeconds);
    }

    [Fact]
    public void Verify_PresignedDatedInTheFarFuture_NotYetCurrentNotOverflow()
    {
        var query = "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F99991231%2Fus-east-1%2Fiam%2Faws4_request"
            + "&X-Amz-Date=99991231T235959Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
        var request = new SignedRequest("GET", "/", query, [new("Host", "iam.amazonaws.com")], []);

        var error = SigV4Verifier.Verify(request, Parse(request), Secret, SignedAt, Iam);

        Assert.StartsWith("Signature not yet current", error!.Message, StringComparison.Ordinal);
    }

    /// <summary>A POST signed with the documented secret for another region or service.</summary>
    private static (SignedRequest Request, SigV4Credential Credential) SignedFor(string region, string service)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "sts.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z") };
        var credential = new SigV4Credential("AKIDEXAMPLE", "20150830", region, service, "aws4_request", ["host", "x-amz-date"], string.Empty, "20150830T123600Z", null, Presigned: false, ExpiresSeconds: null);
        var unsigned = new SignedRequest("POST", "/", string.Empty, headers, "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray());
        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(unsigned, credential), credential, "20150830T123600Z", Secret);
        headers.Add(new("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{credential.Scope}, SignedHeaders=host;x-amz-date, Signature={signature}"));
        var request = new SignedRequest("POST", "/", string.Empty, headers, unsigned.Body);
        return (request, Parse(request));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b~c", "a%2Bb~c")]
    [InlineData("é", "%C3%A9")]
    public void Encode_Rfc3986_UpperHex(string text, string expected)
    {
        Assert.Equal(expected, FormEncoding.Encode(text));
        Assert.Equal(text, FormEncoding.Decode(expected));
    }
}
