using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// Long-lived interpreters that run AWS CLI v2 commands with the CLI's own entry point
/// (tests/e2e/python/aws_cli_host.py, the function /usr/bin/aws calls), so a command costs its
/// work and not the ~0.8 s of CPU a new `aws` process spends starting: the suite's thousands of
/// commands are most of its time on a small machine. Each command gets a fresh CLI session and
/// only the environment given. LOCALIAM_CLI_PROCESS_PER_CALL=1 runs every command as its own
/// `aws` process instead.
/// </summary>
internal static class AwsCliHost
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("LOCALIAM_CLI_PROCESS_PER_CALL") != "1";

    private static readonly ConcurrentBag<Worker> Idle = [];

    public static async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        Worker? worker = null;
        while (worker is null && Idle.TryTake(out var idle))
        {
            worker = idle.IsAlive ? idle : null;
        }

        worker ??= Worker.Start();
        try
        {
            var result = await worker.RunAsync(arguments, environment, timeout);
            Idle.Add(worker);
            return result;
        }
        catch
        {
            worker.Kill();
            throw;
        }
    }

    private sealed class Worker
    {
        private readonly Process _process;

        private Worker(Process process) => _process = process;

        public bool IsAlive => !_process.HasExited;

        public static Worker Start()
        {
            var interpreter = File.ReadLines(AwsCli.Executable).First().TrimStart('#', '!').Trim();
            var start = new ProcessStartInfo(interpreter)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot.Folder, "tests", "e2e", "python", "aws_cli_host.py"));
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { }; // what the interpreter itself prints; each command's own errors come back in its reply
            process.BeginErrorReadLine();
            return new Worker(process);
        }

        public async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
        {
            var request = JsonSerializer.Serialize(new Dictionary<string, object> { ["args"] = arguments, ["env"] = environment });
            await _process.StandardInput.WriteLineAsync(request);
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout)
                ?? throw new InvalidOperationException("the AWS CLI host ended before it answered");
            var reply = JsonDocument.Parse(line).RootElement;
            return new CliResult(reply.GetProperty("exit").GetInt32(), reply.GetProperty("out").GetString()!, reply.GetProperty("err").GetString()!);
        }

        public void Kill()
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // it had already ended
            }

            _process.Dispose();
        }
    }
}
