using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Store;

public abstract class GroupStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AllowS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";

    [Fact]
    public async Task Create_NewGroup_StoredWithAwsIdAndPath()
    {
        var created = await S.Groups.CreateAsync(S.Root, "Developers", "/eng/");

        var (group, users) = await S.Groups.GetAsync(S.Root, "developers");
        Assert.Equal(created.Id, group.Id);
        Assert.Equal("Developers", group.Name);
        Assert.Equal("/eng/", group.Path);
        Assert.Matches("^AGPA[A-Z2-7]{17}$", group.Id);
        Assert.Empty(users);
    }

    [Fact]
    public async Task Create_DefaultPath_Slash()
    {
        await S.Groups.CreateAsync(S.Root, "devs");

        Assert.Equal("/", (await S.Groups.GetAsync(S.Root, "devs")).Group.Path);
    }

    [Fact]
    public async Task Create_SameNameOtherCase_EntityAlreadyExists()
    {
        await S.Groups.CreateAsync(S.Root, "Devs");

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "Group with name devs already exists.", () => S.Groups.CreateAsync(S.Root, "devs"));
        Assert.Equal("Devs", Assert.Single((await S.Groups.ListAsync(S.Root)).Items).Name);
    }

    [Fact]
    public async Task Create_NameOf128Accepted_129Rejected()
    {
        await S.Groups.CreateAsync(S.Root, new string('g', 128));

        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128",
            () => S.Groups.CreateAsync(S.Root, new string('h', 129)));
        Assert.Equal(128, Assert.Single((await S.Groups.ListAsync(S.Root)).Items).Name.Length);
    }

    [Fact]
    public async Task Create_BadCharacters_ValidationErrorWithAwsSentence()
    {
        await AssertIamError(IamErrorCode.ValidationError,
            "The specified value for groupName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-",
            () => S.Groups.CreateAsync(S.Root, "dev team"));
        Assert.Empty((await S.Groups.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Get_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name ghost cannot be found.", () => S.Groups.GetAsync(S.Root, "ghost"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name ghost cannot be found.", () => S.Groups.DeleteAsync(S.Root, "ghost"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name ghost cannot be found.", () => S.Groups.UpdateAsync(S.Root, "ghost", "ghost2", null));
    }

    [Fact]
    public async Task Get_WithMembers_ReturnsOnlyItsMembersSortedByName()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.CreateAsync(S.Root, "ops");
        foreach (var name in new[] { "carol", "Alice", "bob", "dave" })
        {
            await S.Users.CreateAsync(S.Root, name);
        }

        await S.Groups.AddUserAsync(S.Root, "devs", "carol");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");
        await S.Groups.AddUserAsync(S.Root, "devs", "BOB");
        await S.Groups.AddUserAsync(S.Root, "ops", "dave");

        var (group, users) = await S.Groups.GetAsync(S.Root, "devs");

        Assert.Equal("devs", group.Name);
        Assert.Equal(["Alice", "bob", "carol"], users.Select(u => u.Name));
    }

    [Fact]
    public async Task Update_RenameAndPath_MembersKept()
    {
        var created = await S.Groups.CreateAsync(S.Root, "devs");
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");

        var updated = await S.Groups.UpdateAsync(S.Root, "devs", "Engineers", "/eng/");

        Assert.Equal("Engineers", updated.Name);
        var (group, users) = await S.Groups.GetAsync(S.Root, "engineers");
        Assert.Equal(created.Id, group.Id);
        Assert.Equal("/eng/", group.Path);
        Assert.Equal("alice", Assert.Single(users).Name);
        Assert.Equal("Engineers", Assert.Single(await S.Groups.ListForUserAsync(S.Root, "alice")).Name);
        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name devs cannot be found.", () => S.Groups.GetAsync(S.Root, "devs"));
    }

    [Fact]
    public async Task Update_PathOnly_NameKept()
    {
        await S.Groups.CreateAsync(S.Root, "devs");

        await S.Groups.UpdateAsync(S.Root, "devs", null, "/team/");

        var group = (await S.Groups.GetAsync(S.Root, "devs")).Group;
        Assert.Equal("devs", group.Name);
        Assert.Equal("/team/", group.Path);
    }

    [Fact]
    public async Task Update_RenameToExisting_EntityAlreadyExistsAndNothingChanged()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.CreateAsync(S.Root, "Ops");

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "Group with name ops already exists.", () => S.Groups.UpdateAsync(S.Root, "devs", "ops", "/moved/"));

        Assert.Equal("/", (await S.Groups.GetAsync(S.Root, "devs")).Group.Path);
        Assert.Equal(2, (await S.Groups.ListAsync(S.Root)).Items.Count);
    }

    [Fact]
    public async Task Delete_Empty_GoneAndNameReusable()
    {
        var first = await S.Groups.CreateAsync(S.Root, "devs");

        await S.Groups.DeleteAsync(S.Root, "DEVS");

        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name devs cannot be found.", () => S.Groups.GetAsync(S.Root, "devs"));
        Assert.NotEqual(first.Id, (await S.Groups.CreateAsync(S.Root, "devs")).Id);
    }

    [Fact]
    public async Task Delete_WithMembers_DeleteConflictUntilRemoved()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must remove users from group first.", () => S.Groups.DeleteAsync(S.Root, "devs"));
        Assert.Equal("alice", Assert.Single((await S.Groups.GetAsync(S.Root, "devs")).Users).Name);

        await S.Groups.RemoveUserAsync(S.Root, "devs", "alice");
        await S.Groups.DeleteAsync(S.Root, "devs");

        Assert.Empty(await S.Groups.ListForUserAsync(S.Root, "alice"));
        Assert.Empty((await S.Groups.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Delete_WithPolicies_ConflictsInAwsOrder()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Group, "devs", "inline", AllowS3);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "devs", BillingArn);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete policies first.", () => S.Groups.DeleteAsync(S.Root, "devs"));
        await S.InlinePolicies.DeleteAsync(S.Root, OwnerKind.Group, "devs", "inline");
        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must detach all policies first.", () => S.Groups.DeleteAsync(S.Root, "devs"));
        await S.Attachments.DetachAsync(S.Root, OwnerKind.Group, "devs", BillingArn);

        await S.Groups.DeleteAsync(S.Root, "devs");
        Assert.Empty((await S.Groups.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task List_PagesAndPathPrefix_EachGroupOnce()
    {
        for (var i = 0; i < 12; i++)
        {
            await S.Groups.CreateAsync(S.Root, $"group{i:D2}", i % 3 == 0 ? "/special/" : "/");
        }

        var first = await S.Groups.ListAsync(S.Root, maxItems: 5);
        var second = await S.Groups.ListAsync(S.Root, marker: first.Marker, maxItems: 5);
        var third = await S.Groups.ListAsync(S.Root, marker: second.Marker, maxItems: 5);
        var special = await S.Groups.ListAsync(S.Root, pathPrefix: "/special/");

        Assert.Equal([true, true, false], new[] { first.IsTruncated, second.IsTruncated, third.IsTruncated });
        Assert.Null(third.Marker);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"group{i:D2}"), first.Items.Concat(second.Items).Concat(third.Items).Select(g => g.Name));
        Assert.Equal(["group00", "group03", "group06", "group09"], special.Items.Select(g => g.Name));
    }

    [Fact]
    public async Task AddUser_Twice_Idempotent()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Users.CreateAsync(S.Root, "alice");

        await S.Groups.AddUserAsync(S.Root, "devs", "alice");
        await S.Groups.AddUserAsync(S.Root, "DEVS", "ALICE");

        Assert.Single((await S.Groups.GetAsync(S.Root, "devs")).Users);
        Assert.Single(await S.Groups.ListForUserAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task AddUser_MissingGroupOrUser_NoSuchEntity()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name ghosts cannot be found.", () => S.Groups.AddUserAsync(S.Root, "ghosts", "alice"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Groups.AddUserAsync(S.Root, "devs", "ghost"));
        Assert.Empty((await S.Groups.GetAsync(S.Root, "devs")).Users);
    }

    [Fact]
    public async Task RemoveUser_NotAMember_SucceedsAndOtherMembershipsKept()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.CreateAsync(S.Root, "ops");
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        await S.Groups.AddUserAsync(S.Root, "ops", "alice");
        await S.Groups.AddUserAsync(S.Root, "devs", "bob");

        await S.Groups.RemoveUserAsync(S.Root, "devs", "alice");

        Assert.Equal("ops", Assert.Single(await S.Groups.ListForUserAsync(S.Root, "alice")).Name);
        Assert.Equal("bob", Assert.Single((await S.Groups.GetAsync(S.Root, "devs")).Users).Name);
    }

    [Fact]
    public async Task RemoveUser_Member_OnlyThatMembershipRemoved()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.CreateAsync(S.Root, "ops");
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");
        await S.Groups.AddUserAsync(S.Root, "ops", "alice");
        await S.Groups.AddUserAsync(S.Root, "devs", "bob");

        await S.Groups.RemoveUserAsync(S.Root, "devs", "Alice");

        Assert.Equal("ops", Assert.Single(await S.Groups.ListForUserAsync(S.Root, "alice")).Name);
        Assert.Equal("bob", Assert.Single((await S.Groups.GetAsync(S.Root, "devs")).Users).Name);
    }

    [Fact]
    public async Task RemoveUser_NeitherGroupNorUser_TheUserIsNamed()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Groups.RemoveUserAsync(S.Root, "ghosts", "ghost"));
    }

    [Fact]
    public async Task RemoveUser_MissingGroupOrUser_NoSuchEntity()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, "The group with name ghosts cannot be found.", () => S.Groups.RemoveUserAsync(S.Root, "ghosts", "alice"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Groups.RemoveUserAsync(S.Root, "devs", "ghost"));
    }

    [Fact]
    public async Task AddUser_EleventhGroup_LimitExceededAndNotAdded()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        for (var i = 0; i < 11; i++)
        {
            await S.Groups.CreateAsync(S.Root, $"group{i:D2}");
        }

        for (var i = 0; i < 10; i++)
        {
            await S.Groups.AddUserAsync(S.Root, $"group{i:D2}", "alice");
        }

        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for GroupsPerUser: 10", () => S.Groups.AddUserAsync(S.Root, "group10", "alice"));

        Assert.Equal(10, (await S.Groups.ListForUserAsync(S.Root, "alice")).Count);
        Assert.Empty((await S.Groups.GetAsync(S.Root, "group10")).Users);
        await S.Groups.AddUserAsync(S.Root, "group05", "alice");
        await S.Groups.AddUserAsync(S.Root, "group10", "bob");
        Assert.Equal("bob", Assert.Single((await S.Groups.GetAsync(S.Root, "group10")).Users).Name);
    }

    [Fact]
    public async Task AddUser_AfterLeavingAGroupAtQuota_Allowed()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        for (var i = 0; i < 11; i++)
        {
            await S.Groups.CreateAsync(S.Root, $"group{i:D2}");
        }

        for (var i = 0; i < 10; i++)
        {
            await S.Groups.AddUserAsync(S.Root, $"group{i:D2}", "alice");
        }

        await S.Groups.RemoveUserAsync(S.Root, "group00", "alice");
        await S.Groups.AddUserAsync(S.Root, "group10", "alice");

        var groups = await S.Groups.ListForUserAsync(S.Root, "alice");
        Assert.Equal(10, groups.Count);
        Assert.DoesNotContain(groups, g => g.Name == "group00");
        Assert.Contains(groups, g => g.Name == "group10");
    }

    [Fact]
    public async Task ListForUser_SortedOnlyThatUsersGroups()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        foreach (var name in new[] { "zeta", "Alpha", "mid", "bobs-only" })
        {
            await S.Groups.CreateAsync(S.Root, name);
        }

        await S.Groups.AddUserAsync(S.Root, "zeta", "alice");
        await S.Groups.AddUserAsync(S.Root, "alpha", "alice");
        await S.Groups.AddUserAsync(S.Root, "mid", "alice");
        await S.Groups.AddUserAsync(S.Root, "bobs-only", "bob");

        Assert.Equal(["Alpha", "mid", "zeta"], (await S.Groups.ListForUserAsync(S.Root, "ALICE")).Select(g => g.Name));
        Assert.Equal("bobs-only", Assert.Single(await S.Groups.ListForUserAsync(S.Root, "bob")).Name);
    }

    [Fact]
    public async Task ListForUser_NoGroupsOrMissingUser_EmptyOrNoSuchEntity()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.CreateAsync(S.Root, "devs");

        Assert.Empty(await S.Groups.ListForUserAsync(S.Root, "alice"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Groups.ListForUserAsync(S.Root, "ghost"));
    }

    [Fact]
    public async Task Audit_MembershipChanges_RecordedWithTargetAndOutcome()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.CreateAsync(S.Admin, "devs");
        await S.Groups.AddUserAsync(S.Admin, "devs", "alice");
        await Assert.ThrowsAsync<IamException>(() => S.Groups.DeleteAsync(S.Admin, "devs"));
        await S.Groups.RemoveUserAsync(S.Admin, "devs", "alice");

        var events = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Admin.PrincipalArn);

        Assert.Equal(
            [("iam:RemoveUserFromGroup", "devs/alice", "Success"), ("iam:DeleteGroup", "devs", "DeleteConflict"),
             ("iam:AddUserToGroup", "devs/alice", "Success"), ("iam:CreateGroup", "devs", "Success")],
            events.Select(e => (e.Action, e.Target, e.Outcome)));
        Assert.DoesNotContain(events, e => e.Action == "iam:CreateUser");
    }
}

public sealed class SqliteGroupStoreTests() : GroupStoreTests(Backend.Sqlite);

public sealed class PostgresGroupStoreTests() : GroupStoreTests(Backend.Postgres);
