using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;
using LocalIam.Storage.Secrets;

namespace LocalIam.Iam.Tests.Features;

public abstract class AccountFeatureStoreTests(Backend backend) : StoreTestBase(backend)
{
    private AccountFeatureService Features => S.Get<AccountFeatureService>();

    [Fact]
    public async Task OutboundFederation_EnableDisableEnable_OneIssuerAndAwsErrorsForRepeats()
    {
        await AssertIamError(IamErrorCode.FeatureDisabled, "Outbound identity federation is disabled for your account.", () => Features.OutboundFederationInfoAsync(S.Root));

        var issuer = await Features.EnableOutboundFederationAsync(S.Root);
        await AssertIamError(IamErrorCode.FeatureEnabled, "Outbound identity federation is already enabled for your account.", () => Features.EnableOutboundFederationAsync(S.Root));
        await Features.DisableOutboundFederationAsync(S.Root);
        var disabled = await Features.OutboundFederationInfoAsync(S.Root);
        await AssertIamError(IamErrorCode.FeatureDisabled, "Outbound identity federation is disabled for your account.", () => Features.DisableOutboundFederationAsync(S.Root));
        var again = await Features.EnableOutboundFederationAsync(S.Root);

        Assert.Matches("^https://[0-9a-f-]{36}\\.tokens\\.sts\\.global\\.api\\.aws$", issuer);
        Assert.Equal(new OutboundFederationRecord(issuer, false), disabled);
        Assert.Equal(issuer, again);
    }

    [Fact]
    public async Task SetGlobalEndpointTokenVersion_V2ThenV1_AccountSummaryFollows()
    {
        async Task<int> Version() => (await S.Get<AccountInfoService>().SummaryAsync(S.Root)).Single(e => e.Key == "GlobalEndpointTokenVersion").Value;

        var before = await Version();
        await Features.SetGlobalEndpointTokenVersionAsync(S.Root, "v2Token");
        await Features.SetGlobalEndpointTokenVersionAsync(S.Root, "v2Token");
        var v2 = await Version();
        await Features.SetGlobalEndpointTokenVersionAsync(S.Root, "v1Token");

        Assert.Equal((1, 2, 1), (before, v2, await Version()));
    }

    [Fact]
    public async Task WebIdentityToken_Es384_SignedByTheKeyTheJwksPublishes()
    {
        var issuer = await Features.EnableOutboundFederationAsync(S.Root);
        var user = await S.Users.CreateAsync(S.Root, "app");
        var who = new AuthenticatedPrincipal(Principal.User(TestStore.AccountId, "app"), UserId: user.Id);

        var issued = await S.Get<WebIdentityTokenService>().IssueAsync(who, ["https://api.example.com"], 300, "ES384");

        var parts = issued.Token.Split('.');
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        Assert.Equal(issuer, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal($"arn:aws:iam::{TestStore.AccountId}:user/app", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("https://api.example.com", claims.RootElement.GetProperty("aud").GetString());
        using var jwks = JsonDocument.Parse(await S.Get<WebIdentityTokenService>().JwksAsync(TestStore.AccountId));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = FromBase64Url(key.GetProperty("x").GetString()!), Y = FromBase64Url(key.GetProperty("y").GetString()!) },
        });
        Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA384,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task WebIdentityToken_AskedFromAwsCn_SubjectInAwsCn()
    {
        await Features.EnableOutboundFederationAsync(S.Root);
        var user = await S.Users.CreateAsync(S.Root, "app");
        var who = new AuthenticatedPrincipal(Principal.User(TestStore.AccountId, "app"), UserId: user.Id) { Partition = "aws-cn" };

        var issued = await S.Get<WebIdentityTokenService>().IssueAsync(who, ["aud"], 300, "RS256");

        using var claims = JsonDocument.Parse(FromBase64Url(issued.Token.Split('.')[1]));
        Assert.Equal($"arn:aws-cn:iam::{TestStore.AccountId}:user/app", claims.RootElement.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task WebIdentityToken_FederationDisabled_AwsError()
    {
        var who = new AuthenticatedPrincipal(Principal.User(TestStore.AccountId, "app"));

        await AssertIamError(IamErrorCode.OutboundWebIdentityFederationDisabledException,
            "The outbound web identity federation feature is not enabled for this account.",
            () => S.Get<WebIdentityTokenService>().IssueAsync(who, ["aud"], 300, "RS256"));
    }

    [Fact]
    public async Task ServiceAccess_UserWithOwnAndGroupPolicies_EachServiceItsPolicies()
    {
        await S.Users.CreateAsync(S.Root, "bob");
        await S.Groups.CreateAsync(S.Root, "readers");
        await S.Groups.AddUserAsync(S.Root, "readers", "bob");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "readers", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "bob", "ec2-only", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}""");

        var grants = await S.Get<ServiceAccessService>().ListAsync(S.Root, $"arn:aws:iam::{TestStore.AccountId}:user/bob", ["s3", "ec2", "iam"]);

        Assert.Equal(["s3", "ec2", "iam"], grants.Select(g => g.ServiceNamespace));
        Assert.Equal([new GrantingPolicy("AmazonS3ReadOnlyAccess", true, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", null, null)], grants[0].Policies);
        Assert.Equal([new GrantingPolicy("ec2-only", false, null, OwnerKind.User, "bob")], grants[1].Policies);
        Assert.Empty(grants[2].Policies);
    }

    [Fact]
    public async Task ServiceAccess_MissingOrMalformedEntity_NoSuchEntityOrInvalidInput()
    {
        var service = S.Get<ServiceAccessService>();

        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name ghost cannot be found.",
            () => service.ListAsync(S.Root, $"arn:aws:iam::{TestStore.AccountId}:role/ghost", ["s3"]));
        await AssertIamError(IamErrorCode.InvalidInput, "ARN arn:aws:s3:::bucket is not valid.", () => service.ListAsync(S.Root, "arn:aws:s3:::bucket", ["s3"]));
    }

    [Fact]
    public async Task AccessKeyInfo_KeyOfThisServer_ItsAccount()
    {
        var key = await S.AccessKeys.CreateAsync(S.Root, null);

        Assert.Equal(TestStore.AccountId, await S.Get<AccessKeyAccounts>().OwnerAccountAsync(key.Key.Id));
    }

    [Fact]
    public void AuthorizationMessage_RoundTrip_DecodedInAwsFormWithExplanation()
    {
        var messages = S.Get<AuthorizationMessages>();
        var denial = Denial();

        var decoded = JsonDocument.Parse(messages.Decode(messages.Encode(denial, "AIDAEXAMPLE"), TestStore.AccountId)).RootElement;

        Assert.False(decoded.GetProperty("allowed").GetBoolean());
        Assert.False(decoded.GetProperty("explicitDeny").GetBoolean());
        Assert.Equal("iam:CreateUser", decoded.GetProperty("context").GetProperty("action").GetString());
        Assert.Equal($"arn:aws:iam::{TestStore.AccountId}:user/bob", decoded.GetProperty("context").GetProperty("principal").GetProperty("arn").GetString());
        Assert.Equal("AIDAEXAMPLE", decoded.GetProperty("context").GetProperty("principal").GetProperty("id").GetString());
        Assert.Equal(denial.Explanation, decoded.GetProperty("localIam").GetProperty("explanation").GetString());
    }

    [Fact]
    public void AuthorizationMessage_AlteredOtherAccountOrOtherServer_InvalidAuthorizationMessage()
    {
        var messages = S.Get<AuthorizationMessages>();
        var encoded = messages.Encode(Denial(), null);
        var altered = (encoded[10] == 'A' ? "B" : "A") is var c ? encoded[..10] + c + encoded[11..] : encoded;
        var otherServer = new AuthorizationMessages(new SecretProtector(RandomNumberGenerator.GetBytes(32)), TimeProvider.System);

        Assert.Equal(IamErrorCode.InvalidAuthorizationMessageException, Assert.Throws<IamException>(() => messages.Decode(altered, TestStore.AccountId)).Code);
        Assert.Equal(IamErrorCode.InvalidAuthorizationMessageException, Assert.Throws<IamException>(() => messages.Decode(encoded, "444455556666")).Code);
        Assert.Equal(IamErrorCode.InvalidAuthorizationMessageException, Assert.Throws<IamException>(() => otherServer.Decode(encoded, TestStore.AccountId)).Code);
        Assert.Equal(IamErrorCode.InvalidAuthorizationMessageException, Assert.Throws<IamException>(() => messages.Decode("not a message\n", TestStore.AccountId)).Code);
    }

    private static AuthorizationResult Denial() => new(
        new AuthorizationRequest(Principal.User(TestStore.AccountId, "bob"), "iam:CreateUser", $"arn:aws:iam::{TestStore.AccountId}:user/alice"),
        Decision.ImplicitDeny, DecisionReason.NoIdentityPolicyAllows, PolicyType.Identity, null, null);

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}

public sealed class SqliteAccountFeatureStoreTests() : AccountFeatureStoreTests(Backend.Sqlite);

public sealed class PostgresAccountFeatureStoreTests() : AccountFeatureStoreTests(Backend.Postgres);
