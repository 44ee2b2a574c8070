using LocalIam.Iam.Authorization;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Simulation;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Authorization;

/// <summary>
/// A request signed in another partition (aws-cn) is decided on its own ARNs, and an explicit deny
/// written with the stored aws ARNs still holds: switching partition escapes no Deny.
/// </summary>
public abstract class PartitionAuthorizationStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string Account = TestStore.AccountId;
    private static readonly string BossArn = $"arn:aws:iam::{Account}:user/admins/boss";

    /// <summary>The editor, its policy stored through the partition its ARNs name.</summary>
    private async Task<AuthenticatedPrincipal> EditorAsync(string document, string partition, string writtenIn = "aws")
    {
        var user = await S.Users.CreateAsync(S.Root, "editor");
        await S.InlinePolicies.PutAsync(S.Root with { Partition = writtenIn }, OwnerKind.User, "editor", "p", document);
        return new AuthenticatedPrincipal(Principal.User(Account, "editor"), UserId: user.Id) { Partition = partition };
    }

    private async Task<AuthorizationResult> DecideAsync(AuthenticatedPrincipal who, string action, string resource, RequestContext? context = null) =>
        await S.Get<IamAuthorizer>().AuthorizeAsync(who, action, resource, PrincipalContextKeys.AddTo(context ?? new RequestContext(), who.Principal),
            cancellationToken: TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("aws")]
    [InlineData("aws-cn")]
    [InlineData("aws-us-gov")]
    public async Task DenyOnAnAwsArn_RequestOfAnyPartition_ExplicitDeny(string partition)
    {
        var who = await EditorAsync($$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"},
              {"Effect":"Deny","Action":"iam:*","Resource":"{{BossArn}}"}]}
            """, partition);

        var result = await DecideAsync(who, "iam:CreateAccessKey", BossArn);

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Equal($"arn:{partition}:iam::{Account}:user/editor", result.Request.Principal.Arn);
        Assert.Equal($"arn:{partition}:iam::{Account}:user/admins/boss", result.Request.Resource);
    }

    [Fact]
    public async Task DenyOnAnAwsPolicyArnCondition_RequestSignedInAwsCn_ExplicitDeny()
    {
        var who = await EditorAsync("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*"},
              {"Effect":"Deny","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/AdministratorAccess"}}}]}
            """, "aws-cn");
        var context = new RequestContext().Set("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess");

        var result = await DecideAsync(who, "iam:AttachUserPolicy", $"arn:aws:iam::{Account}:user/editor", context);

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_AskedFromAwsCn_TheDenyOnTheAwsArnAsEnforced()
    {
        await EditorAsync($$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"},
              {"Effect":"Deny","Action":"iam:*","Resource":"{{BossArn}}"}]}
            """, "aws-cn");

        var page = await S.Get<PolicySimulator>().ForPrincipalAsync(S.Root with { Partition = "aws-cn" }, $"arn:aws:iam::{Account}:user/editor",
            new SimulationInput { ActionNames = ["iam:CreateAccessKey"], ResourceArns = [$"arn:aws-cn:iam::{Account}:user/admins/boss", $"arn:aws-cn:iam::{Account}:user/other"] });

        Assert.Equal([Decision.ExplicitDeny, Decision.Allowed], page.Results.Select(r => r.Decision.Decision));
        Assert.Equal($"arn:aws-cn:iam::{Account}:user/admins/boss", page.Results[0].Decision.Request.Resource);
    }

    [Fact]
    public async Task AllowOnAnAwsCnArn_RequestSignedInAwsCn_Allowed()
    {
        var who = await EditorAsync($$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws-cn:iam::{{Account}}:user/${aws:username}"}]}
            """, "aws-cn", writtenIn: "aws-cn");

        var result = await DecideAsync(who, "iam:GetUser", $"arn:aws:iam::{Account}:user/editor");

        Assert.True(result.IsAllowed);
    }
}

public sealed class SqlitePartitionAuthorizationStoreTests() : PartitionAuthorizationStoreTests(Backend.Sqlite);

public sealed class PostgresPartitionAuthorizationStoreTests() : PartitionAuthorizationStoreTests(Backend.Postgres);
