using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Caching;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Tests.Support;
using LocalIam.Iam.Users;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Authorization;

/// <summary>
/// The account snapshot: read in a fixed number of queries, shared by every principal, compiled
/// policies reused across principals and revisions, principal-dependent statements still decided
/// per principal, and a change through another node seen on the next decision.
/// </summary>
public abstract class AccountSnapshotStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string ReadOnlyArn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";

    [Fact]
    public async Task Authorize_UserInTenGroupsWithTwentyPolicies_SameQueriesAsUserWithNone()
    {
        var busy = await S.Users.CreateAsync(S.Root, "busy");
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
        var store = new IamStore(S.Store.Location, [counter]);
        var authorizer = new IamAuthorizer(store, new PrincipalPolicyLoader(new AccountSnapshots(store)));

        var (busyQueries, busyAllowed) = await QueriesToAuthorizeAsync(authorizer, counter, busy);
        var (idleQueries, idleAllowed) = await QueriesToAuthorizeAsync(authorizer, counter, idle);

        Assert.True(busyAllowed);
        Assert.False(idleAllowed);
        Assert.Equal(AccountSnapshotLoader.QueryCount, busyQueries);
        Assert.Equal(busyQueries, idleQueries);
        Assert.Equal(20, (await authorizer.DataForAsync(Who(busy), TestContext.Current.CancellationToken)).Policies.Identity.Policies.Count);
    }

    [Fact]
    public async Task Snapshot_ThreeAdminsThenAnUnrelatedWrite_AdministratorAccessCompiledOnce()
    {
        await S.Groups.CreateAsync(S.Root, "Admins");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "Admins", AdminArn);
        var admins = new List<User>();
        foreach (var name in new[] { "admin-a", "admin-b", "admin-c" })
        {
            admins.Add(await S.Users.CreateAsync(S.Root, name));
            await S.Groups.AddUserAsync(S.Root, "Admins", name);
        }

        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "admin-c", AdminArn);
        var snapshots = new AccountSnapshots(S.Store);
        var loader = new PrincipalPolicyLoader(snapshots);

        var compiled = new List<CompiledPolicy>();
        foreach (var admin in admins)
        {
            compiled.Add(Assert.Single((await loader.ForUserAsync(TestStore.AccountId, admin.Id)).Policies.Identity.Policies));
        }

        await S.Users.CreateAsync(S.Root, "unrelated");
        var afterWrite = Assert.Single((await loader.ForUserAsync(TestStore.AccountId, admins[0].Id)).Policies.Identity.Policies);

        Assert.All(compiled, c => Assert.Same(compiled[0], c));
        Assert.Same(compiled[0], afterWrite);
        Assert.Equal(2, snapshots.Loads);
        Assert.Equal(1, snapshots.Compiled.CompiledCount);
    }

    [Fact]
    public async Task Snapshot_SharedPolicyWithVariableAndTagCondition_DecidedPerPrincipal()
    {
        const string Home = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"},
              {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}}]}
            """;
        var policy = await S.Policies.CreateAsync(S.Root, "home", Home);
        await S.Groups.CreateAsync(S.Root, "people");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "people", policy.Arn);
        var alice = await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("team", "red")]);
        var bob = await S.Users.CreateAsync(S.Root, "bob", tags: [new TagInput("team", "blue")]);
        await S.Groups.AddUserAsync(S.Root, "people", "alice");
        await S.Groups.AddUserAsync(S.Root, "people", "bob");
        var authorizer = Authorizer(new AccountSnapshots(S.Store));

        Assert.True(await AllowedAsync(authorizer, alice, "s3:GetObject", "arn:aws:s3:::bucket/home/alice/notes.txt"));
        Assert.False(await AllowedAsync(authorizer, bob, "s3:GetObject", "arn:aws:s3:::bucket/home/alice/notes.txt"));
        Assert.True(await AllowedAsync(authorizer, bob, "s3:GetObject", "arn:aws:s3:::bucket/home/bob/notes.txt"));
        Assert.True(await AllowedAsync(authorizer, alice, "s3:PutObject", "arn:aws:s3:::bucket/x"));
        Assert.False(await AllowedAsync(authorizer, bob, "s3:PutObject", "arn:aws:s3:::bucket/x"));
        Assert.Same(
            Assert.Single((await authorizer.DataForAsync(Who(alice), TestContext.Current.CancellationToken)).Policies.Identity.Policies),
            Assert.Single((await authorizer.DataForAsync(Who(bob), TestContext.Current.CancellationToken)).Policies.Identity.Policies));
    }

    [Fact]
    public async Task Snapshot_InlineReplacedAndNewDefaultVersion_NewDocumentsEnforcedOldOnesDropped()
    {
        var user = await S.Users.CreateAsync(S.Root, "dev");
        var policy = await S.Policies.CreateAsync(S.Root, "versioned", Allow("iam:GetUser"));
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "dev", policy.Arn);
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "dev", "own", Allow("iam:ListUsers"));
        var snapshots = new AccountSnapshots(S.Store);
        var authorizer = Authorizer(snapshots);
        Assert.True(await AllowedAsync(authorizer, user, "iam:GetUser", "*"));
        Assert.True(await AllowedAsync(authorizer, user, "iam:ListUsers", "*"));
        var cached = snapshots.Compiled.Count;

        await S.Policies.CreateVersionAsync(S.Root, policy.Arn, Allow("iam:ListGroups"), setAsDefault: true);
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "dev", "own", Allow("iam:ListRoles"));

        Assert.False(await AllowedAsync(authorizer, user, "iam:GetUser", "*"));
        Assert.False(await AllowedAsync(authorizer, user, "iam:ListUsers", "*"));
        Assert.True(await AllowedAsync(authorizer, user, "iam:ListGroups", "*"));
        Assert.True(await AllowedAsync(authorizer, user, "iam:ListRoles", "*"));
        Assert.Equal(cached, snapshots.Compiled.Count);
    }

    [Fact]
    public async Task Snapshot_AwsManagedPolicyInTwoStores_FromTheCatalogueCompiledOncePerProcess()
    {
        const string S3ReadArn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        await using var other = await TestStore.CreateAsync(Backend);
        var users = new List<(AccountSnapshots Snapshots, User User)>();
        foreach (var store in new[] { S, other })
        {
            var user = await store.Users.CreateAsync(store.Root, "reader", permissionsBoundary: S3ReadArn);
            await store.Attachments.AttachAsync(store.Root, OwnerKind.User, "reader", "arn:aws:iam::aws:policy/ReadOnlyAccess");
            users.Add((new AccountSnapshots(store.Store), user));
        }

        var compiled = new List<CompiledPolicy>();
        foreach (var (snapshots, user) in users)
        {
            var authorizer = Authorizer(snapshots);
            Assert.True(await AllowedAsync(authorizer, user, "s3:GetObject", "arn:aws:s3:::bucket/key"));
            Assert.False(await AllowedAsync(authorizer, user, "ec2:DescribeInstances", "*"));
            var data = await authorizer.DataForAsync(Who(user), TestContext.Current.CancellationToken);
            compiled.Add(Assert.Single(data.Policies.Identity.Policies));
            compiled.Add(Assert.Single(data.Policies.PermissionsBoundary!.Policies));
        }

        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess", S3ReadArn], compiled.Take(2).Select(c => c.Id));
        Assert.Same(compiled[0], compiled[2]);
        Assert.Same(compiled[1], compiled[3]);
    }

    [Fact]
    public async Task Snapshot_ChangeThroughAnotherNode_EnforcedOnTheNextDecision()
    {
        var user = await S.Users.CreateAsync(S.Root, "bob");
        var authorizer = Authorizer(new AccountSnapshots(S.Store));
        Assert.False(await AllowedAsync(authorizer, user, "iam:ListUsers", "*"));

        var otherNode = new IamStore(S.Store.Location);
        await new AttachmentService(otherNode, TimeProvider.System).AttachAsync(S.Root, OwnerKind.User, "bob", ReadOnlyArn);

        Assert.True(await AllowedAsync(authorizer, user, "iam:ListUsers", "*"));
    }

    [Fact]
    public async Task Snapshot_UserCreatedAfterTheRequestReadTheStamp_FoundWithItsPolicies()
    {
        var snapshots = new AccountSnapshots(S.Store);
        var loader = new PrincipalPolicyLoader(snapshots);
        _ = await snapshots.CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken);
        var otherNode = new IamStore(S.Store.Location);

        using (IamStore.RevisionScope())
        {
            await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);

            // Another request, as the authenticator would find the new user's key after this one read the stamp.
            var created = await Task.Run(async () =>
            {
                using var other = IamStore.RevisionScope();
                var user = await new UserService(otherNode, TimeProvider.System, new RevisionCache(otherNode)).CreateAsync(S.Root, "newcomer");
                await new AttachmentService(otherNode, TimeProvider.System).AttachAsync(S.Root, OwnerKind.User, "newcomer", ReadOnlyArn);
                return user;
            }, TestContext.Current.CancellationToken);

            var data = await loader.ForUserAsync(TestStore.AccountId, created.Id);

            Assert.Equal(ReadOnlyArn, Assert.Single(data.Sources.Keys));
        }
    }

    [Fact]
    public async Task Snapshot_Contents_AsStored()
    {
        await S.Groups.CreateAsync(S.Root, "b-group", path: "/teams/");
        await S.Groups.CreateAsync(S.Root, "A-group");
        await S.Users.CreateAsync(S.Root, "Carol", path: "/people/", permissionsBoundary: ReadOnlyArn, tags: [new TagInput("team", "red"), new TagInput("Cost", "7")]);
        await S.Groups.AddUserAsync(S.Root, "b-group", "carol");
        await S.Groups.AddUserAsync(S.Root, "a-group", "carol");
        await S.Roles.CreateAsync(S.Root, "deployer", PolicyDocs.TrustForAccount, path: "/ci/", maxSessionDuration: 7200, permissionsBoundary: AdminArn, tags: [new TagInput("env", "prod")]);
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, "deployer", "deploy", PolicyDocs.ListBuckets);
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: true);

        var snapshot = await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken);

        Assert.Equal(await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken), snapshot.Revision);
        Assert.True(snapshot.Settings.IamUserAccessToBilling);
        var carol = Assert.Single(snapshot.Users);
        Assert.Equal(("Carol", "/people/", $"arn:aws:iam::{TestStore.AccountId}:user/people/Carol"), (carol.Name, carol.Path, carol.Arn));
        Assert.Equal(["A-group", "b-group"], carol.Groups.Select(g => g.Name));
        Assert.Equal(ReadOnlyArn, carol.Boundary?.Policy.Arn);
        Assert.Equal([new("Cost", "7"), new KeyValuePair<string, string>("team", "red")], carol.Tags);
        Assert.Same(carol, snapshot.UserNamed("CAROL"));
        var role = Assert.Single(snapshot.Roles);
        Assert.Equal((7200, AdminArn, "prod"), (role.MaxSessionDuration, role.Boundary?.Policy.Arn, role.Tags.Single().Value));
        Assert.Equal(PolicyDocs.TrustForAccount, role.Trust.Document);
        Assert.Equal($"arn:aws:iam::{TestStore.AccountId}:role/ci/deployer/trust", role.Trust.Compiled.Id);
        Assert.Equal("deploy", Assert.Single(role.InlinePolicies).Name);
        Assert.Equal([AdminArn, ReadOnlyArn], snapshot.ManagedPolicies.Keys.Order(StringComparer.Ordinal));
    }

    private static IamAuthorizer Authorizer(AccountSnapshots snapshots) => new(snapshots.Store, new PrincipalPolicyLoader(snapshots));

    private static AuthenticatedPrincipal Who(User user) => new(Principal.User(TestStore.AccountId, user.Name, user.Path), UserId: user.Id);

    private static async Task<bool> AllowedAsync(IamAuthorizer authorizer, User user, string action, string resource)
    {
        var who = Who(user);
        var context = PrincipalContextKeys.AddTo(new RequestContext(), who.Principal);
        return (await authorizer.AuthorizeAsync(who, action, resource, context, cancellationToken: TestContext.Current.CancellationToken)).IsAllowed;
    }

    private async Task<(int Queries, bool Allowed)> QueriesToAuthorizeAsync(IamAuthorizer authorizer, QueryCounter counter, User user)
    {
        // A real change moves the stamp, so the decision below reads the account afresh.
        await S.Accounts.CreateAliasAsync(S.Root, $"alias-{Guid.NewGuid():N}"[..20]);
        counter.Reset();
        var allowed = await AllowedAsync(authorizer, user, "iam:GetUser", "*");
        return (counter.Count, allowed);
    }

    private static string Allow(string action) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""";
}

public sealed class SqliteAccountSnapshotStoreTests() : AccountSnapshotStoreTests(Backend.Sqlite);

public sealed class PostgresAccountSnapshotStoreTests() : AccountSnapshotStoreTests(Backend.Postgres);
