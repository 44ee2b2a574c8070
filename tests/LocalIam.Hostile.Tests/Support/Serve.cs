using System.Diagnostics;
using System.Text;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.Hostile.Tests.Support;

/// <summary>
/// `localiam serve` as users run it (the CLI's build output beside the tests), with the E2E
/// bootstrap values; everything it prints is kept, read as it comes so the process never blocks.
/// </summary>
public sealed class Serve : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private Serve(Process process, string endpoint)
    {
        Process = process;
        Endpoint = endpoint;
    }

    public Process Process { get; }

    public string Endpoint { get; }

    /// <summary>What the process printed so far, standard output and error together.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<Serve> StartAsync(string folder, string? database = null, string? secretKey = null, bool waitForHealth = true)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "localiam.dll"), "serve", "--urls", endpoint, "--data", folder })
        {
            start.ArgumentList.Add(argument);
        }

        if (database is not null)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(database);
        }

        start.Environment["LOCALIAM_ACCOUNT_ID"] = LocalIamServer.AccountId;
        start.Environment["LOCALIAM_ROOT_EMAIL"] = LocalIamServer.RootEmail;
        start.Environment["LOCALIAM_ROOT_PASSWORD"] = LocalIamServer.RootPassword;
        start.Environment["LOCALIAM_ROOT_ACCESS_KEY_ID"] = LocalIamServer.RootAccessKeyId;
        start.Environment["LOCALIAM_ROOT_SECRET_ACCESS_KEY"] = LocalIamServer.RootSecret;
        if (secretKey is not null)
        {
            start.Environment["LOCALIAM_SECRET_KEY"] = secretKey;
        }

        var served = new Serve(Process.Start(start)!, endpoint);
        served.Process.OutputDataReceived += (_, line) => served.Append(line.Data);
        served.Process.ErrorDataReceived += (_, line) => served.Append(line.Data);
        served.Process.BeginOutputReadLine();
        served.Process.BeginErrorReadLine();
        if (!waitForHealth)
        {
            return served;
        }

        using var http = new HttpClient();
        for (var i = 0; i < 120 && !served.Process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync($"{endpoint}/_localiam/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return served;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        await served.DisposeAsync();
        Assert.Fail($"localiam serve did not start: {served.Output}");
        return served;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
