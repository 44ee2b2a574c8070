using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Store;

public abstract class AttachmentStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";

    public static TheoryData<OwnerKind> Kinds => [OwnerKind.User, OwnerKind.Group, OwnerKind.Role];

    private async Task CreateOwnerAsync(OwnerKind kind, string name)
    {
        switch (kind)
        {
            case OwnerKind.User:
                await S.Users.CreateAsync(S.Root, name);
                break;
            case OwnerKind.Group:
                await S.Groups.CreateAsync(S.Root, name);
                break;
            default:
                await S.Roles.CreateAsync(S.Root, name, PolicyDocs.Trust);
                break;
        }
    }

    private static string Missing(OwnerKind kind, string name) => $"The {kind.ToString().ToLowerInvariant()} with name {name} cannot be found.";

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Attach_AwsAndCustomerPolicies_ListedAttached(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");
        var mine = await S.Policies.CreateAsync(S.Root, "Mine", PolicyDocs.ReadBucket, path: "/team/");

        await S.Attachments.AttachAsync(S.Root, kind, "owner", AdminArn);
        await S.Attachments.AttachAsync(S.Root, kind, "owner", BillingArn);
        await S.Attachments.AttachAsync(S.Root, kind, "owner", mine.Arn);

        var attached = await S.Attachments.ListAttachedAsync(S.Root, kind, "owner");
        Assert.Equal(
            new[] { AdminArn, BillingArn, mine.Arn }.Order(StringComparer.Ordinal),
            attached.Select(p => p.Arn).Order(StringComparer.Ordinal));
        Assert.Equal(1, await S.Policies.AttachmentCountAsync(S.Root, mine.Id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Attach_Twice_NoOp(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");
        var mine = await S.Policies.CreateAsync(S.Root, "Mine", PolicyDocs.ReadBucket);

        await S.Attachments.AttachAsync(S.Root, kind, "owner", mine.Arn);
        await S.Attachments.AttachAsync(S.Root, kind, "owner", mine.Arn);

        Assert.Single(await S.Attachments.ListAttachedAsync(S.Root, kind, "owner"));
        Assert.Equal(1, await S.Policies.AttachmentCountAsync(S.Root, mine.Id));
        await S.Attachments.DetachAsync(S.Root, kind, "owner", mine.Arn);
        Assert.Empty(await S.Attachments.ListAttachedAsync(S.Root, kind, "owner"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Attach_MissingPolicy_NoSuchEntityNotAttachable(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");
        const string arn = "arn:aws:iam::111122223333:policy/Ghost";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} does not exist or is not attachable.",
            () => S.Attachments.AttachAsync(S.Root, kind, "owner", arn));
        await AssertIamError(IamErrorCode.NoSuchEntity, "Policy arn:aws:iam::aws:policy/NoSuchAwsPolicy does not exist or is not attachable.",
            () => S.Attachments.AttachAsync(S.Root, kind, "owner", "arn:aws:iam::aws:policy/NoSuchAwsPolicy"));

        Assert.Empty(await S.Attachments.ListAttachedAsync(S.Root, kind, "owner"));
    }

    [Fact]
    public async Task Attach_OtherAccountsPolicy_NotAttachable()
    {
        var theirs = await S.Policies.CreateAsync(IamCaller.Root("999988887777"), "Theirs", PolicyDocs.ReadBucket);
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {theirs.Arn} does not exist or is not attachable.",
            () => S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", theirs.Arn));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Attach_MissingOwner_NoSuchEntity(OwnerKind kind)
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, Missing(kind, "ghost"), () => S.Attachments.AttachAsync(S.Root, kind, "ghost", AdminArn));
        await AssertIamError(IamErrorCode.NoSuchEntity, Missing(kind, "ghost"), () => S.Attachments.DetachAsync(S.Root, kind, "ghost", AdminArn));
        await AssertIamError(IamErrorCode.NoSuchEntity, Missing(kind, "ghost"), () => S.Attachments.ListAttachedAsync(S.Root, kind, "ghost"));
    }

    [Fact]
    public async Task Attach_BadArn_InvalidInput()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.InvalidInput, "ARN arn:aws:s3:::bucket-name/policy is not valid.",
            () => S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", "arn:aws:s3:::bucket-name/policy"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Detach_NotAttached_NoSuchEntityNotFound(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");
        await S.Attachments.AttachAsync(S.Root, kind, "owner", BillingArn);

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {AdminArn} was not found.", () => S.Attachments.DetachAsync(S.Root, kind, "owner", AdminArn));

        Assert.Equal(BillingArn, Assert.Single(await S.Attachments.ListAttachedAsync(S.Root, kind, "owner")).Arn);
    }

    [Fact]
    public async Task Detach_MissingPolicy_NoSuchEntityNotFound()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        const string arn = "arn:aws:iam::111122223333:policy/Ghost";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} was not found.", () => S.Attachments.DetachAsync(S.Root, OwnerKind.User, "alice", arn));
    }

    [Fact]
    public async Task Detach_AttachedToOtherEntity_OnlyThatEntityChanges()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", AdminArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bob", AdminArn);

        await S.Attachments.DetachAsync(S.Root, OwnerKind.User, "alice", AdminArn);

        Assert.Empty(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.User, "alice"));
        Assert.Equal(AdminArn, Assert.Single(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.User, "bob")).Arn);
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {AdminArn} was not found.", () => S.Attachments.DetachAsync(S.Root, OwnerKind.User, "alice", AdminArn));
    }

    [Theory]
    [InlineData(OwnerKind.User, "PoliciesPerUser")]
    [InlineData(OwnerKind.Group, "PoliciesPerGroup")]
    [InlineData(OwnerKind.Role, "PoliciesPerRole")]
    public async Task Attach_EleventhPolicy_LimitExceeded(OwnerKind kind, string quota)
    {
        await CreateOwnerAsync(kind, "owner");
        var arns = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            arns.Add((await S.Policies.CreateAsync(S.Root, $"P{i:D2}", PolicyDocs.ReadBucket)).Arn);
        }

        for (var i = 0; i < 10; i++)
        {
            await S.Attachments.AttachAsync(S.Root, kind, "owner", arns[i]);
        }

        await S.Attachments.AttachAsync(S.Root, kind, "owner", arns[9]);
        await AssertIamError(IamErrorCode.LimitExceeded, $"Cannot exceed quota for {quota}: 10",
            () => S.Attachments.AttachAsync(S.Root, kind, "owner", arns[10]));

        var attached = await S.Attachments.ListAttachedAsync(S.Root, kind, "owner");
        Assert.Equal(10, attached.Count);
        Assert.DoesNotContain(attached, p => p.Arn == arns[10]);
    }

    [Fact]
    public async Task Attach_QuotaIsPerEntity_OtherEntitiesUnaffected()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        for (var i = 0; i < 10; i++)
        {
            var arn = (await S.Policies.CreateAsync(S.Root, $"P{i:D2}", PolicyDocs.ReadBucket)).Arn;
            await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", arn);
        }

        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bob", AdminArn);

        Assert.Equal(10, (await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.User, "alice")).Count);
        Assert.Single(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.User, "bob"));
    }

    [Fact]
    public async Task ListEntitiesForPolicy_UsersGroupsRoles_AllListed()
    {
        var alice = await S.Users.CreateAsync(S.Root, "alice");
        var admins = await S.Groups.CreateAsync(S.Root, "admins");
        var app = await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);
        await S.Users.CreateAsync(S.Root, "bob");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", AdminArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "admins", AdminArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", AdminArn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bob", BillingArn);

        var entities = await S.Attachments.ListEntitiesAsync(S.Root, AdminArn);

        Assert.Equal(3, entities.Count);
        Assert.Contains(new PolicyEntity(OwnerKind.User, "alice", alice.Id), entities);
        Assert.Contains(new PolicyEntity(OwnerKind.Group, "admins", admins.Id), entities);
        Assert.Contains(new PolicyEntity(OwnerKind.Role, "app", app.Id), entities);
    }

    [Fact]
    public async Task ListEntitiesForPolicy_CustomerPolicyNotAttached_Empty()
    {
        var mine = await S.Policies.CreateAsync(S.Root, "Mine", PolicyDocs.ReadBucket);

        Assert.Empty(await S.Attachments.ListEntitiesAsync(S.Root, mine.Arn));
    }

    [Fact]
    public async Task ListEntitiesForPolicy_OtherAccountsAttachments_NotListed()
    {
        var other = IamCaller.Root("999988887777");
        await S.Users.CreateAsync(other, "bob");
        await S.Attachments.AttachAsync(other, OwnerKind.User, "bob", AdminArn);
        var alice = await S.Users.CreateAsync(S.Root, "alice");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", AdminArn);

        var entities = await S.Attachments.ListEntitiesAsync(S.Root, AdminArn);

        Assert.Equal(new PolicyEntity(OwnerKind.User, "alice", alice.Id), Assert.Single(entities));
    }

    [Fact]
    public async Task ListEntitiesForPolicy_AfterDetach_Gone()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", BillingArn);

        await S.Attachments.DetachAsync(S.Root, OwnerKind.Role, "app", BillingArn);

        Assert.Empty(await S.Attachments.ListEntitiesAsync(S.Root, BillingArn));
    }

    [Fact]
    public async Task Attach_ToRole_AuditedWithAction()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);

        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", AdminArn);
        await Assert.ThrowsAsync<IamException>(() => S.Attachments.DetachAsync(S.Root, OwnerKind.Role, "app", BillingArn));

        var events = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Root.PrincipalArn);
        Assert.Equal("Success", Assert.Single(events, e => e.Action == "iam:AttachRolePolicy").Outcome);
        Assert.Equal("NoSuchEntity", Assert.Single(events, e => e.Action == "iam:DetachRolePolicy").Outcome);
    }
}

public sealed class SqliteAttachmentStoreTests() : AttachmentStoreTests(Backend.Sqlite);

public sealed class PostgresAttachmentStoreTests() : AttachmentStoreTests(Backend.Postgres);
