using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/LocalIam.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
