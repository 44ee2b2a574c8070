using LocalIam.Iam.Accounts;
using LocalIam.Iam.Linting;
using LocalIam.Storage.Entities;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Linting;

namespace LocalIam.Iam.Tests.Linting;

/// <summary>
/// LocalIam's own account check: full administrator access attached to a user directly, as the
/// lab's best practice says to avoid (attach AdministratorAccess to an admin group instead).
/// </summary>
public abstract class AccountLintStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string Everything = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private async Task<IReadOnlyList<AccountFinding>> LintAsync() =>
        AccountLint.Check(await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Check_AdministratorAccessOnAUser_WarnsAndNamesTheAdminGroup()
    {
        await S.Groups.CreateAsync(S.Root, "Admins");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "Admins", AccountLint.AdministratorAccessArn);
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Groups.AddUserAsync(S.Root, "Admins", "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "bob", AccountLint.AdministratorAccessArn);

        var finding = Assert.Single(await LintAsync());

        Assert.Equal(AccountLint.AdminAccessOnUser, finding.IssueCode);
        Assert.Equal(FindingType.Warning, finding.FindingType);
        Assert.Equal($"arn:aws:iam::{TestStore.AccountId}:user/bob", finding.PrincipalArn);
        Assert.Equal(
            "The user `bob` has full administrator access through the policy `arn:aws:iam::aws:policy/AdministratorAccess` attached directly; add the user to the admin group `Admins` and detach it from the user",
            finding.FindingDetails);
    }

    [Fact]
    public async Task Check_StarOnStarInlineAndCustomerManaged_BothReported()
    {
        await S.Users.CreateAsync(S.Root, "carol");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "carol", "everything", Everything);
        var custom = await S.Policies.CreateAsync(S.Root, "MyAdmin", Everything);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "carol", custom.Arn);

        var findings = await LintAsync();

        Assert.Equal([custom.Arn, "everything"], findings.Select(f => f.Policy).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.EndsWith("attach it to an admin group created by root and add the user to that group", f.FindingDetails, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_LimitedOrConditionalPolicies_NotReported()
    {
        await S.Users.CreateAsync(S.Root, "dave");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "dave", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "dave", "mfa-only",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""");

        Assert.Empty(await LintAsync());
    }
}

public sealed class SqliteAccountLintStoreTests() : AccountLintStoreTests(Backend.Sqlite);

public sealed class PostgresAccountLintStoreTests() : AccountLintStoreTests(Backend.Postgres);
