using LocalIam.Iam.Errors;
using LocalIam.Iam.Federation;
using LocalIam.Iam.OpenIdConnect;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Tests.Federation;

/// <summary>
/// The federation calls as a caller over the wire sends them: ARNs naming no account get STS's "no
/// provider" answers, and a trust policy's Deny written with aws ARNs holds in another partition.
/// </summary>
public sealed class FederatedSessionsTests : IAsyncLifetime
{
    private const string Issuer = "https://idp.example.com";

    private readonly TestIdentityProvider _idp = TestIdentityProvider.Create();
    private TestStore _store = null!;

    public async ValueTask InitializeAsync() => _store = await TestStore.CreateAsync(Backend.Sqlite);

    public async ValueTask DisposeAsync()
    {
        _idp.Dispose();
        await _store.DisposeAsync();
    }

    private FederatedSessions Sessions => _store.Get<FederatedSessions>();

    [Fact]
    public async Task WebIdentity_RoleOfTheAwsAccount_NoProviderNamedByTheIssuerOnly()
    {
        var token = _idp.IssueToken(Issuer, "subject-1", ["sts.amazonaws.com"], DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<IamException>(() =>
            Sessions.AssumeRoleWithWebIdentityAsync(new WebIdentityInput("arn:aws:iam::aws:role/web", "ses", token, null, [], null), new RequestContext()));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal($"No OpenIDConnect provider found in your account for {Issuer}", error.Message);
    }

    [Fact]
    public async Task Saml_ProviderOfTheAwsAccount_SpecifiedProviderDoesNotExist()
    {
        var error = await Assert.ThrowsAsync<IamException>(() => Sessions.AssumeRoleWithSamlAsync(
            new SamlInput("arn:aws:iam::aws:role/saml", "arn:aws:iam::aws:saml-provider/Idp", "PHNhbWxwOlJlc3BvbnNlLz4=", null, [], null), new RequestContext()));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal("Specified provider doesn't exist", error.Message);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("aws-cn")]
    public async Task WebIdentity_TrustDeniesTheProviderByItsAwsArn_DeniedInEveryPartition(string partition)
    {
        await _store.Get<OidcProviderService>().CreateAsync(_store.Root, Issuer, ["sts.amazonaws.com"], [_idp.Thumbprint]);
        var provider = $"arn:aws:iam::{TestStore.AccountId}:oidc-provider/idp.example.com";
        await _store.Roles.CreateAsync(_store.Root, "web", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRoleWithWebIdentity"},
              {"Effect":"Deny","Principal":{"Federated":"{{provider}}"},"Action":"sts:AssumeRoleWithWebIdentity"}]}
            """);
        var token = _idp.IssueToken(Issuer, "subject-1", ["sts.amazonaws.com"], DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromHours(1));
        // The role ARN as the wire hands it to the core: stored, with the partition it was sent in.
        var input = new WebIdentityInput($"arn:aws:iam::{TestStore.AccountId}:role/web", "ses", token, null, [], null) { Partition = partition };

        var error = await Assert.ThrowsAsync<IamException>(() => Sessions.AssumeRoleWithWebIdentityAsync(input, new RequestContext()));

        Assert.Equal(IamErrorCode.AccessDenied, error.Code);
        Assert.Equal("Not authorized to perform sts:AssumeRoleWithWebIdentity", error.Message);
    }
}
