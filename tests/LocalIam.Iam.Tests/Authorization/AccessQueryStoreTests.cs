using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Authorization;

/// <summary>
/// "Who can aws-portal:ViewBilling on *?" through the DESIGN.md scenario, step by step, and the
/// paths the answer gives: attached directly, through a group, through role trust.
/// </summary>
public abstract class AccessQueryStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string ViewBilling = "aws-portal:ViewBilling";
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";
    private const string BillingReadOnlyArn = "arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess";
    private static readonly string Root = $"arn:aws:iam::{TestStore.AccountId}:root";

    [Fact]
    public async Task WhoCanViewBilling_TheScenarioStepByStep_ExactlyThePrincipalsTheLabExpects()
    {
        // 1. A new account with admins: only root, and the admins are refused by the setting.
        await S.Groups.CreateAsync(S.Root, "Admins");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "Admins", AdminArn);
        await S.Users.CreateAsync(S.Root, "admin");
        await S.Groups.AddUserAsync(S.Root, "Admins", "admin");
        await S.Users.CreateAsync(S.Root, "solo-admin");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "solo-admin", AdminArn);
        var first = await AskAsync();
        Assert.Equal([Root], Arns(first));
        Assert.Equal(DecisionReason.RootUser, first.Allowed[0].Reason);
        Assert.All(first.Denied, e => Assert.Equal(DecisionReason.BillingAccessDisabled, e.Reason));

        // 2-3. The admin cannot turn the setting on, whatever its policies say: nothing changes.
        await Assert.ThrowsAsync<IamException>(() => S.Accounts.SetBillingAccessAsync(new IamCaller(TestStore.AccountId, User("admin")), enabled: true));
        Assert.Equal([Root], Arns(await AskAsync()));

        // 4. Root turns it on: the admins, by the path that reaches each.
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: true);
        var on = await AskAsync();
        Assert.Equal([Root, User("admin"), User("solo-admin")], Arns(on));
        var admin = Entry(on, "admin");
        Assert.Equal((DecisionReason.AllowedByIdentityPolicy, AdminArn), (admin.Reason, admin.Source?.Id));
        Assert.Equal([new PolicyPath(OwnerKind.Group, "Admins")], admin.Source!.Paths);
        Assert.Equal([new PolicyPath(OwnerKind.User, "solo-admin")], Entry(on, "solo-admin").Source!.Paths);

        // 5-6. BillingReadOnlyGroup with job-function/Billing: gexter1 and gexter2 too; a user in no group is told what is missing.
        await S.Groups.CreateAsync(S.Root, "BillingReadOnlyGroup");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "BillingReadOnlyGroup", BillingArn);
        foreach (var name in new[] { "gexter1", "gexter2", "outsider" })
        {
            await S.Users.CreateAsync(S.Root, name);
        }

        await S.Groups.AddUserAsync(S.Root, "BillingReadOnlyGroup", "gexter1");
        await S.Groups.AddUserAsync(S.Root, "BillingReadOnlyGroup", "gexter2");
        var grouped = await AskAsync();
        Assert.Equal([Root, User("admin"), User("gexter1"), User("gexter2"), User("solo-admin")], Arns(grouped));
        var gexter1 = Entry(grouped, "gexter1");
        Assert.Equal(BillingArn, gexter1.Source?.Id);
        Assert.Equal([new PolicyPath(OwnerKind.Group, "BillingReadOnlyGroup")], gexter1.Source!.Paths);
        Assert.Equal(BillingArn, gexter1.DecidingStatement?.Policy.Id);
        Assert.Equal(DecisionReason.NoIdentityPolicyAllows, Assert.Single(grouped.Denied, e => e.Principal.Name == "outsider").Reason);

        // 7. Root turns it off: every IAM principal loses billing at once; root keeps it.
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: false);
        var off = await AskAsync();
        Assert.Equal([Root], Arns(off));
        Assert.Equal(
            ["admin", "gexter1", "gexter2", "outsider", "solo-admin"],
            off.Denied.Where(e => e.Reason == DecisionReason.BillingAccessDisabled).Select(e => e.Principal.Name));
    }

    [Fact]
    public async Task WhoCanViewBilling_RoleTrust_EveryChainFromUsersAndRoles()
    {
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: true);
        var viewer = await S.Roles.CreateAsync(S.Root, "billing-viewer", PolicyDocs.TrustForAccount);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "billing-viewer", BillingReadOnlyArn);
        await S.Users.CreateAsync(S.Root, "ops");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "ops", "assume-viewer", Allow("sts:AssumeRole", RoleArn("billing-viewer")));
        await S.Users.CreateAsync(S.Root, "dev");
        await S.Roles.CreateAsync(S.Root, "jump", TrustFor(User("dev")));
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, "jump", "onward", Allow("sts:AssumeRole", "*"));
        await S.Users.CreateAsync(S.Root, "stranger");
        await S.Roles.CreateAsync(S.Root, "ec2-admin", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "ec2-admin", AdminArn);

        var answer = await AskAsync();

        // ec2-admin's sessions may assume billing-viewer too: its trust names the account, and AdministratorAccess allows sts:AssumeRole.
        Assert.Equal(
            [Root, RoleArn("billing-viewer"), RoleArn("ec2-admin"), User("ops"), RoleArn("ec2-admin"), RoleArn("jump"), User("dev")],
            answer.Allowed.Select(e => e.Principal.Arn));
        var ops = Assert.Single(answer.Allowed, e => e.Principal.Name == "ops");
        Assert.Equal(["billing-viewer"], ops.Chain.Select(h => h.Role.Name));
        Assert.Equal(DecisionReason.AllowedByIdentityPolicy, ops.Chain[0].Assume.Reason);
        Assert.Equal((RoleArn("billing-viewer"), BillingReadOnlyArn), (ops.ActingPrincipal.Arn, ops.Source?.Id));
        Assert.Equal([new PolicyPath(OwnerKind.Role, "billing-viewer")], ops.Source!.Paths);
        var dev = Assert.Single(answer.Allowed, e => e.Principal.Name == "dev");
        Assert.Equal(["jump", "billing-viewer"], dev.Chain.Select(h => h.Role.Name));
        Assert.Equal(DecisionReason.AllowedByResourcePolicy, dev.Chain[0].Assume.Reason);
        Assert.Equal(viewer.Name, dev.ActingPrincipal.Name);
        Assert.DoesNotContain(answer.AllowedPrincipals, p => p.Name == "stranger");
    }

    [Fact]
    public async Task WhoCanViewBilling_ExplicitDenyAndBoundary_DeniedWithTheirReasons()
    {
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: true);
        await S.Groups.CreateAsync(S.Root, "Admins");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "Admins", AdminArn);
        foreach (var name in new[] { "admin", "no-billing", "bounded" })
        {
            await S.Users.CreateAsync(S.Root, name, permissionsBoundary: name == "bounded" ? "arn:aws:iam::aws:policy/IAMReadOnlyAccess" : null);
            await S.Groups.AddUserAsync(S.Root, "Admins", name);
        }

        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "no-billing", "deny-billing", """
            {"Version":"2012-10-17","Statement":[{"Sid":"NoBilling","Effect":"Deny","Action":"aws-portal:*","Resource":"*"}]}
            """);

        var answer = await AskAsync();

        Assert.Equal([Root, User("admin")], Arns(answer));
        var denied = Assert.Single(answer.Denied, e => e.Principal.Name == "no-billing");
        Assert.Equal((DecisionReason.DeniedByStatement, "NoBilling", "user/no-billing/deny-billing"), (denied.Reason, denied.DecidingStatement?.Sid, denied.Source?.Id));
        Assert.Equal(DecisionReason.NoPermissionsBoundaryAllows, Assert.Single(answer.Denied, e => e.Principal.Name == "bounded").Reason);
    }

    private Task<AccessAnswer> AskAsync() =>
        new AccessQuery(new AccountSnapshots(S.Store), TimeProvider.System).WhoCanAsync(TestStore.AccountId, new AccessQuestion(ViewBilling), TestContext.Current.CancellationToken);

    private static List<string> Arns(AccessAnswer answer) => [.. answer.AllowedPrincipals.Select(p => p.Arn)];

    private static AccessEntry Entry(AccessAnswer answer, string userName) => Assert.Single(answer.Allowed, e => e.Principal.Name == userName);

    private static string User(string name) => $"arn:aws:iam::{TestStore.AccountId}:user/{name}";

    private static string RoleArn(string name) => $"arn:aws:iam::{TestStore.AccountId}:role/{name}";

    private static string TrustFor(string principalArn) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{principalArn}}"},"Action":"sts:AssumeRole"}]}""";

    private static string Allow(string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}]}""";
}

public sealed class SqliteAccessQueryStoreTests() : AccessQueryStoreTests(Backend.Sqlite);

public sealed class PostgresAccessQueryStoreTests() : AccessQueryStoreTests(Backend.Postgres);
