using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// What no well-behaved client sends: unsigned requests, broken Authorization headers, a body
/// changed after signing (the AWS SDK for .NET signs; a handler tampers). And the .NET STS client.
/// </summary>
public sealed class WireErrorTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private static readonly BasicAWSCredentials Root = new(LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    [Fact]
    public async Task GetCallerIdentity_DotNetSdk_RootArn()
    {
        using var sts = Client(null);

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(LocalIamServer.AccountId, identity.Account);
        Assert.Equal($"arn:aws:iam::{LocalIamServer.AccountId}:root", identity.Arn);
    }

    [Fact]
    public async Task GetCallerIdentity_BodyChangedAfterSigning_SignatureDoesNotMatch()
    {
        using var sts = Client(new TamperingHandler());

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(
            () => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Post_Unsigned_MissingAuthenticationToken()
    {
        var (status, body) = await PostAsync("Action=ListUsers&Version=2010-05-08", null);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", body, StringComparison.Ordinal);
        Assert.Contains("<Type>Sender</Type>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AuthorizationWithoutSignature_IncompleteSignature()
    {
        var (status, body) = await PostAsync("Action=ListUsers&Version=2010-05-08",
            "AWS4-HMAC-SHA256 Credential=AKIAE2EROOTKEY000001/20261128/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>IncompleteSignature</Code>", body, StringComparison.Ordinal);
        Assert.Contains("Authorization header requires &apos;Signature&apos; parameter.", body.Replace("'", "&apos;", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoAction_MissingAction()
    {
        var (status, body) = await PostAsync("Version=2010-05-08", null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>MissingAction</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_RequestEntityTooLargeInAwsEnvelope()
    {
        var (status, body) = await PostAsync("Action=ListUsers&Version=2010-05-08&Pad=" + new string('a', 3 * 1024 * 1024), null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("<Code>RequestEntityTooLarge</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PresignedByBotocore_Accepted()
    {
        // The AWS CLI v2's own signer (botocore, vendored as awscli.botocore) presigns a GET ListUsers URL for 60 seconds.
        var script = $"""
            import awscli
            from botocore.auth import SigV4QueryAuth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            r = AWSRequest(method='GET', url='{server.Endpoint}/?Action=ListUsers&Version=2010-05-08')
            SigV4QueryAuth(Credentials('{LocalIamServer.RootAccessKeyId}', '{LocalIamServer.RootSecret}'), 'iam', 'us-east-1', expires=60).add_auth(r)
            print(r.url)
            """;
        var url = await Botocore.RunAsync(script);

        using var http = new HttpClient();
        using var response = await http.GetAsync(url.Trim(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<ListUsersResponse", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private AmazonSecurityTokenServiceClient Client(DelegatingHandler? handler)
    {
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        if (handler is not null)
        {
            config.HttpClientFactory = new HandlerFactory(handler);
        }

        return new AmazonSecurityTokenServiceClient(Root, config);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string form, string? authorization)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint + "/")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Amz-Date", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Changes the body after the SDK signed it, as a man in the middle would.</summary>
    private sealed class TamperingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var headers = request.Content.Headers.ToList();
            request.Content = new StringContent(body.Replace("GetCallerIdentity", "GetCallerIdentitx", StringComparison.Ordinal));
            foreach (var header in headers.Where(h => h.Key != "Content-Length"))
            {
                request.Content.Headers.Remove(header.Key);
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class HandlerFactory(DelegatingHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            handler.InnerHandler = new HttpClientHandler();
            return new HttpClient(handler);
        }
    }
}
