using BenchmarkDotNet.Attributes;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Storage;

namespace LocalIam.Benchmarks;

/// <summary>
/// Loading the account snapshot of a generated account at AWS's per-account limits (Scale 1) and
/// ten times that (Scale 10) from SQLite: eleven queries and the linking of every row. A fresh
/// cache each time, so nothing of an earlier load is reused (compilation is lazy and not part of it).
/// Target: under 1 s.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SnapshotBenchmarks
{
    private IamStore _store = null!;

    [Params(1, 10)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup() => _store = GeneratedStores.OpenAsync(Scale).GetAwaiter().GetResult();

    [Benchmark(Description = "load the account snapshot")]
    public async Task<int> Load()
    {
        var snapshot = await new AccountSnapshots(_store).CurrentAsync(GeneratedStores.AccountId);
        return snapshot.Users.Count;
    }
}

/// <summary>
/// "Who can aws-portal:ViewBilling on *?" over every principal of the generated account, role
/// trust chains included, on a loaded snapshot whose policies are compiled (warm: what every
/// query after the first at a revision costs, and after an unrelated write too, since compiled
/// policies outlive the snapshot). Target: under 50 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AccessQueryBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private AccountSnapshot _snapshot = null!;

    [Params(1, 10)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var store = GeneratedStores.OpenAsync(Scale).GetAwaiter().GetResult();
        _snapshot = new AccountSnapshots(store).CurrentAsync(GeneratedStores.AccountId).GetAwaiter().GetResult();
        var answer = AccessQuery.Answer(_snapshot, new AccessQuestion("aws-portal:ViewBilling"), Now);
        Console.WriteLine($"// {_snapshot.Users.Count} users, {_snapshot.Roles.Count} roles: {answer.AllowedPrincipals.Count} principals allowed, {answer.Allowed.Count} allowed entries");
    }

    [Benchmark(Description = "who can aws-portal:ViewBilling on *")]
    public int WhoCanViewBilling() => AccessQuery.Answer(_snapshot, new AccessQuestion("aws-portal:ViewBilling"), Now).Allowed.Count;

    [Benchmark(Description = "who can aws-portal:ViewBilling on *, without role trust")]
    public int WhoCanViewBillingDirectly() => AccessQuery.Answer(_snapshot, new AccessQuestion("aws-portal:ViewBilling") { FollowRoleTrust = false }, Now).Allowed.Count;
}
