using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Store;

public abstract class UserStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AllowS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";
    private const string BadName = "The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-";
    private const string BadPath = "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.";

    [Fact]
    public async Task Create_NewName_StoredWithAwsIdAndDefaultPath()
    {
        var created = await S.Users.CreateAsync(S.Root, "Alice");

        var read = await S.Users.GetAsync(S.Root, "Alice");
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Alice", read.Name);
        Assert.Equal("/", read.Path);
        Assert.Equal(TestStore.AccountId, read.AccountId);
        Assert.Matches("^AIDA[A-Z2-7]{17}$", read.Id);
        Assert.Null(read.PermissionsBoundaryArn);
        Assert.InRange(read.CreatedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Create_WithPath_PathKept()
    {
        await S.Users.CreateAsync(S.Root, "alice", "/division/team/");

        Assert.Equal("/division/team/", (await S.Users.GetAsync(S.Root, "alice")).Path);
    }

    [Fact]
    public async Task Get_OtherCase_FindsTheUserWithItsOwnCase()
    {
        var created = await S.Users.CreateAsync(S.Root, "Alice");

        var read = await S.Users.GetAsync(S.Root, "ALICE");

        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Alice", read.Name);
    }

    [Fact]
    public async Task Create_SameNameOtherCase_EntityAlreadyExists()
    {
        await S.Users.CreateAsync(S.Root, "Alice");

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "User with name alice already exists.", () => S.Users.CreateAsync(S.Root, "alice"));
        var page = await S.Users.ListAsync(S.Root);
        Assert.Equal("Alice", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task Create_NameOf64_Accepted()
    {
        var name = new string('a', 64);

        await S.Users.CreateAsync(S.Root, name);

        Assert.Equal(name, (await S.Users.GetAsync(S.Root, name)).Name);
    }

    [Fact]
    public async Task Create_NameOf65_ValidationErrorAndNothingStored()
    {
        var name = new string('a', 65);

        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
            () => S.Users.CreateAsync(S.Root, name));
        Assert.Empty((await S.Users.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_EmptyName_ValidationError()
    {
        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
            () => S.Users.CreateAsync(S.Root, ""));
    }

    [Theory]
    [InlineData("al ice")]
    [InlineData("alice/bob")]
    [InlineData("alice!")]
    [InlineData("ali*ce")]
    [InlineData("alice#1")]
    public async Task Create_BadCharacters_ValidationErrorWithAwsSentence(string name)
    {
        await AssertIamError(IamErrorCode.ValidationError, BadName, () => S.Users.CreateAsync(S.Root, name));
        Assert.Empty((await S.Users.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_AllAllowedSymbols_Accepted()
    {
        await S.Users.CreateAsync(S.Root, "a+b=c,d.e@f_g-h");

        Assert.Equal("a+b=c,d.e@f_g-h", (await S.Users.GetAsync(S.Root, "A+B=C,D.E@F_G-H")).Name);
    }

    /// <summary>AWS's name pattern [\w+=,.@-] is ASCII: Java's \w is [a-zA-Z_0-9], .NET's also matches é, ß, Cyrillic...</summary>
    [Theory]
    [InlineData("josé")]
    [InlineData("straße")]
    [InlineData("иван")]
    public async Task Create_NonAsciiLetters_ValidationError(string name)
    {
        await AssertIamError(IamErrorCode.ValidationError, BadName, () => S.Users.CreateAsync(S.Root, name));
    }

    [Fact]
    public async Task Create_NameAndPathTooLong_BothViolationsReportedTogether()
    {
        var error = await Assert.ThrowsAsync<IamException>(() => S.Users.CreateAsync(S.Root, new string('a', 65), "/" + new string('p', 512) + "/"));

        AssertViolations(error,
            "Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
            "Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512");
    }

    [Fact]
    public async Task Create_LengthAndCharacterProblems_LengthReportedFirst()
    {
        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
            () => S.Users.CreateAsync(S.Root, new string('a', 65), "no-slashes"));
    }

    [Fact]
    public async Task Update_UserNameAndNewUserNameTooLong_BothViolationsReportedTogether()
    {
        var error = await Assert.ThrowsAsync<IamException>(() => S.Users.UpdateAsync(S.Root, new string('a', 129), new string('b', 65), null));

        AssertViolations(error,
            "Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128",
            "Value at 'newUserName' failed to satisfy constraint: Member must have length less than or equal to 64");
    }

    [Theory]
    [InlineData("division")]
    [InlineData("/division")]
    [InlineData("division/")]
    [InlineData("/divi sion/")]
    public async Task Create_BadPath_ValidationErrorWithAwsSentence(string path)
    {
        await AssertIamError(IamErrorCode.ValidationError, BadPath, () => S.Users.CreateAsync(S.Root, "alice", path));
        Assert.Empty((await S.Users.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Update_BadNewPath_ValidationErrorNamesNewPath()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.ValidationError,
            "The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
            () => S.Users.UpdateAsync(S.Root, "alice", null, "nope"));
        Assert.Equal("/", (await S.Users.GetAsync(S.Root, "alice")).Path);
    }

    [Fact]
    public async Task Get_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Users.GetAsync(S.Root, "ghost"));
    }

    [Fact]
    public async Task UpdateDelete_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Users.UpdateAsync(S.Root, "ghost", "ghost2", null));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Users.DeleteAsync(S.Root, "ghost"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Users.TagAsync(S.Root, "ghost", [new TagInput("a", "b")]));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Users.ListTagsAsync(S.Root, "ghost"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.Users.PutPermissionsBoundaryAsync(S.Root, "ghost", BillingArn));
    }

    [Fact]
    public async Task Update_Rename_OldNameGoneNewNameSameUser()
    {
        var created = await S.Users.CreateAsync(S.Root, "alice", "/a/");

        var updated = await S.Users.UpdateAsync(S.Root, "alice", "Bob", null);

        Assert.Equal("Bob", updated.Name);
        var read = await S.Users.GetAsync(S.Root, "bob");
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Bob", read.Name);
        Assert.Equal("/a/", read.Path);
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name alice cannot be found.", () => S.Users.GetAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task Update_NewPathOnly_NameKept()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await S.Users.UpdateAsync(S.Root, "alice", null, "/engineering/");

        var read = await S.Users.GetAsync(S.Root, "alice");
        Assert.Equal("alice", read.Name);
        Assert.Equal("/engineering/", read.Path);
    }

    [Fact]
    public async Task Update_RenameToExistingOtherCase_EntityAlreadyExistsAndNothingChanged()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "Bob");

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "User with name bob already exists.", () => S.Users.UpdateAsync(S.Root, "alice", "bob", "/moved/"));

        var alice = await S.Users.GetAsync(S.Root, "alice");
        Assert.Equal("/", alice.Path);
        Assert.Equal("Bob", (await S.Users.GetAsync(S.Root, "bob")).Name);
    }

    [Fact]
    public async Task Update_RenameKeepsKeysAndGroups()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var key = await S.AccessKeys.CreateAsync(S.Root, "alice");
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");

        await S.Users.UpdateAsync(S.Root, "alice", "carol", null);

        Assert.Equal(key.Key.Id, Assert.Single(await S.AccessKeys.ListAsync(S.Root, "carol")).Id);
        Assert.Equal("devs", Assert.Single(await S.Groups.ListForUserAsync(S.Root, "carol")).Name);
        Assert.Equal("carol", Assert.Single((await S.Groups.GetAsync(S.Root, "devs")).Users).Name);
        Assert.Equal("carol", (await S.AccessKeys.FindForSigningAsync(key.Key.Id))!.UserName);
    }

    [Fact]
    public async Task Delete_PlainUser_GoneAndNameReusable()
    {
        var first = await S.Users.CreateAsync(S.Root, "alice");

        await S.Users.DeleteAsync(S.Root, "ALICE");

        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name alice cannot be found.", () => S.Users.GetAsync(S.Root, "alice"));
        Assert.Empty((await S.Users.ListAsync(S.Root)).Items);
        var second = await S.Users.CreateAsync(S.Root, "alice");
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Delete_UserWithTags_TagsDoNotComeBackWithTheName()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("team", "red")]);

        await S.Users.DeleteAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "alice");

        Assert.Empty(await S.Users.ListTagsAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task Delete_WithEverything_ConflictsInAwsOrderUntilEachIsRemoved()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", "Str0ng-Passw0rd!", passwordResetRequired: false);
        var key = await S.AccessKeys.CreateAsync(S.Root, "alice");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "inline", AllowS3);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", BillingArn);
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete login profile first.", () => S.Users.DeleteAsync(S.Root, "alice"));
        await S.LoginProfiles.DeleteAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete access keys first.", () => S.Users.DeleteAsync(S.Root, "alice"));
        await S.AccessKeys.DeleteAsync(S.Root, "alice", key.Key.Id);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete policies first.", () => S.Users.DeleteAsync(S.Root, "alice"));
        await S.InlinePolicies.DeleteAsync(S.Root, OwnerKind.User, "alice", "inline");

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must detach all policies first.", () => S.Users.DeleteAsync(S.Root, "alice"));
        await S.Attachments.DetachAsync(S.Root, OwnerKind.User, "alice", BillingArn);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must remove users from group first.", () => S.Users.DeleteAsync(S.Root, "alice"));
        await S.Groups.RemoveUserAsync(S.Root, "devs", "alice");

        await S.Users.DeleteAsync(S.Root, "alice");
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name alice cannot be found.", () => S.Users.GetAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task Delete_OnlyGroupMembership_ConflictNamesGroup()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.Groups.AddUserAsync(S.Root, "devs", "alice");

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must remove users from group first.", () => S.Users.DeleteAsync(S.Root, "alice"));

        Assert.Equal("alice", (await S.Users.GetAsync(S.Root, "alice")).Name);
    }

    [Fact]
    public async Task Delete_OnlyAccessKey_ConflictNamesAccessKeys()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.AccessKeys.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete access keys first.", () => S.Users.DeleteAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task List_25UsersPagesOf10_EachUserOnceAndTruncationRight()
    {
        var expected = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var name = i % 2 == 0 ? $"user{i:D2}" : $"User{i:D2}";
            expected.Add(name);
            await S.Users.CreateAsync(S.Root, name);
        }

        var seen = new List<string>();
        var pages = new List<(int Count, bool Truncated)>();
        string? marker = null;
        do
        {
            var page = await S.Users.ListAsync(S.Root, marker: marker, maxItems: 10);
            seen.AddRange(page.Items.Select(u => u.Name));
            pages.Add((page.Items.Count, page.IsTruncated));
            Assert.Equal(page.IsTruncated, page.Marker is not null);
            marker = page.Marker;
            Assert.True(pages.Count <= 3, "pagination does not end");
        }
        while (marker is not null);

        Assert.Equal([(10, true), (10, true), (5, false)], pages);
        Assert.Equal(expected, seen);
        Assert.Equal(25, seen.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task List_ExactlyMaxItems_NotTruncated()
    {
        for (var i = 0; i < 10; i++)
        {
            await S.Users.CreateAsync(S.Root, $"user{i}");
        }

        var page = await S.Users.ListAsync(S.Root, maxItems: 10);

        Assert.Equal(10, page.Items.Count);
        Assert.False(page.IsTruncated);
        Assert.Null(page.Marker);
    }

    [Fact]
    public async Task List_MaxItemsZero_ValidationError()
    {
        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
            () => S.Users.ListAsync(S.Root, maxItems: 0));
    }

    [Fact]
    public async Task List_PathPrefix_OnlyUsersUnderThePrefix()
    {
        await S.Users.CreateAsync(S.Root, "root-level");
        await S.Users.CreateAsync(S.Root, "eng1", "/eng/");
        await S.Users.CreateAsync(S.Root, "eng2", "/eng/backend/");
        await S.Users.CreateAsync(S.Root, "engineer", "/engineering/");
        await S.Users.CreateAsync(S.Root, "sales", "/sales/");

        var eng = await S.Users.ListAsync(S.Root, pathPrefix: "/eng/");
        var all = await S.Users.ListAsync(S.Root, pathPrefix: "/");
        var none = await S.Users.ListAsync(S.Root, pathPrefix: "/marketing/");

        Assert.Equal(["eng1", "eng2"], eng.Items.Select(u => u.Name));
        Assert.Equal(5, all.Items.Count);
        Assert.Empty(none.Items);
    }

    /// <summary>Paths are case-sensitive (they are part of the ARN); both backends must agree.</summary>
    [Fact]
    public async Task List_PathPrefixOtherCase_DoesNotMatch()
    {
        await S.Users.CreateAsync(S.Root, "lower", "/eng/");
        await S.Users.CreateAsync(S.Root, "upper", "/ENG/");

        var page = await S.Users.ListAsync(S.Root, pathPrefix: "/eng/");

        Assert.Equal("lower", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task List_PathPrefixWithLikeWildcards_TakenLiterally()
    {
        await S.Users.CreateAsync(S.Root, "literal", "/a_b/");
        await S.Users.CreateAsync(S.Root, "other", "/axb/");

        var page = await S.Users.ListAsync(S.Root, pathPrefix: "/a_b/");

        Assert.Equal("literal", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task List_PathPrefixAndPaging_PagesOnlyTheFilteredUsers()
    {
        for (var i = 0; i < 5; i++)
        {
            await S.Users.CreateAsync(S.Root, $"in{i}", "/team/");
            await S.Users.CreateAsync(S.Root, $"out{i}", "/other/");
        }

        var first = await S.Users.ListAsync(S.Root, pathPrefix: "/team/", maxItems: 3);
        var second = await S.Users.ListAsync(S.Root, pathPrefix: "/team/", marker: first.Marker, maxItems: 3);

        Assert.True(first.IsTruncated);
        Assert.False(second.IsTruncated);
        Assert.Equal(["in0", "in1", "in2", "in3", "in4"], first.Items.Concat(second.Items).Select(u => u.Name));
    }

    [Fact]
    public async Task Audit_CreateAndFailedDelete_RecordedWithCallerAndOutcome()
    {
        await S.Users.CreateAsync(S.Admin, "alice");
        await S.AccessKeys.CreateAsync(S.Admin, "alice");
        await Assert.ThrowsAsync<IamException>(() => S.Users.DeleteAsync(S.Admin, "alice"));
        await Assert.ThrowsAsync<IamException>(() => S.Users.CreateAsync(S.Admin, "ALICE"));

        var events = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Admin.PrincipalArn);

        Assert.Equal(
            [("iam:CreateUser", "ALICE", "EntityAlreadyExists"), ("iam:DeleteUser", "alice", "DeleteConflict"), ("iam:CreateAccessKey", "alice", "Success"), ("iam:CreateUser", "alice", "Success")],
            events.Select(e => (e.Action, e.Target, e.Outcome)));
        Assert.All(events, e => Assert.Equal(TestStore.AccountId, e.AccountId));
    }

    [Fact]
    public async Task ChangeStamp_CreateRenameDelete_EachMovesIt()
    {
        var token = TestContext.Current.CancellationToken;
        var start = await S.Store.ReadRevisionAsync(token);

        await S.Users.CreateAsync(S.Root, "alice");
        var afterCreate = await S.Store.ReadRevisionAsync(token);
        await S.Users.UpdateAsync(S.Root, "alice", "bob", null);
        var afterRename = await S.Store.ReadRevisionAsync(token);
        await S.Users.ListAsync(S.Root);
        await S.Users.DeleteAsync(S.Root, "bob");
        var afterDelete = await S.Store.ReadRevisionAsync(token);

        Assert.True(afterCreate > start);
        Assert.True(afterRename > afterCreate);
        Assert.True(afterDelete > afterRename);
    }

    /// <summary>AWS reports every model violation in one ValidationError; the order is not something to rely on.</summary>
    private static void AssertViolations(IamException error, params string[] violations)
    {
        Assert.Equal(IamErrorCode.ValidationError, error.Code);
        var prefix = $"{violations.Length} validation errors detected: ";
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        Assert.Equal(violations.Order(StringComparer.Ordinal), error.Message[prefix.Length..].Split("; ").Order(StringComparer.Ordinal));
    }
}

public sealed class SqliteUserStoreTests() : UserStoreTests(Backend.Sqlite);

public sealed class PostgresUserStoreTests() : UserStoreTests(Backend.Postgres);
