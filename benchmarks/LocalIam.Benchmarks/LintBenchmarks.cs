using BenchmarkDotNet.Attributes;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Catalog;
using LocalIam.Policy.Linting;

namespace LocalIam.Benchmarks;

/// <summary>
/// The policy linter (ValidatePolicy's engine) on AWS's own documents: AdministratorAccess (one
/// statement, "*" on "*") and ReadOnlyAccess (thousands of actions, most of them wildcards, every one
/// looked up in the catalogue and compared for redundancy), plus the catalogue's first load.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LintBenchmarks
{
    private LintRequest _admin = null!;
    private LintRequest _readOnly = null!;
    private string _catalogueResource = null!;

    [GlobalSetup]
    public void Setup()
    {
        _admin = new LintRequest(Document("AdministratorAccess"), LintPolicyType.Identity);
        _readOnly = new LintRequest(Document("ReadOnlyAccess"), LintPolicyType.Identity);
        _catalogueResource = "iam-catalog.json.br";

        // Every figure is of an answer checked here: AdministratorAccess warns of iam:PassRole on *.
        if (!PolicyLinter.Lint(_admin).Any(f => f.IssueCode == "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"))
        {
            throw new InvalidOperationException("AdministratorAccess: the PassRole warning is missing");
        }

        // ReadOnlyAccess lists one action its own wildcards already cover.
        if (!PolicyLinter.Lint(_readOnly).Any(f => f.IssueCode == "REDUNDANT_ACTION"))
        {
            throw new InvalidOperationException("ReadOnlyAccess: the redundant action is not found");
        }
    }

    [Benchmark(Description = "lint AdministratorAccess")]
    public int AdministratorAccess() => PolicyLinter.Lint(_admin).Count;

    [Benchmark(Description = "lint ReadOnlyAccess (thousands of actions)")]
    public int ReadOnlyAccess() => PolicyLinter.Lint(_readOnly).Count;

    [Benchmark(Description = "read the IAM action catalogue (first use)")]
    public int ReadCatalogue()
    {
        using var stream = typeof(IamCatalog).Assembly.GetManifestResourceStream(_catalogueResource)!;
        return IamCatalog.Load(stream).Services.Count();
    }

    private static string Document(string name) =>
        AwsManagedPolicyCatalog.Current.FindByArn(AwsManagedPolicyCatalog.ArnPrefix + name)!.Document;
}
