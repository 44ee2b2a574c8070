using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// IAM's account-wide operations through the AWS CLI, and those its version lacks signed by its
/// botocore: the token version, policies granting service access, and a stand-alone account's
/// answers for the Organizations features, outbound federation and delegation requests.
/// </summary>
public sealed class CliAccountFeatureTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SetSecurityTokenServicePreferences_V2Token_AccountSummaryReportsVersion2()
    {
        await _root.OkAsync("iam", "set-security-token-service-preferences", "--global-endpoint-token-version", "v2Token");

        var summary = (await _root.OkAsync("iam", "get-account-summary")).GetProperty("SummaryMap");

        Assert.Equal(2, summary.GetProperty("GlobalEndpointTokenVersion").GetInt32());
    }

    [Fact]
    public async Task SetSecurityTokenServicePreferences_UnknownVersion_ValidationError()
    {
        await _root.FailsAsync("ValidationError", "iam", "set-security-token-service-preferences", "--global-endpoint-token-version", "v3Token");
    }

    [Fact]
    public async Task ListPoliciesGrantingServiceAccess_RoleWithManagedAndInline_PerServiceAnswer()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "app", "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "app", "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        await _root.OkAsync("iam", "put-role-policy", "--role-name", "app", "--policy-name", "queues", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}""");

        var answer = await _root.OkAsync("iam", "list-policies-granting-service-access", "--arn", $"arn:aws:iam::{Account}:role/app", "--service-namespaces", "s3", "sqs", "iam");

        var services = answer.GetProperty("PoliciesGrantingServiceAccess");
        Assert.Equal(3, services.GetArrayLength());
        var s3 = services[0].GetProperty("Policies")[0];
        Assert.Equal(("s3", "AmazonS3ReadOnlyAccess", "MANAGED"), (services[0].GetProperty("ServiceNamespace").GetString(), s3.GetProperty("PolicyName").GetString(), s3.GetProperty("PolicyType").GetString()));
        var sqs = services[1].GetProperty("Policies")[0];
        Assert.Equal(("queues", "INLINE", "ROLE", "app"),
            (sqs.GetProperty("PolicyName").GetString(), sqs.GetProperty("PolicyType").GetString(), sqs.GetProperty("EntityType").GetString(), sqs.GetProperty("EntityName").GetString()));
        Assert.Equal(0, services[2].GetProperty("Policies").GetArrayLength());
        Assert.False(answer.GetProperty("IsTruncated").GetBoolean());
    }

    [Fact]
    public async Task ListPoliciesGrantingServiceAccess_MissingUser_NoSuchEntity()
    {
        await _root.FailsAsync("NoSuchEntity", "iam", "list-policies-granting-service-access", "--arn", $"arn:aws:iam::{Account}:user/ghost", "--service-namespaces", "s3");
    }

    [Fact]
    public async Task GenerateOrganizationsAccessReport_StandAloneAccount_OrganizationNotFound()
    {
        await _root.FailsAsync("OrganizationNotFoundException", "iam", "generate-organizations-access-report", "--entity-path", "o-a1b2c3d4e5/r-f6g7h8i9j0");
    }

    [Theory]
    [InlineData("ListOrganizationsFeatures")]
    [InlineData("EnableOrganizationsRootCredentialsManagement")]
    [InlineData("EnableOrganizationsRootSessions")]
    [InlineData("DisableOrganizationsRootSessions")]
    public async Task OrganizationsFeatures_StandAloneAccount_OrganizationNotFound(string action)
    {
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, System.Text.Encoding.ASCII.GetBytes($"Action={action}&Version=2010-05-08"));

        Assert.Equal(400, status);
        Assert.Contains("<Code>OrganizationNotFoundException</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutboundWebIdentityFederation_Lifecycle_InfoFollowsAndRepeatsRefused()
    {
        var (neverStatus, _) = await PostAsync("GetOutboundWebIdentityFederationInfo");
        var (enableStatus, enabled) = await PostAsync("EnableOutboundWebIdentityFederation");
        var (againStatus, again) = await PostAsync("EnableOutboundWebIdentityFederation");
        var (_, info) = await PostAsync("GetOutboundWebIdentityFederationInfo");
        var (disableStatus, _) = await PostAsync("DisableOutboundWebIdentityFederation");
        var (_, infoOff) = await PostAsync("GetOutboundWebIdentityFederationInfo");

        Assert.Equal((404, 200, 409, 200), (neverStatus, enableStatus, againStatus, disableStatus));
        Assert.Contains("<Code>FeatureEnabled</Code>", again, StringComparison.Ordinal);
        Assert.Contains("<JwtVendingEnabled>true</JwtVendingEnabled>", info, StringComparison.Ordinal);
        Assert.Contains("<JwtVendingEnabled>false</JwtVendingEnabled>", infoOff, StringComparison.Ordinal);
        var issuer = System.Xml.Linq.XDocument.Parse(enabled).Descendants().Single(e => e.Name.LocalName == "IssuerIdentifier").Value;
        Assert.Contains($"<IssuerIdentifier>{issuer}</IssuerIdentifier>", infoOff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DelegationRequests_NoneExist_EmptyListAndNoSuchEntity()
    {
        var (listStatus, list) = await PostAsync("ListDelegationRequests");
        var (getStatus, get) = await PostAsync("GetDelegationRequest", "&DelegationRequestId=dr-0123456789abcdef");
        var (summaryStatus, summary) = await PostAsync("GetHumanReadableSummary", $"&EntityArn=arn%3Aaws%3Aiam%3A%3A{Account}%3Arole%2Fapp");

        Assert.Equal((200, 404, 200), (listStatus, getStatus, summaryStatus));
        Assert.Contains("<isTruncated>false</isTruncated>", list, StringComparison.Ordinal);
        Assert.Contains("<Code>NoSuchEntity</Code>", get, StringComparison.Ordinal);
        Assert.Contains("<SummaryState>NOT_SUPPORTED</SummaryState>", summary, StringComparison.Ordinal);
    }

    private Task<(int Status, string Body)> PostAsync(string action, string parameters = "") =>
        Botocore.PostSignedAsync(server.Endpoint, System.Text.Encoding.ASCII.GetBytes($"Action={action}&Version=2010-05-08{parameters}"));
}
