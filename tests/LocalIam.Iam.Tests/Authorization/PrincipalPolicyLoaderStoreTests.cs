using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Authorization;

/// <summary>
/// From the store into the authorizer, with accounts shaped as people have them: one managed
/// policy reaching a user by several paths, names in other case, a boundary that is also attached.
/// </summary>
public abstract class PrincipalPolicyLoaderStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string ReadOnlyArn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";

    private PrincipalPolicyLoader Loader => new(new AccountSnapshots(S.Store));

    [Fact]
    public async Task ForUser_PolicyAttachedToUserAndToItsGroup_OneSourceWithBothPaths()
    {
        var user = await S.Users.CreateAsync(S.Root, "admin");
        await S.Groups.CreateAsync(S.Root, "Admins");
        await S.Groups.AddUserAsync(S.Root, "ADMINS", "Admin");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "Admins", AdminArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "admin", AdminArn);

        var data = await Loader.ForUserAsync(TestStore.AccountId, user.Id);

        var source = Assert.Single(data.Sources.Values);
        Assert.Equal(AdminArn, source.Id);
        Assert.Equal([new PolicyPath(OwnerKind.User, "admin"), new PolicyPath(OwnerKind.Group, "Admins")], source.Paths);
        Assert.Single(data.Policies.Identity.Policies);
        Assert.True(Decide(data, "iam:CreateUser").IsAllowed);
    }

    [Fact]
    public async Task ForUser_PolicyThroughThreeGroups_EvaluatedOnce()
    {
        var user = await S.Users.CreateAsync(S.Root, "reader");
        foreach (var group in new[] { "c-group", "a-group", "b-group" })
        {
            await S.Groups.CreateAsync(S.Root, group);
            await S.Groups.AddUserAsync(S.Root, group, "reader");
            await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, group, ReadOnlyArn);
        }

        var data = await Loader.ForUserAsync(TestStore.AccountId, user.Id);

        Assert.Equal(["a-group", "b-group", "c-group"], Assert.Single(data.Sources.Values).Paths.Select(p => p.OwnerName));
        Assert.Single(data.Policies.Identity.Policies);
        Assert.True(Decide(data, "iam:GetUser").IsAllowed);
        Assert.Equal(DecisionReason.NoIdentityPolicyAllows, Decide(data, "iam:CreateUser").Reason);
    }

    [Fact]
    public async Task ForUser_BoundaryAlsoAttached_BothRolesKept()
    {
        var user = await S.Users.CreateAsync(S.Root, "bounded", permissionsBoundary: ReadOnlyArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bounded", ReadOnlyArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bounded", AdminArn);

        var data = await Loader.ForUserAsync(TestStore.AccountId, user.Id);

        Assert.Equal([new PolicyPath(OwnerKind.User, "bounded"), new PolicyPath(OwnerKind.User, "bounded", IsBoundary: true)], data.Sources[ReadOnlyArn].Paths);
        Assert.True(Decide(data, "iam:ListUsers").IsAllowed);
        Assert.Equal(DecisionReason.NoPermissionsBoundaryAllows, Decide(data, "iam:CreateUser").Reason);
    }

    [Fact]
    public async Task ForUser_InlinePoliciesOfSameNameOnUserAndGroup_KeptApart()
    {
        var user = await S.Users.CreateAsync(S.Root, "dev");
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.AddUserAsync(S.Root, "devs", "dev");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "dev", "same", PolicyDocs.ReadBucket);
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Group, "devs", "same", PolicyDocs.ReadBucket);

        var data = await Loader.ForUserAsync(TestStore.AccountId, user.Id);

        Assert.Equal(["group/devs/same", "user/dev/same"], data.Sources.Keys.Order(StringComparer.Ordinal));
    }

    private static AuthorizationResult Decide(PrincipalAuthorizationData data, string action) =>
        Authorizer.Authorize(
            new AuthorizationRequest(Principal.User(TestStore.AccountId, "someone"), new RequestAction(action), "*", new RequestContext()),
            data.Policies, data.Settings);
}

public sealed class SqlitePrincipalPolicyLoaderStoreTests() : PrincipalPolicyLoaderStoreTests(Backend.Sqlite);

public sealed class PostgresPrincipalPolicyLoaderStoreTests() : PrincipalPolicyLoaderStoreTests(Backend.Postgres);
