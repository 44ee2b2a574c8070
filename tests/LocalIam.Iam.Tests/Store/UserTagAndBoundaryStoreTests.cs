using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Store;

/// <summary>User tags and permissions boundaries, on both backends.</summary>
public abstract class UserTagAndBoundaryStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AllowS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";

    [Fact]
    public async Task Tags_CreateWithTagsThenAdd_AllListed()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("team", "red"), new TagInput("env", "")]);

        await S.Users.TagAsync(S.Root, "alice", [new TagInput("cost-center", "42")]);

        var tags = await S.Users.ListTagsAsync(S.Root, "alice");
        Assert.Equal(3, tags.Count);
        Assert.Contains(new TagInput("team", "red"), tags);
        Assert.Contains(new TagInput("env", ""), tags);
        Assert.Contains(new TagInput("cost-center", "42"), tags);
    }

    [Fact]
    public async Task Tags_MixedCaseKeys_ListedInOrdinalCaseSensitiveOrder()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("b", "1"), new TagInput("A", "2"), new TagInput("a_", "3"), new TagInput("Z", "4")]);

        var keys = (await S.Users.ListTagsAsync(S.Root, "alice")).Select(t => t.Key);

        Assert.Equal(["A", "Z", "a_", "b"], keys);
    }

    [Fact]
    public async Task Untag_KeyBreakingTheModel_ValidationErrorAndNothingRemoved()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("team", "red")]);

        await AssertIamError(IamErrorCode.ValidationError,
            @"1 validation error detected: Value at 'tagKeys.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+",
            () => S.Users.UntagAsync(S.Root, "alice", ["team", "a#b"]));
        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50",
            () => S.Users.UntagAsync(S.Root, "alice", [.. Enumerable.Range(0, 51).Select(i => $"k{i}")]));

        Assert.Equal("red", Assert.Single(await S.Users.ListTagsAsync(S.Root, "alice")).Value);
    }

    [Fact]
    public async Task Boundary_NotAPolicyArn_InvalidInputBeforeAnyLookup()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.InvalidInput, "ARN not-a-policy-arn-at-all is not valid.",
            () => S.Users.PutPermissionsBoundaryAsync(S.Root, "alice", "not-a-policy-arn-at-all"));
        await AssertIamError(IamErrorCode.InvalidInput, "ARN arn:aws:iam::123456789012:role/app is not valid.",
            () => S.Users.CreateAsync(S.Root, "bob", permissionsBoundary: "arn:aws:iam::123456789012:role/app"));
    }

    [Fact]
    public async Task Tags_SameKeyOtherCase_OverwritesInsteadOfAdding()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("Department", "finance")]);

        await S.Users.TagAsync(S.Root, "alice", [new TagInput("department", "hr")]);

        var tag = Assert.Single(await S.Users.ListTagsAsync(S.Root, "alice"));
        Assert.Equal("hr", tag.Value);
        Assert.Equal("department", tag.Key);
    }

    [Fact]
    public async Task Tags_DuplicateKeysOtherCaseInOneRequest_InvalidInput()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.InvalidInput, "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
            () => S.Users.TagAsync(S.Root, "alice", [new TagInput("Env", "a"), new TagInput("env", "b")]));
        await AssertIamError(IamErrorCode.InvalidInput, "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
            () => S.Users.CreateAsync(S.Root, "bob", tags: [new TagInput("Env", "a"), new TagInput("ENV", "b")]));

        Assert.Empty(await S.Users.ListTagsAsync(S.Root, "alice"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name bob cannot be found.", () => S.Users.GetAsync(S.Root, "bob"));
    }

    [Theory]
    [InlineData("aws:team")]
    [InlineData("AWS:team")]
    public async Task Tags_AwsPrefix_ReservedInvalidInput(string key)
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.InvalidInput, "Tag keys beginning with aws: are reserved for system use.",
            () => S.Users.TagAsync(S.Root, "alice", [new TagInput(key, "x")]));
        Assert.Empty(await S.Users.ListTagsAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task Tags_51InOneRequest_ValidationErrorAndUserNotCreated()
    {
        var tags = Enumerable.Range(0, 51).Select(i => new TagInput($"k{i}", "v")).ToList();

        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
            () => S.Users.CreateAsync(S.Root, "alice", tags: tags));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name alice cannot be found.", () => S.Users.GetAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task Tags_50Accepted_OneMoreLimitExceededNothingAdded()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: Enumerable.Range(0, 50).Select(i => new TagInput($"k{i}", "v")).ToList());

        await AssertIamError(IamErrorCode.LimitExceeded, "The number of tags has reached the maximum limit.",
            () => S.Users.TagAsync(S.Root, "alice", [new TagInput("k0", "changed"), new TagInput("extra", "x")]));

        var tags = await S.Users.ListTagsAsync(S.Root, "alice");
        Assert.Equal(50, tags.Count);
        Assert.DoesNotContain(tags, t => t.Key == "extra");
        Assert.Equal("v", Assert.Single(tags, t => t.Key == "k0").Value);
    }

    [Fact]
    public async Task Tags_OverwriteAtFifty_Allowed()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: Enumerable.Range(0, 50).Select(i => new TagInput($"k{i}", "v")).ToList());

        await S.Users.TagAsync(S.Root, "alice", [new TagInput("K7", "new")]);

        var tags = await S.Users.ListTagsAsync(S.Root, "alice");
        Assert.Equal(50, tags.Count);
        Assert.Equal("new", Assert.Single(tags, t => t.Key.Equals("k7", StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public async Task Tags_KeyTooLongOrBadCharacters_ValidationError()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        var error = await Assert.ThrowsAsync<IamException>(() => S.Users.TagAsync(S.Root, "alice", [new TagInput(new string('k', 129), "v")]));
        Assert.Equal(IamErrorCode.ValidationError, error.Code);
        Assert.Contains("Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<IamException>(() => S.Users.TagAsync(S.Root, "alice", [new TagInput("ok", "v"), new TagInput("bad*key", "v")]));
        Assert.Equal(IamErrorCode.ValidationError, error.Code);
        Assert.Contains("tags.2.member.key", error.Message, StringComparison.Ordinal);
        Assert.Empty(await S.Users.ListTagsAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task Untag_KeyOtherCase_Removed()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("Team", "red"), new TagInput("env", "prod")]);

        await S.Users.UntagAsync(S.Root, "alice", ["TEAM", "not-there"]);

        Assert.Equal(new TagInput("env", "prod"), Assert.Single(await S.Users.ListTagsAsync(S.Root, "alice")));
    }

    [Fact]
    public async Task Tags_OneUsersTags_NotSeenOnAnother()
    {
        await S.Users.CreateAsync(S.Root, "alice", tags: [new TagInput("team", "red")]);
        await S.Users.CreateAsync(S.Root, "bob");

        Assert.Empty(await S.Users.ListTagsAsync(S.Root, "bob"));
    }

    [Fact]
    public async Task PermissionsBoundary_PutThenDelete_StoredAndCleared()
    {
        var policy = await S.Policies.CreateAsync(S.Root, "boundary", AllowS3);
        await S.Users.CreateAsync(S.Root, "alice");

        await S.Users.PutPermissionsBoundaryAsync(S.Root, "alice", policy.Arn);
        Assert.Equal(policy.Arn, (await S.Users.GetAsync(S.Root, "alice")).PermissionsBoundaryArn);

        await S.Users.PutPermissionsBoundaryAsync(S.Root, "alice", BillingArn);
        Assert.Equal(BillingArn, (await S.Users.GetAsync(S.Root, "alice")).PermissionsBoundaryArn);

        await S.Users.DeletePermissionsBoundaryAsync(S.Root, "alice");
        Assert.Null((await S.Users.GetAsync(S.Root, "alice")).PermissionsBoundaryArn);
    }

    [Fact]
    public async Task PermissionsBoundary_MissingPolicy_NoSuchEntityScopeArnAndUnchanged()
    {
        await S.Users.CreateAsync(S.Root, "alice", permissionsBoundary: BillingArn);
        const string missing = "arn:aws:iam::111122223333:policy/not-there";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Scope ARN: {missing} does not exist or is not attachable.",
            () => S.Users.PutPermissionsBoundaryAsync(S.Root, "alice", missing));

        Assert.Equal(BillingArn, (await S.Users.GetAsync(S.Root, "alice")).PermissionsBoundaryArn);
    }

    [Fact]
    public async Task Create_WithMissingBoundary_NoSuchEntityAndNoUser()
    {
        const string missing = "arn:aws:iam::111122223333:policy/not-there";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Scope ARN: {missing} does not exist or is not attachable.",
            () => S.Users.CreateAsync(S.Root, "alice", permissionsBoundary: missing));

        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name alice cannot be found.", () => S.Users.GetAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task PermissionsBoundary_OtherAccountsPolicy_NotAttachable()
    {
        const string foreign = "arn:aws:iam::999988887777:policy/boundary";
        await S.Policies.CreateAsync(S.Root, "boundary", AllowS3);
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Scope ARN: {foreign} does not exist or is not attachable.",
            () => S.Users.PutPermissionsBoundaryAsync(S.Root, "alice", foreign));
    }
}

public sealed class SqliteUserTagAndBoundaryStoreTests() : UserTagAndBoundaryStoreTests(Backend.Sqlite);

public sealed class PostgresUserTagAndBoundaryStoreTests() : UserTagAndBoundaryStoreTests(Backend.Postgres);
