using LocalIam.Iam.Accounts;
using LocalIam.Iam.Generation;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;

namespace LocalIam.Benchmarks;

/// <summary>
/// Generated SQLite stores for the benchmarks, made once and kept in the temp folder (each
/// benchmark runs in its own process, and an account ten times AWS's limits takes a while to write).
/// </summary>
internal static class GeneratedStores
{
    public const string AccountId = "111122223333";

    /// <summary>The store of <paramref name="scale"/> times an account at AWS's limits, made if missing.</summary>
    public static async Task<IamStore> OpenAsync(int scale, int seed = 1)
    {
        var folder = Path.Combine(Path.GetTempPath(), "localiam-bench-stores", $"scale-{scale}-seed-{seed}");
        var done = Path.Combine(folder, "generated.txt");
        if (!File.Exists(done))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            var (generated, elapsed) = await GenerateAsync(folder, BootstrapFor(_ => null), AccountShape.AtLimits.Times(scale), seed);
            await File.WriteAllTextAsync(done, $"{generated} in {elapsed.TotalSeconds:F1} s\n");
        }

        return new IamStore(StoreLocation.SqliteIn(folder));
    }

    /// <summary>Creates a store in <paramref name="folder"/>, bootstraps its account and fills it.</summary>
    public static async Task<(GeneratedAccount Account, TimeSpan Elapsed)> GenerateAsync(string folder, AccountBootstrap bootstrap, AccountShape shape, int seed)
    {
        Directory.CreateDirectory(folder);
        var store = new IamStore(StoreLocation.SqliteIn(folder));
        await store.MigrateAsync();
        await new AccountService(store, TimeProvider.System, SecretProtector.FromDataFolder(folder)).BootstrapAsync(bootstrap);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var account = await AccountGenerator.GenerateAsync(store, bootstrap.AccountId, shape, seed);
        return (account, started.Elapsed);
    }

    /// <summary>The values `serve` is started with in the scripts, so the generated store is theirs.</summary>
    public static AccountBootstrap BootstrapFor(Func<string, string?> environment) => new(
        environment("LOCALIAM_ACCOUNT_ID") ?? AccountId,
        environment("LOCALIAM_ROOT_EMAIL") ?? "root@example.com",
        environment("LOCALIAM_ROOT_PASSWORD") ?? "Bench-Root-Password-1",
        environment("LOCALIAM_ROOT_ACCESS_KEY_ID") ?? "AKIABENCHROOT0000001",
        environment("LOCALIAM_ROOT_SECRET_ACCESS_KEY") ?? "benchSecretKeyBenchSecretKeyBenchSecret1");
}
