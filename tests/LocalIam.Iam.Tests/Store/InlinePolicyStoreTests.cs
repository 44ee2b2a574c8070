using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Store;

public abstract class InlinePolicyStoreTests(Backend backend) : StoreTestBase(backend)
{
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

    private static string Lower(OwnerKind kind) => kind.ToString().ToLowerInvariant();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PutGetListDelete_RoundTrip_AsStored(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");

        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "ReadBucket", PolicyDocs.ReadBucket);
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "ListBuckets", PolicyDocs.ListBuckets);

        var read = await S.InlinePolicies.GetAsync(S.Root, kind, "owner", "ReadBucket");
        Assert.Equal("ReadBucket", read.Name);
        Assert.Equal(PolicyDocs.ReadBucket, read.Document);
        Assert.Equal(kind, read.OwnerKind);
        Assert.Equal(["ListBuckets", "ReadBucket"], await S.InlinePolicies.ListAsync(S.Root, kind, "owner"));

        await S.InlinePolicies.DeleteAsync(S.Root, kind, "owner", "ReadBucket");

        Assert.Equal(["ListBuckets"], await S.InlinePolicies.ListAsync(S.Root, kind, "owner"));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The {Lower(kind)} policy with name ReadBucket cannot be found.",
            () => S.InlinePolicies.GetAsync(S.Root, kind, "owner", "ReadBucket"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Put_SameNameOtherCase_Replaces(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "Access", PolicyDocs.ReadBucket);

        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "ACCESS", PolicyDocs.ListBuckets);

        var names = await S.InlinePolicies.ListAsync(S.Root, kind, "owner");
        Assert.Single(names);
        Assert.Equal(PolicyDocs.ListBuckets, (await S.InlinePolicies.GetAsync(S.Root, kind, "owner", "access")).Document);
    }

    [Fact]
    public async Task Put_SamePolicyNameOnDifferentOwners_Independent()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Roles.CreateAsync(S.Root, "alice", PolicyDocs.Trust);

        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "Access", PolicyDocs.ReadBucket);
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, "alice", "Access", PolicyDocs.ListBuckets);
        await S.InlinePolicies.DeleteAsync(S.Root, OwnerKind.Role, "alice", "Access");

        Assert.Equal(PolicyDocs.ReadBucket, (await S.InlinePolicies.GetAsync(S.Root, OwnerKind.User, "alice", "Access")).Document);
        Assert.Empty(await S.InlinePolicies.ListAsync(S.Root, OwnerKind.Role, "alice"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task GetAndDelete_MissingPolicy_NoSuchEntity(OwnerKind kind)
    {
        await CreateOwnerAsync(kind, "owner");
        var message = $"The {Lower(kind)} policy with name Ghost cannot be found.";

        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => S.InlinePolicies.GetAsync(S.Root, kind, "owner", "Ghost"));
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => S.InlinePolicies.DeleteAsync(S.Root, kind, "owner", "Ghost"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AllOperations_MissingOwner_NoSuchEntity(OwnerKind kind)
    {
        var message = $"The {Lower(kind)} with name ghost cannot be found.";

        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => S.InlinePolicies.PutAsync(S.Root, kind, "ghost", "P", PolicyDocs.ReadBucket));
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => S.InlinePolicies.GetAsync(S.Root, kind, "ghost", "P"));
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => S.InlinePolicies.DeleteAsync(S.Root, kind, "ghost", "P"));
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => S.InlinePolicies.ListAsync(S.Root, kind, "ghost"));
    }

    [Theory]
    [InlineData(OwnerKind.User, 2048)]
    [InlineData(OwnerKind.Group, 5120)]
    [InlineData(OwnerKind.Role, 10240)]
    public async Task Put_AggregateExactlyAtLimit_Accepted(OwnerKind kind, int limit)
    {
        await CreateOwnerAsync(kind, "owner");

        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "first", PolicyDocs.IdentityOfSize(limit - 600));
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "second", PolicyDocs.IdentityOfSize(600));

        Assert.Equal(["first", "second"], await S.InlinePolicies.ListAsync(S.Root, kind, "owner"));
    }

    [Theory]
    [InlineData(OwnerKind.User, 2048)]
    [InlineData(OwnerKind.Group, 5120)]
    [InlineData(OwnerKind.Role, 10240)]
    public async Task Put_AggregateOverLimit_LimitExceeded(OwnerKind kind, int limit)
    {
        await CreateOwnerAsync(kind, "owner");
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "first", PolicyDocs.IdentityOfSize(limit - 600));

        await AssertIamError(IamErrorCode.LimitExceeded, $"Maximum policy size of {limit} bytes exceeded for {Lower(kind)} owner",
            () => S.InlinePolicies.PutAsync(S.Root, kind, "owner", "second", PolicyDocs.IdentityOfSize(601)));

        Assert.Equal(["first"], await S.InlinePolicies.ListAsync(S.Root, kind, "owner"));
    }

    [Theory]
    [InlineData(OwnerKind.User, 2048)]
    [InlineData(OwnerKind.Group, 5120)]
    [InlineData(OwnerKind.Role, 10240)]
    public async Task Put_SinglePolicyOverLimit_LimitExceeded(OwnerKind kind, int limit)
    {
        await CreateOwnerAsync(kind, "owner");

        await AssertIamError(IamErrorCode.LimitExceeded, $"Maximum policy size of {limit} bytes exceeded for {Lower(kind)} owner",
            () => S.InlinePolicies.PutAsync(S.Root, kind, "owner", "big", PolicyDocs.IdentityOfSize(limit + 1)));

        Assert.Empty(await S.InlinePolicies.ListAsync(S.Root, kind, "owner"));
    }

    [Theory]
    [InlineData(OwnerKind.User, 2048)]
    [InlineData(OwnerKind.Group, 5120)]
    [InlineData(OwnerKind.Role, 10240)]
    public async Task Put_ReplacingPolicy_CountsOnlyNewSize(OwnerKind kind, int limit)
    {
        await CreateOwnerAsync(kind, "owner");
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "first", PolicyDocs.IdentityOfSize(limit - 600));
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "second", PolicyDocs.IdentityOfSize(600));

        var replacement = PolicyDocs.IdentityOfSize(limit - 600);
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "FIRST", replacement);
        await AssertIamError(IamErrorCode.LimitExceeded, $"Maximum policy size of {limit} bytes exceeded for {Lower(kind)} owner",
            () => S.InlinePolicies.PutAsync(S.Root, kind, "owner", "first", PolicyDocs.IdentityOfSize(limit - 599)));

        Assert.Equal(replacement, (await S.InlinePolicies.GetAsync(S.Root, kind, "owner", "first")).Document);
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "second", PolicyDocs.IdentityOfSize(200));
        await S.InlinePolicies.PutAsync(S.Root, kind, "owner", "first", PolicyDocs.IdentityOfSize(limit - 200));
        Assert.Equal(2, (await S.InlinePolicies.ListAsync(S.Root, kind, "owner")).Count);
    }

    [Fact]
    public async Task Put_WhitespacePadded_WhitespaceNotCounted()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var document = PolicyDocs.Padded(PolicyDocs.IdentityOfSize(2000)) + new string('\n', 300);
        Assert.True(document.Length > 2048);

        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "padded", document);

        Assert.Equal(document, (await S.InlinePolicies.GetAsync(S.Root, OwnerKind.User, "alice", "padded")).Document);
    }

    [Fact]
    public async Task Put_LimitsArePerOwner_OtherUsersUnaffected()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");

        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "big", PolicyDocs.IdentityOfSize(2048));
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "bob", "big", PolicyDocs.IdentityOfSize(2048));

        Assert.Single(await S.InlinePolicies.ListAsync(S.Root, OwnerKind.User, "bob"));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}]}""", "Policy document should not specify a principal.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", "Syntax errors in policy.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""", "Policy statement must contain resources.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}""", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")]
    public async Task Put_MalformedDocument_MalformedPolicyDocument(string document, string message)
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);

        await AssertIamError(IamErrorCode.MalformedPolicyDocument, message, () => S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, "app", "bad", document));

        Assert.Empty(await S.InlinePolicies.ListAsync(S.Root, OwnerKind.Role, "app"));
    }

    [Fact]
    public async Task Put_NoVersion_AcceptedUnlikeManagedPolicies()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        const string document = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "old", document);

        Assert.Equal(document, (await S.InlinePolicies.GetAsync(S.Root, OwnerKind.User, "alice", "old")).Document);
    }

    [Fact]
    public async Task Put_MalformedReplacement_KeepsPrevious()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Group, "devs", "Access", PolicyDocs.ReadBucket);

        await Assert.ThrowsAsync<IamException>(() => S.InlinePolicies.PutAsync(S.Root, OwnerKind.Group, "devs", "Access", "{"));

        Assert.Equal(PolicyDocs.ReadBucket, (await S.InlinePolicies.GetAsync(S.Root, OwnerKind.Group, "devs", "Access")).Document);
    }

    [Fact]
    public async Task Put_InvalidPolicyName_ValidationError()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        var error = await Assert.ThrowsAsync<IamException>(() => S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "bad name", PolicyDocs.ReadBucket));

        Assert.Equal(IamErrorCode.ValidationError, error.Code);
        Assert.Contains("policyName", error.Message, StringComparison.Ordinal);
        Assert.Empty(await S.InlinePolicies.ListAsync(S.Root, OwnerKind.User, "alice"));
    }
}

public sealed class SqliteInlinePolicyStoreTests() : InlinePolicyStoreTests(Backend.Sqlite);

public sealed class PostgresInlinePolicyStoreTests() : InlinePolicyStoreTests(Backend.Postgres);
