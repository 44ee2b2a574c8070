using BenchmarkDotNet.Running;
using LocalIam.Benchmarks;

// dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- generate --data DIR [--scale N] [--seed N]
// dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- measure --data DIR
// dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- compile-mix [ROUNDS]   (a stopwatch loop to profile under)
return args switch
{
    ["generate", .. var rest] => await WholeProcess.GenerateAsync(rest),
    ["measure", .. var rest] => await WholeProcess.MeasureAsync(rest),
    ["compile-mix", .. var rest] => CompileMix.Run(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(WholeProcess).Assembly).Run(args);
    return 0;
}
