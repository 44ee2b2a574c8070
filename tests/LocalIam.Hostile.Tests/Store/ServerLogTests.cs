using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.Store;

/// <summary>
/// A client-caused failure logs one line at most, never a stack trace per request (issue 7,
/// defect 5: a five-second loop of `X-Amz-Algorithm=%0B` grew the log by 89 MiB).
/// </summary>
public sealed class ServerLogTests
{
    private const int Requests = 50;

    [Fact]
    public async Task HostileRequests_FiftyControlCharacterRequests_NoStackTraceAtMostALineEach()
    {
        var folder = Path.Combine(Path.GetTempPath(), "localiam-log-" + Guid.NewGuid().ToString("N"));
        var served = await Serve.StartAsync(folder);
        try
        {
            await SendAndCheckAsync(served);
        }
        finally
        {
            await served.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SendAndCheckAsync(Serve served)
    {
        var before = served.Output.Length;
        using var http = new HttpClient();
        string[] hostile =
        [
            "/?Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=%0B&X-Amz-Credential=AKIAE2EROOTKEY000001%2F20260101%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "/?Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAE2EROOTKEY000001%2F20260101%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=%01&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
        ];

        var statuses = new List<int>();
        for (var i = 0; i < Requests; i++)
        {
            using var response = await http.GetAsync(served.Endpoint + hostile[i % hostile.Length], TestContext.Current.CancellationToken);
            statuses.Add((int)response.StatusCode);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var logged = served.Output[before..];
        var lines = logged.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.False(logged.Contains("   at ", StringComparison.Ordinal), $"{Requests} client errors logged {logged.Length} characters with stack traces:\n{logged[..Math.Min(logged.Length, 1500)]}");
        Assert.True(lines.Length <= Requests, $"{lines.Length} log lines for {Requests} client errors:\n{string.Join('\n', lines.Take(10))}");
        Assert.All(statuses, status => Assert.InRange(status, 400, 499));
    }
}
