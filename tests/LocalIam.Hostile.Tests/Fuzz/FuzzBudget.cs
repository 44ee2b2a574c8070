using System.Diagnostics;
using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.Fuzz;

/// <summary>
/// Runs a fuzz target over many inputs: every input's time is measured (none may take more than
/// <see cref="MaxPerInput"/>), every failure (an exception that escapes, or a property that does
/// not hold) is counted and the first few reported with the seed, input number and input, and the
/// whole run is bounded so a hang fails instead of stalling the suite.
/// </summary>
public static class FuzzBudget
{
    public static readonly TimeSpan MaxPerInput = TimeSpan.FromSeconds(1);

    private const int Shown = 5;

    /// <summary>Inputs per seed: thousands by default, a hundred times more with LOCALIAM_LONG_TESTS=1.</summary>
    public static int InputsPerSeed(int normal) => LongTests.Pick(normal, normal * 100);

    public static Task RunAsync(string target, int seed, int count, Func<int, string> input, Action<string> check) =>
        RunAsync(target, seed, count, input, check, Show);

    public static async Task RunAsync<T>(string target, int seed, int count, Func<int, T> input, Action<T> check, Func<T, string> show)
    {
        var slowest = TimeSpan.Zero;
        var slowestInput = string.Empty;
        var failures = new List<string>();
        var failed = 0;
        var run = Task.Run(() =>
        {
            var watch = new Stopwatch();
            for (var i = 0; i < count; i++)
            {
                var value = input(i);
                watch.Restart();
                try
                {
                    check(value);
                }
                catch (Exception ex)
                {
                    // Counted, not thrown: the report says how many inputs fail, not only the first.
                    failed++;
                    if (failures.Count < Shown)
                    {
                        failures.Add($"input {i}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}\n    {show(value)}");
                    }
                }

                if (watch.Elapsed > slowest)
                {
                    (slowest, slowestInput) = (watch.Elapsed, show(value));
                }
            }
        }, TestContext.Current.CancellationToken);

        await run.WaitAsync(TimeSpan.FromMinutes(LongTests.Enabled ? 60 : 2), TestContext.Current.CancellationToken);
        Assert.True(failed == 0, $"{target}, seed {seed}: {failed} of {count} inputs failed; the first:\n  {string.Join("\n  ", failures)}");
        Assert.True(slowest <= MaxPerInput, $"{target}, seed {seed}: one input took {slowest.TotalMilliseconds:F0} ms: {slowestInput}");
    }

    public static string Show(string text)
    {
        var shown = text.Length <= 300 ? text : text[..300] + $"... ({text.Length} characters)";
        return System.Text.Json.JsonSerializer.Serialize(shown);
    }
}
