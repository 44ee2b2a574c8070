using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LocalIam.Iam.Tests.Store;

/// <summary>
/// The whole AWS managed catalogue through the services, on both stores: AWS's policies are not rows
/// (they come from the embedded catalogue), attachments and boundaries name them, and an old store
/// whose AWS policies were seeded rows keeps its attachments across the upgrade.
/// </summary>
public abstract class AwsManagedPolicyStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string ReadOnlyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private const string LambdaArn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private const string ServiceLinkedArn = "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy";
    private const string RetiredArn = "arn:aws:iam::aws:policy/service-role/AWSConfigRole";
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";

    private static AwsManagedPolicyCatalog Catalogue => AwsManagedPolicyCatalog.Current;

    [Fact]
    public async Task Bootstrap_NewStore_NoAwsPolicyRows()
    {
        Assert.Equal(0, await S.Store.ReadAsync(db => db.ManagedPolicies.CountAsync()));
        Assert.Equal(0, await S.Store.ReadAsync(db => db.PolicyVersions.CountAsync()));
    }

    [Fact]
    public async Task ListPolicies_ScopeAws_PagesOfHundredReachEveryCataloguePolicyOnce()
    {
        var seen = new List<string>();
        string? marker = null;
        do
        {
            var page = await S.Policies.ListAsync(S.Root, PolicyScope.Aws, marker: marker);
            Assert.InRange(page.Items.Count, 1, 100);
            Assert.All(page.Items, p => Assert.True(p.IsAwsManaged));
            seen.AddRange(page.Items.Select(p => p.Arn));
            marker = page.Marker;
        }
        while (marker is not null);

        Assert.Equal(Catalogue.All.Select(p => p.Arn), seen);
    }

    [Fact]
    public async Task ListPolicies_AllScopes_LocalFirstThenAwsAcrossOneMarker()
    {
        var mine = await S.Policies.CreateAsync(S.Root, "Mine", PolicyDocs.ReadBucket);
        var first = await S.Policies.ListAsync(S.Root, maxItems: 2);
        var second = await S.Policies.ListAsync(S.Root, marker: first.Marker, maxItems: 2);

        Assert.Equal([mine.Arn, Catalogue.All[0].Arn], first.Items.Select(p => p.Arn));
        Assert.Equal(Catalogue.All.Skip(1).Take(2).Select(p => p.Arn), second.Items.Select(p => p.Arn));
        Assert.True(second.IsTruncated);
    }

    [Theory]
    [InlineData("/service-role/", 226)]
    [InlineData("/aws-service-role/", 356)]
    [InlineData("/job-function/", 11)]
    public async Task ListPolicies_PathPrefix_OnlyThatPath(string prefix, int count)
    {
        var page = await S.Policies.ListAsync(S.Root, PolicyScope.All, pathPrefix: prefix, maxItems: 1000);

        Assert.Equal(count, page.Items.Count);
        Assert.All(page.Items, p => Assert.StartsWith(prefix, p.Path, StringComparison.Ordinal));
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task ListPolicies_OnlyAttachedAws_OnlyThoseInUseHereWithTheirCounts()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.CreateAsync(S.Root, "readers");
        await S.Roles.CreateAsync(S.Root, "lambda", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "readers", ReadOnlyArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "lambda", LambdaArn);

        var page = await S.Policies.ListAsync(S.Root, PolicyScope.Aws, onlyAttached: true);
        var counts = await S.Policies.AttachmentCountsAsync(S.Root, [.. page.Items.Select(p => p.Id), Catalogue.FindByArn(AdminArn)!.PolicyId]);

        Assert.Equal([ReadOnlyArn, LambdaArn], page.Items.Select(p => p.Arn));
        Assert.Equal(2, counts[Catalogue.FindByArn(ReadOnlyArn)!.PolicyId]);
        Assert.Equal(1, counts[Catalogue.FindByArn(LambdaArn)!.PolicyId]);
        Assert.Equal(0, counts[Catalogue.FindByArn(AdminArn)!.PolicyId]);
    }

    [Theory]
    [InlineData(ReadOnlyArn, "/")]
    [InlineData(LambdaArn, "/service-role/")]
    [InlineData(ServiceLinkedArn, "/aws-service-role/")]
    public async Task GetPolicyAndVersion_AnyCataloguePolicy_DefaultVersionOnly(string arn, string path)
    {
        var entry = Catalogue.FindByArn(arn)!;

        var policy = await S.Policies.GetAsync(S.Root, arn);
        var version = await S.Policies.GetVersionAsync(S.Root, arn, entry.DefaultVersionId);
        var versions = await S.Policies.ListVersionsAsync(S.Root, arn);

        Assert.Equal((entry.PolicyId, entry.Name, path, entry.DefaultVersionId, entry.CreatedAt, entry.UpdatedAt), (policy.Id, policy.Name, policy.Path, policy.DefaultVersionId, policy.CreatedAt, policy.UpdatedAt));
        Assert.True(policy.IsAwsManaged);
        Assert.True(policy.IsAttachable);
        Assert.Equal(entry.Document, version.Document);
        Assert.Equal(entry.UpdatedAt, version.CreatedAt);
        Assert.Equal(entry.DefaultVersionId, Assert.Single(versions).VersionId);
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} version v1000 does not exist or is not attachable.",
            () => S.Policies.GetVersionAsync(S.Root, arn, "v1000"));
    }

    [Fact]
    public async Task GetPolicy_UnknownAwsArn_NoSuchEntity()
    {
        const string arn = "arn:aws:iam::aws:policy/NoSuchManagedPolicy";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} was not found.", () => S.Policies.GetAsync(S.Root, arn));
        await S.Users.CreateAsync(S.Root, "alice");
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} does not exist or is not attachable.",
            () => S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", arn));
    }

    [Fact]
    public async Task Attach_ToUserGroupAndRole_AuthorizationSeesTheCatalogueDocument()
    {
        var user = await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.CreateAsync(S.Root, "support");
        await S.Groups.AddUserAsync(S.Root, "support", "alice");
        var role = await S.Roles.CreateAsync(S.Root, "fn", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "support", ServiceLinkedArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "fn", LambdaArn);

        var loader = new PrincipalPolicyLoader(new AccountSnapshots(S.Store));
        var alice = await loader.ForUserAsync(TestStore.AccountId, user.Id);
        var fn = await loader.ForRoleAsync(TestStore.AccountId, role.Id);

        Assert.Equal([ReadOnlyArn, ServiceLinkedArn], alice.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("aws-managed", alice.Sources[ReadOnlyArn].Type);
        Assert.Equal(Catalogue.FindByArn(ReadOnlyArn)!.Document, alice.Sources[ReadOnlyArn].Document);
        Assert.True(Decide(alice, "ec2:DescribeInstances").IsAllowed);
        Assert.True(Decide(alice, "iam:DeleteRole", $"arn:aws:iam::{TestStore.AccountId}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport").IsAllowed);
        Assert.False(Decide(alice, "iam:DeleteRole", $"arn:aws:iam::{TestStore.AccountId}:role/ops").IsAllowed);
        Assert.False(Decide(alice, "ec2:RunInstances").IsAllowed);
        Assert.True(Decide(fn, "logs:PutLogEvents").IsAllowed);
        Assert.False(Decide(fn, "ec2:DescribeInstances").IsAllowed);
        Assert.Equal([LambdaArn], (await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.Role, "fn")).Select(p => p.Arn));
        Assert.Equal([new PolicyEntity(OwnerKind.User, "alice", user.Id)], await S.Attachments.ListEntitiesAsync(S.Root, ReadOnlyArn));
    }

    [Fact]
    public async Task Detach_AwsPolicy_GoneFromOwnerAndCount()
    {
        await S.Roles.CreateAsync(S.Root, "fn", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "fn", LambdaArn);

        await S.Attachments.DetachAsync(S.Root, OwnerKind.Role, "fn", LambdaArn);

        Assert.Empty(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.Role, "fn"));
        Assert.Equal(0, await S.Policies.AttachmentCountAsync(S.Root, Catalogue.FindByArn(LambdaArn)!.PolicyId));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {LambdaArn} was not found.", () => S.Attachments.DetachAsync(S.Root, OwnerKind.Role, "fn", LambdaArn));
    }

    [Fact]
    public async Task PermissionsBoundary_AwsPolicy_AcceptedAndEnforced()
    {
        var user = await S.Users.CreateAsync(S.Root, "bounded", permissionsBoundary: ReadOnlyArn);
        await S.Roles.CreateAsync(S.Root, "fn", PolicyDocs.Trust);
        await S.Roles.PutPermissionsBoundaryAsync(S.Root, "fn", LambdaArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bounded", AdminArn);

        var data = await new PrincipalPolicyLoader(new AccountSnapshots(S.Store)).ForUserAsync(TestStore.AccountId, user.Id);

        Assert.True(Decide(data, "s3:ListAllMyBuckets").IsAllowed);
        Assert.Equal(DecisionReason.NoPermissionsBoundaryAllows, Decide(data, "iam:CreateUser").Reason);
        Assert.Equal(LambdaArn, (await S.Roles.GetAsync(S.Root, "fn")).PermissionsBoundaryArn);
    }

    [Fact]
    public async Task RetiredPolicy_NotAttachable_RefusedAsAwsDoesButStillReadable()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {RetiredArn} does not exist or is not attachable.",
            () => S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", RetiredArn));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Scope ARN: {RetiredArn} does not exist or is not attachable.",
            () => S.Users.PutPermissionsBoundaryAsync(S.Root, "alice", RetiredArn));
        var policy = await S.Policies.GetAsync(S.Root, RetiredArn);
        Assert.False(policy.IsAttachable);
        Assert.Empty(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.User, "alice"));
    }

    [Fact]
    public async Task AuthorizationDetails_AwsFilter_OnlyPoliciesAttachedOrUsedAsBoundary()
    {
        await S.Users.CreateAsync(S.Root, "alice", permissionsBoundary: LambdaArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        var mine = await S.Policies.CreateAsync(S.Root, "Mine", PolicyDocs.ReadBucket);
        var info = new AccountInfoService(S.Store);

        var aws = await info.AuthorizationDetailsAsync(S.Root, AuthorizationDetailsFilter.Parse(["AWSManagedPolicy"]));
        var local = await info.AuthorizationDetailsAsync(S.Root, AuthorizationDetailsFilter.Parse(["LocalManagedPolicy"]));
        var all = await info.AuthorizationDetailsAsync(S.Root, AuthorizationDetailsFilter.All);

        Assert.Equal([LambdaArn, ReadOnlyArn], aws.Policies.Select(p => p.Policy.Arn));
        var readOnly = aws.Policies.Single(p => p.Policy.Arn == ReadOnlyArn);
        Assert.Equal((1, 0), (readOnly.AttachmentCount, readOnly.PermissionsBoundaryUsageCount));
        Assert.Equal(Catalogue.FindByArn(ReadOnlyArn)!.Document, Assert.Single(readOnly.Versions).Document);
        Assert.Equal(1, aws.Policies.Single(p => p.Policy.Arn == LambdaArn).PermissionsBoundaryUsageCount);
        Assert.Equal([mine.Arn], local.Policies.Select(p => p.Policy.Arn));
        Assert.Equal([ReadOnlyArn], Assert.Single(all.Users).AttachedPolicies.Select(p => p.Arn));
        Assert.Equal(3, all.Policies.Count);
    }

    [Fact]
    public async Task Migrate_StoreWithSeededAwsRows_RowsGoneAttachmentsKept()
    {
        // The schema before the catalogue, with AWS policies seeded as rows the way that version did.
        var user = await S.Users.CreateAsync(S.Root, "alice");
        var role = await S.Roles.CreateAsync(S.Root, "ops", PolicyDocs.Trust);
        var admin = Catalogue.FindByArn(AdminArn)!;
        var billing = Catalogue.FindByArn(BillingArn)!;
        await using (var db = S.Store.OpenContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AwsManagedPoliciesFromCatalog", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, TestContext.Current.CancellationToken);
            foreach (var seeded in new[] { admin, billing })
            {
                db.ManagedPolicies.Add(seeded.ToPolicy());
                db.PolicyVersions.Add(seeded.ToDefaultVersion());
            }

            db.PolicyAttachments.Add(new PolicyAttachment { AccountId = TestStore.AccountId, OwnerKind = OwnerKind.User, OwnerId = user.Id, PolicyId = admin.PolicyId });
            db.PolicyAttachments.Add(new PolicyAttachment { AccountId = TestStore.AccountId, OwnerKind = OwnerKind.Role, OwnerId = role.Id, PolicyId = billing.PolicyId });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await S.Store.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await S.Store.ReadAsync(db => db.ManagedPolicies.CountAsync()));
        Assert.Equal(0, await S.Store.ReadAsync(db => db.PolicyVersions.CountAsync()));
        Assert.Equal([AdminArn], (await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.User, "alice")).Select(p => p.Arn));
        Assert.Equal([BillingArn], (await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.Role, "ops")).Select(p => p.Arn));
        Assert.True(Decide(await new PrincipalPolicyLoader(new AccountSnapshots(S.Store)).ForUserAsync(TestStore.AccountId, user.Id), "iam:CreateUser").IsAllowed);
        Assert.Equal(1, await S.Policies.AttachmentCountAsync(S.Root, admin.PolicyId));

        // The same id as before: attaching again is the no-op it always was, and detaching works.
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", AdminArn);
        Assert.Equal(1, await S.Policies.AttachmentCountAsync(S.Root, admin.PolicyId));
        await S.Attachments.DetachAsync(S.Root, OwnerKind.Role, "ops", BillingArn);
        Assert.Empty(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.Role, "ops"));
    }

    private static AuthorizationResult Decide(PrincipalAuthorizationData data, string action, string resource = "*") =>
        Authorizer.Authorize(
            new AuthorizationRequest(Principal.User(TestStore.AccountId, "someone"), new RequestAction(action), resource, new RequestContext()),
            data.Policies, data.Settings);
}

public sealed class SqliteAwsManagedPolicyStoreTests() : AwsManagedPolicyStoreTests(Backend.Sqlite);

public sealed class PostgresAwsManagedPolicyStoreTests() : AwsManagedPolicyStoreTests(Backend.Postgres);
