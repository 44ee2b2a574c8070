using System.Diagnostics;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Benchmarks;

/// <summary>
/// Parses and compiles <see cref="PolicyMix"/> round after round and prints each round's time:
/// a steady loop to run under a profiler (`perf record`), and a quick check between changes.
/// </summary>
internal static class CompileMix
{
    public static int Run(string[] args)
    {
        var rounds = args is [var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 10;
        var documents = PolicyMix.Read();
        Console.WriteLine($"{documents.Length} documents, {documents.Sum(d => (long)d.Text.Length):N0} characters");
        for (var round = 1; round <= rounds; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var statements = 0;
            foreach (var d in documents)
            {
                statements += CompiledPolicy.Parse(d.Id, d.Text, d.Kind).Statements.Count;
            }

            var mb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6;
            Console.WriteLine($"round {round}: {clock.Elapsed.TotalMilliseconds:F1} ms, {statements} statements, {mb:F1} MB allocated");
        }

        return 0;
    }
}
