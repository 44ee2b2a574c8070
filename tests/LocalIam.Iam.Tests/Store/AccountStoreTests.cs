using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Store;

public abstract class AccountStoreTests(Backend backend) : StoreTestBase(backend)
{
    [Fact]
    public async Task Bootstrap_EmptyStore_CreatesAccountRootKeyAndManagedPolicies()
    {
        var account = await S.Accounts.GetAsync(TestStore.AccountId);

        Assert.Equal("root@example.com", account.RootEmail);
        Assert.False(account.BillingAccessEnabled);
        var rootKey = await S.AccessKeys.FindForSigningAsync(TestStore.Bootstrap.RootAccessKeyId);
        Assert.NotNull(rootKey);
        Assert.Null(rootKey.UserId);
        Assert.Equal(TestStore.Bootstrap.RootSecretAccessKey, rootKey.Secret);
        var billing = await S.Policies.GetAsync(S.Root, "arn:aws:iam::aws:policy/job-function/Billing");
        Assert.Equal("ANPAIFTHXT6FFMIRT7ZEA", billing.Id);
        Assert.Equal("/job-function/", billing.Path);
        Assert.Equal("v30", billing.DefaultVersionId);
    }

    [Fact]
    public async Task Bootstrap_SecondTime_KeepsTheFirstAccount()
    {
        var (account, created) = await S.Accounts.BootstrapAsync(TestStore.Bootstrap with { AccountId = "999988887777" });

        Assert.False(created);
        Assert.Equal(TestStore.AccountId, account.Id);
    }

    [Fact]
    public async Task RootPassword_StoredHashedAndVerifies()
    {
        var account = await S.Accounts.GetAsync(TestStore.AccountId);

        Assert.DoesNotContain(TestStore.Bootstrap.RootPassword, account.RootPasswordHash, StringComparison.Ordinal);
        Assert.NotNull(await S.Accounts.VerifyRootAsync("root@example.com", TestStore.Bootstrap.RootPassword));
        Assert.Null(await S.Accounts.VerifyRootAsync("root@example.com", "wrong"));
    }

    [Fact]
    public async Task AccessKeySecret_EncryptedAtRest()
    {
        var created = await S.AccessKeys.CreateAsync(S.Root, null);
        await S.Users.CreateAsync(S.Root, "alice");
        var aliceKey = await S.AccessKeys.CreateAsync(S.Root, "alice");

        var stored = await S.Store.ReadAsync(db => db.AccessKeys.Select(k => k.SecretCiphertext).ToListAsync());

        Assert.Equal(3, stored.Count);
        foreach (var secret in new[] { created.SecretAccessKey, aliceKey.SecretAccessKey, TestStore.Bootstrap.RootSecretAccessKey })
        {
            Assert.DoesNotContain(stored, bytes => System.Text.Encoding.UTF8.GetString(bytes).Contains(secret, StringComparison.Ordinal));
        }

        Assert.Equal(aliceKey.SecretAccessKey, (await S.AccessKeys.FindForSigningAsync(aliceKey.Key.Id))!.Secret);
    }

    [Fact]
    public async Task SetBillingAccess_Root_ChangesSettingAndAudits()
    {
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: true);

        Assert.True((await S.Accounts.GetAsync(TestStore.AccountId)).BillingAccessEnabled);
        var events = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Root.PrincipalArn);
        var change = Assert.Single(events, e => e.Action == "billing:UpdateIAMAccessPreference");
        Assert.Equal("Enabled", change.Target);
        Assert.Equal("Success", change.Outcome);
    }

    [Fact]
    public async Task SetBillingAccess_IamUser_AccessDeniedAndAudited()
    {
        await AssertIamError(IamErrorCode.AccessDenied,
            "Only the AWS account root user can change IAM user and role access to Billing information.",
            () => S.Accounts.SetBillingAccessAsync(S.Admin, enabled: true));

        Assert.False((await S.Accounts.GetAsync(TestStore.AccountId)).BillingAccessEnabled);
        var events = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Admin.PrincipalArn);
        Assert.Equal("AccessDenied", Assert.Single(events).Outcome);
    }

    [Fact]
    public async Task ChangeStamp_EveryWriteMovesIt_ReadsDoNot()
    {
        var before = await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.GetAsync(S.Root, "alice");
        var after = await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task ChangeStamp_RefusedChange_AuditedWithoutMovingIt()
    {
        var before = await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IamException>(() => S.Users.DeleteAsync(S.Root, "nobody"));

        Assert.Equal(before, await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken));
        Assert.Contains(await S.Audit.QueryAsync(TestStore.AccountId), e => e.Action == "iam:DeleteUser" && e.Outcome == "NoSuchEntity");
    }

    [Fact]
    public async Task Alias_CreateReplaceDelete_AsAws()
    {
        await S.Accounts.CreateAliasAsync(S.Root, "my-company");
        await S.Accounts.CreateAliasAsync(S.Root, "my-company-2");

        Assert.Equal("my-company-2", (await S.Accounts.GetAsync(TestStore.AccountId)).Alias);
        Assert.Equal(TestStore.AccountId, (await S.Accounts.FindByAliasOrIdAsync("my-company-2"))!.Id);
        await AssertIamError(IamErrorCode.NoSuchEntity, "The account alias my-company cannot be found.", () => S.Accounts.DeleteAliasAsync(S.Root, "my-company"));
        await S.Accounts.DeleteAliasAsync(S.Root, "my-company-2");
        Assert.Null((await S.Accounts.GetAsync(TestStore.AccountId)).Alias);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("a--b")]
    [InlineData("Upper")]
    [InlineData("123456789012")]
    public async Task Alias_Invalid_ValidationError(string alias)
    {
        var error = await Assert.ThrowsAsync<IamException>(() => S.Accounts.CreateAliasAsync(S.Root, alias));

        Assert.Equal(IamErrorCode.ValidationError, error.Code);
    }

    [Fact]
    public async Task PasswordPolicy_MissingThenSetThenDeleted_AsAws()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The Password Policy with domain name 111122223333 cannot be found.", () => S.Accounts.GetPasswordPolicyAsync(S.Root));
        await S.Accounts.UpdatePasswordPolicyAsync(S.Root, new PasswordPolicy { AccountId = "", MinimumPasswordLength = 12, RequireNumbers = true });

        var policy = await S.Accounts.GetPasswordPolicyAsync(S.Root);
        Assert.Equal(12, policy.MinimumPasswordLength);
        Assert.True(policy.RequireNumbers);

        await S.Accounts.DeletePasswordPolicyAsync(S.Root);
        await AssertIamError(IamErrorCode.NoSuchEntity, "The account policy with name PasswordPolicy cannot be found.", () => S.Accounts.DeletePasswordPolicyAsync(S.Root));
    }

    [Fact]
    public async Task PasswordPolicy_ValuesOutOfRange_AllReported()
    {
        await AssertIamError(IamErrorCode.ValidationError,
            "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128; "
            + "Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24; "
            + "Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
            () => S.Accounts.UpdatePasswordPolicyAsync(S.Root, new PasswordPolicy { AccountId = "", MinimumPasswordLength = 200, PasswordReusePrevention = 30, MaxPasswordAge = 2000 }));
    }
}

public sealed class SqliteAccountStoreTests() : AccountStoreTests(Backend.Sqlite);

public sealed class PostgresAccountStoreTests() : AccountStoreTests(Backend.Postgres);
