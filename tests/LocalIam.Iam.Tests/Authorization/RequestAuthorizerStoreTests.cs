using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Tests.Support;
using LocalIam.Iam.Users;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Iam.Tests.Authorization;

/// <summary>
/// The request authorizer as the server composes it (<see cref="LocalIamCore.AddLocalIamCore"/>):
/// a request is decided from the shared account snapshot, the principal's policies and the stored
/// entity it acts on alike, in the same queries however many policies reach the principal, and a
/// change through another node on the same database is enforced on the next request.
/// </summary>
public abstract class RequestAuthorizerStoreTests(Backend backend) : StoreTestBase(backend)
{
    [Fact]
    public async Task FirstDenial_UserInTenGroupsWithTwentyPolicies_SameQueriesAsUserWithNone()
    {
        var busy = await S.Users.CreateAsync(S.Root, "busy", tags: [new TagInput("team", "red")]);
        var idle = await S.Users.CreateAsync(S.Root, "idle");
        for (var i = 0; i < 10; i++)
        {
            await S.Groups.CreateAsync(S.Root, $"group-{i}");
            await S.Groups.AddUserAsync(S.Root, $"group-{i}", "busy");
            var policy = await S.Policies.CreateAsync(S.Root, $"policy-{i}", Allow($"s3:GetObject{i}"));
            await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, $"group-{i}", policy.Arn);
            await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Group, $"group-{i}", $"inline-{i}", Allow(i == 9 ? "iam:GetUser" : $"s3:PutObject{i}"));
        }

        var counter = new QueryCounter();
        await using var node = Node(new IamStore(S.Store.Location, [counter]));
        var authorizer = node.GetRequiredService<RequestAuthorizer>();

        // The first request at a revision loads the snapshot; every later one at it reads nothing.
        counter.Reset();
        var busyFirst = await DenialAsync(authorizer, busy, "iam:GetUser", ResourceName.Named("user", "BUSY"));
        var loadQueries = counter.Count;
        counter.Reset();
        var busyAgain = await DenialAsync(authorizer, busy, "iam:GetUser", ResourceName.Named("user", "idle"));
        var idleDenial = await DenialAsync(authorizer, idle, "iam:GetUser", ResourceName.Named("user", "busy"));
        var warmQueries = counter.Count;

        Assert.Null(busyFirst);
        Assert.Null(busyAgain);
        Assert.Equal(Decision.ImplicitDeny, idleDenial?.Decision);
        Assert.Contains("on resource: user busy because", idleDenial!.Value.Message, StringComparison.Ordinal);
        Assert.Equal(AccountSnapshotLoader.QueryCount, loadQueries);
        Assert.Equal(0, warmQueries);
    }

    [Fact]
    public async Task FirstDenial_EntityActedOn_StoredPathAndTagsFromTheSnapshot()
    {
        var admin = await S.Users.CreateAsync(S.Root, "admin");
        await S.Users.CreateAsync(S.Root, "Boss", path: "/admins/", tags: [new TagInput("level", "top")]);
        await S.Roles.CreateAsync(S.Root, "deployer", PolicyDocs.TrustForAccount, path: "/ci/", tags: [new TagInput("env", "prod")]);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "admin", "arn:aws:iam::aws:policy/IAMFullAccess");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "admin", "guard", """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Deny","Action":"iam:DeleteUser","Resource":"arn:aws:iam::*:user/admins/*"},
              {"Effect":"Deny","Action":"iam:UpdateRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}},
              {"Effect":"Deny","Action":"iam:TagUser","Resource":"*","Condition":{"StringEquals":{"iam:ResourceTag/level":"top"}}}]}
            """);
        var authorizer = S.Get<RequestAuthorizer>();

        Assert.Equal(Decision.ExplicitDeny, (await DenialAsync(authorizer, admin, "iam:DeleteUser", ResourceName.Named("user", "boss")))?.Decision);
        Assert.Equal(Decision.ExplicitDeny, (await DenialAsync(authorizer, admin, "iam:UpdateRole", ResourceName.Named("role", "DEPLOYER")))?.Decision);
        Assert.Equal(Decision.ExplicitDeny, (await DenialAsync(authorizer, admin, "iam:TagUser", new ResourceName.EntityArn($"arn:aws:iam::{TestStore.AccountId}:user/admins/Boss")))?.Decision);
        Assert.Null(await DenialAsync(authorizer, admin, "iam:TagUser", ResourceName.Named("user", "admin")));
        Assert.Null(await DenialAsync(authorizer, admin, "iam:DeleteUser", ResourceName.Named("user", "nobody")));
    }

    [Fact]
    public async Task FirstDenial_ChangesThroughAnotherNode_EnforcedOnTheNextRequest()
    {
        var bob = await S.Users.CreateAsync(S.Root, "bob");
        await S.Users.CreateAsync(S.Root, "carol");
        var authorizer = S.Get<RequestAuthorizer>();
        Assert.NotNull(await DenialAsync(authorizer, bob, "iam:ListUsers", "*"));

        // A second node: its own composition root and caches, the same database.
        await using var otherNode = Node(new IamStore(S.Store.Location));
        await otherNode.GetRequiredService<AttachmentService>().AttachAsync(S.Root, OwnerKind.User, "bob", "arn:aws:iam::aws:policy/IAMFullAccess");
        Assert.Null(await DenialAsync(authorizer, bob, "iam:ListUsers", "*"));
        Assert.Null(await DenialAsync(authorizer, bob, "iam:DeleteUser", ResourceName.Named("user", "carol")));

        await otherNode.GetRequiredService<InlinePolicyService>().PutAsync(S.Root, OwnerKind.User, "bob", "no-deletes", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:DeleteUser","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/keep":"yes"}}}]}
            """);
        Assert.Null(await DenialAsync(authorizer, bob, "iam:DeleteUser", ResourceName.Named("user", "carol")));

        await otherNode.GetRequiredService<UserService>().TagAsync(S.Root, "carol", [new TagInput("keep", "yes")]);
        Assert.Equal(Decision.ExplicitDeny, (await DenialAsync(authorizer, bob, "iam:DeleteUser", ResourceName.Named("user", "carol")))?.Decision);

        await otherNode.GetRequiredService<AttachmentService>().DetachAsync(S.Root, OwnerKind.User, "bob", "arn:aws:iam::aws:policy/IAMFullAccess");
        Assert.NotNull(await DenialAsync(authorizer, bob, "iam:ListUsers", "*"));
    }

    private ServiceProvider Node(IamStore store) =>
        new ServiceCollection().AddLocalIamCore(store, S.Secrets, TimeProvider.System).BuildServiceProvider();

    /// <summary>One request, as the server runs it: the change stamp read once, in its own scope.</summary>
    private static async Task<AuthorizationResult?> DenialAsync(RequestAuthorizer authorizer, User user, string action, ResourceName resource)
    {
        using var request = IamStore.RevisionScope();
        var who = new AuthenticatedPrincipal(Principal.User(TestStore.AccountId, user.Name, user.Path), UserId: user.Id);
        var context = PrincipalContextKeys.AddTo(new RequestContext(), who.Principal);
        return await authorizer.FirstDenialAsync(who, [new AuthorizationCheck(action, resource)], context, TestContext.Current.CancellationToken);
    }

    private static string Allow(string action) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""";
}

public sealed class SqliteRequestAuthorizerStoreTests() : RequestAuthorizerStoreTests(Backend.Sqlite);

public sealed class PostgresRequestAuthorizerStoreTests() : RequestAuthorizerStoreTests(Backend.Postgres);
