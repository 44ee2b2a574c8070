using System.Globalization;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Generation;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Generation;

/// <summary>
/// The generated account is repeatable, valid and within IAM's quotas; and on it the access query
/// gives, principal by principal, the request authorizer's own decision.
/// </summary>
public abstract class AccountGeneratorStoreTests(Backend backend) : StoreTestBase(backend)
{
    [Fact]
    public async Task Generate_SameSeedTwice_SameAccountToTheId()
    {
        var first = await AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, AccountShape.Small, seed: 7, TestContext.Current.CancellationToken);
        await using var other = await TestStore.CreateAsync(Backend);
        var second = await AccountGenerator.GenerateAsync(other.Store, TestStore.AccountId, AccountShape.Small, seed: 7, TestContext.Current.CancellationToken);

        Assert.Equal(first with { AdminUsers = [], BillingUsers = [] }, second with { AdminUsers = [], BillingUsers = [] });
        Assert.Equal(first.AdminUsers, second.AdminUsers);
        Assert.Equal(await ContentAsync(S), await ContentAsync(other));
        Assert.Equal((120, 12, 40, 45), (first.Users, first.Groups, first.Roles, first.CustomerPolicies));
    }

    [Fact]
    public async Task Generate_SmallAccount_EveryRowSeenByTheSnapshotAsWritten()
    {
        var generated = await AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, AccountShape.Small, seed: 5, TestContext.Current.CancellationToken);

        var snapshot = await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken);

        IEnumerable<SnapshotIdentity> owners = [.. snapshot.Users, .. snapshot.Groups, .. snapshot.Roles];
        Assert.Equal(generated.Tags, snapshot.Users.Sum(u => u.Tags.Count) + snapshot.Roles.Sum(r => r.Tags.Count));
        Assert.Equal(generated.InlinePolicies, owners.Sum(o => o.InlinePolicies.Count));
        Assert.Equal(generated.Attachments, owners.Sum(o => o.AttachedPolicies.Count));
        Assert.Equal(generated.Memberships, snapshot.Users.Sum(u => u.Groups.Count));
        Assert.Equal(generated.CustomerPolicies, snapshot.ManagedPolicies.Values.Count(p => !p.IsAwsManaged));
        Assert.Contains(snapshot.Roles, r => r.InlinePolicies.Count > 0);
        Assert.Contains(snapshot.Roles, r => r.Tags.Count > 0);
        Assert.Contains(snapshot.Users, u => u.Boundary is not null);

        // AWS managed policies from the whole catalogue, never a retired one or one for service-linked roles.
        var aws = snapshot.ManagedPolicies.Values.Where(p => p.IsAwsManaged).ToList();
        Assert.InRange(aws.Count, 20, generated.Attachments);
        Assert.Contains(aws, p => p.Path == "/service-role/");
        Assert.All(aws, p => Assert.True(AwsManagedPolicyCatalog.Current.FindById(p.PolicyId) is { IsAttachable: true, Path: not "/aws-service-role/" }, p.Arn));
    }

    [Fact]
    public async Task Generate_SmallAccount_EveryDocumentValidAndEveryQuotaKept()
    {
        await AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, AccountShape.Small, seed: 3, TestContext.Current.CancellationToken);

        await S.Store.ReadAsync(async db =>
        {
            foreach (var version in await db.PolicyVersions.Where(v => db.ManagedPolicies.Any(p => p.Id == v.PolicyId && p.AccountId == TestStore.AccountId)).ToListAsync())
            {
                AssertValid(version.Document, PolicyKind.Identity, Quotas.ManagedPolicySize.Limit);
            }

            foreach (var inline in await db.InlinePolicies.ToListAsync())
            {
                AssertValid(inline.Document, PolicyKind.Identity, inline.OwnerKind == OwnerKind.User ? Quotas.UserInlinePolicySize.Limit : Quotas.GroupInlinePolicySize.Limit);
            }

            foreach (var role in await db.Roles.ToListAsync())
            {
                AssertValid(role.TrustPolicy, PolicyKind.Trust, Quotas.TrustPolicySize.Limit);
            }

            Assert.All(await db.GroupMemberships.GroupBy(m => m.UserId).Select(g => g.Count()).ToListAsync(), n => Assert.InRange(n, 1, Quotas.GroupsPerUser.Limit));
            Assert.All(await db.PolicyAttachments.GroupBy(a => a.OwnerId).Select(g => g.Count()).ToListAsync(), n => Assert.InRange(n, 1, Quotas.ManagedPoliciesPerUser.Limit));
            Assert.All(await db.PolicyVersions.GroupBy(v => v.PolicyId).Select(g => g.Count()).ToListAsync(), n => Assert.InRange(n, 1, Quotas.VersionsPerPolicy.Limit));
            return 0;
        });
    }

    [Fact]
    public async Task Generate_IntoAnAccountWithUsers_Refused()
    {
        await S.Users.CreateAsync(S.Root, "already-here");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, AccountShape.Small, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"The account `{TestStore.AccountId}` is not empty: generate into a fresh store", error.Message);
    }

    [Theory]
    [InlineData("aws-portal:ViewBilling", "*")]
    [InlineData("s3:GetObject", "arn:aws:s3:::orders-bucket/report.csv")]
    [InlineData("iam:CreateUser", "arn:aws:iam::111122223333:user/new")]
    [InlineData("dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/orders")]
    public async Task AccessQuery_GeneratedAccount_EachPrincipalAsTheRequestAuthorizerDecides(string action, string resource)
    {
        await AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, AccountShape.Small, seed: 11, TestContext.Current.CancellationToken);
        var snapshots = new AccountSnapshots(S.Store);
        var snapshot = await snapshots.CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken);
        var authorizer = new IamAuthorizer(S.Store, new PrincipalPolicyLoader(snapshots));
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var context = new RequestContext().Set("aws:SourceIp", "10.1.2.3").Set("aws:RequestedRegion", "us-east-1").Set("aws:SecureTransport", "true");

        var answer = AccessQuery.Answer(snapshot, new AccessQuestion(action, resource) { Context = context }, now, TestContext.Current.CancellationToken);

        var direct = answer.Allowed.Concat(answer.Denied).Where(e => e.Chain.Count == 0).ToDictionary(e => e.Principal.Arn, StringComparer.Ordinal);
        Assert.Equal(1 + snapshot.Users.Count + snapshot.Roles.Count, direct.Count);
        foreach (var user in snapshot.Users)
        {
            var who = new AuthenticatedPrincipal(user.Principal, UserId: user.Id);
            var expected = await authorizer.AuthorizeAsync(who, action, resource, RequestFor(context, now, who, user.Id), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((user.Name, expected.Decision, expected.Reason), (user.Name, direct[user.Arn].Decision, direct[user.Arn].Reason));
        }

        foreach (var role in snapshot.Roles)
        {
            var who = new AuthenticatedPrincipal(role.SessionPrincipal, RoleId: role.Id);
            var expected = await authorizer.AuthorizeAsync(who, action, resource, RequestFor(context, now, who, $"{role.Id}:{AccessQuery.SessionName}"), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((role.Name, expected.Decision, expected.Reason), (role.Name, direct[role.Arn].Decision, direct[role.Arn].Reason));
        }

        Assert.Contains(answer.Allowed, e => e.Decision == Decision.Allowed && e.Principal.Kind != AccessPrincipalKind.Root);
    }

    [Fact]
    public async Task AccessQuery_GeneratedAccount_SameAnswerWhetherDocumentsCompiledAheadOrOneByOne()
    {
        await AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, AccountShape.Small, seed: 13, TestContext.Current.CancellationToken);
        var ahead = await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken);
        var oneByOne = await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, TestContext.Current.CancellationToken);
        foreach (var handle in oneByOne.Handles)
        {
            _ = handle.Compiled;
        }

        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var question = new AccessQuestion("aws-portal:ViewBilling", "*");

        // A fresh snapshot's documents are compiled on every core first; the other's are all compiled already.
        Assert.True(ahead.Handles.Count(h => !h.IsCompiled) >= ActionReach.CompileAheadAtLeast);
        var first = AccessQuery.Answer(ahead, question, now, TestContext.Current.CancellationToken);
        var second = AccessQuery.Answer(oneByOne, question, now, TestContext.Current.CancellationToken);

        Assert.Equal(Entries(second.Allowed), Entries(first.Allowed));
        Assert.Equal(Entries(second.Denied), Entries(first.Denied));
        Assert.Contains(first.Allowed, e => e.Principal.Kind != AccessPrincipalKind.Root);
    }

    private static List<string> Entries(IEnumerable<AccessEntry> entries) =>
        [.. entries.Select(e => $"{e.Principal.Arn} {e.Decision} {e.Reason} {e.Source?.Id} {e.DecidingStatement?.Policy.Id} {e.DecidingStatement?.Sid} via {string.Join(',', e.Chain.Select(h => h.Role.Arn))}")];

    /// <summary>The keys a request signed by <paramref name="who"/> carries, as the server sets them.</summary>
    private static RequestContext RequestFor(RequestContext given, DateTimeOffset now, AuthenticatedPrincipal who, string userId)
    {
        var context = given.Copy()
            .Set("aws:CurrentTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Set("aws:userid", userId);
        return PrincipalContextKeys.AddTo(context, who.Principal);
    }

    private static void AssertValid(string document, PolicyKind kind, int maxSize)
    {
        var parsed = PolicyParser.Parse(document, kind);
        Assert.True(parsed.IsValid, $"{parsed.FirstError?.Message} in {document}");
        Assert.InRange(document.Count(c => !char.IsWhiteSpace(c)), 1, maxSize);
    }

    private static Task<List<string>> ContentAsync(TestStore store) =>
        store.Store.ReadAsync(async db =>
        {
            var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id} {u.Name} {u.Path} {u.PermissionsBoundaryArn}").ToListAsync();
            var policies = await db.PolicyVersions.OrderBy(v => v.PolicyId).ThenBy(v => v.VersionId).Select(v => $"{v.PolicyId} {v.VersionId} {v.Document}").ToListAsync();
            var roles = await db.Roles.OrderBy(r => r.Id).Select(r => $"{r.Id} {r.Name} {r.TrustPolicy}").ToListAsync();
            var memberships = await db.GroupMemberships.OrderBy(m => m.UserId).ThenBy(m => m.GroupId).Select(m => $"{m.UserId} {m.GroupId}").ToListAsync();
            return (List<string>)[.. users, .. policies, .. roles, .. memberships];
        });
}

public sealed class SqliteAccountGeneratorStoreTests() : AccountGeneratorStoreTests(Backend.Sqlite);

public sealed class PostgresAccountGeneratorStoreTests() : AccountGeneratorStoreTests(Backend.Postgres);
