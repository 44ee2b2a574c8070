using System.Diagnostics;
using System.Globalization;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Generation;
using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Benchmarks;

/// <summary>
/// Figures of a whole process, one run each, as a command-line user sees them (benchmarks/snapshot/run.sh):
/// generating a store, and loading it cold with the first and later access queries and the memory held.
/// </summary>
internal static class WholeProcess
{
    /// <summary><c>generate --data DIR [--scale N] [--seed N]</c>: a store for `serve --data DIR`, with the bootstrap values from LOCALIAM_*.</summary>
    public static async Task<int> GenerateAsync(string[] args)
    {
        var data = Option(args, "--data") ?? throw new ArgumentException("generate needs --data DIR");
        var scale = int.Parse(Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var shape = AccountShape.AtLimits.Times(scale);
        var (account, elapsed) = await GeneratedStores.GenerateAsync(data, GeneratedStores.BootstrapFor(Environment.GetEnvironmentVariable), shape, seed);
        Console.WriteLine($"generated {shape} (seed {seed}): {account.Rows:N0} rows ({account.PolicyVersions:N0} policy versions, {account.Memberships:N0} memberships, "
            + $"{account.Attachments:N0} attachments, {account.InlinePolicies:N0} inline policies, {account.Tags:N0} tags) in {elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary><c>measure --data DIR</c>: snapshot loads, access queries and memory, in this fresh process.</summary>
    public static async Task<int> MeasureAsync(string[] args)
    {
        var data = Option(args, "--data") ?? throw new ArgumentException("measure needs --data DIR");
        var accountId = Option(args, "--account") ?? Environment.GetEnvironmentVariable("LOCALIAM_ACCOUNT_ID") ?? GeneratedStores.AccountId;
        var store = new IamStore(StoreLocation.SqliteIn(data));
        var question = new AccessQuestion("aws-portal:ViewBilling");
        var clock = Stopwatch.StartNew();

        var snapshots = new AccountSnapshots(store);
        var first = await snapshots.CurrentAsync(accountId);
        Report("first snapshot load in a fresh process (EF Core model and JIT included)", clock);
        var answer = AccessQuery.Answer(first, question, DateTimeOffset.UtcNow);
        Report($"first access query, compiling {snapshots.Compiled.CompiledCount:N0} of {first.Handles.Count:N0} documents", clock);
        var repeat = int.Parse(Option(args, "--repeat") ?? "5", CultureInfo.InvariantCulture);
        for (var i = 0; i < repeat; i++)
        {
            answer = AccessQuery.Answer(first, question, DateTimeOffset.UtcNow);
        }

        Report($"{repeat} more access queries (warm)", clock);
        for (var i = 0; i < 5; i++)
        {
            AccessQuery.Answer(first, question with { FollowRoleTrust = false }, DateTimeOffset.UtcNow);
        }

        Report("five access queries without role trust (warm)", clock);

        // An unrelated write moves the stamp: a new snapshot, the compiled policies kept.
        await store.WriteAsync(async db => (await db.Accounts.SingleAsync(a => a.Id == accountId)).Alias = $"measured-{Environment.TickCount64}");
        clock.Restart();
        var second = await snapshots.CurrentAsync(accountId);
        Report("snapshot load after a write (what each node pays once per change)", clock);
        var afterWrite = AccessQuery.Answer(second, question, DateTimeOffset.UtcNow);
        Report($"first access query on it ({snapshots.Compiled.CompiledCount:N0} documents compiled in all)", clock);

        Console.WriteLine($"account: {first.Users.Count:N0} users, {first.Groups.Count:N0} groups, {first.Roles.Count:N0} roles, {first.ManagedPolicies.Count:N0} managed policies in use");
        Console.WriteLine($"who can aws-portal:ViewBilling on *: {answer.AllowedPrincipals.Count:N0} principals ({answer.Allowed.Count:N0} entries with role chains, {afterWrite.Denied.Count:N0} denied)");
        GC.KeepAlive(second);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine($"managed heap with one snapshot compiled (and a second one held): {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:F0} MiB; "
            + $"process resident: {Environment.WorkingSet / 1024.0 / 1024.0:F0} MiB");
        return 0;
    }

    private static void Report(string what, Stopwatch clock)
    {
        Console.WriteLine($"{clock.Elapsed.TotalMilliseconds,9:F1} ms  {what}");
        clock.Restart();
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
