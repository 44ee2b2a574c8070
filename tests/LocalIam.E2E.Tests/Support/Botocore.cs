using System.Diagnostics;
using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// Python with the interpreter of /usr/bin/aws, where the CLI v2's own botocore lives (vendored as
/// awscli.botocore): its SigV4 signer signs requests no client would send, byte for byte.
/// </summary>
public static class Botocore
{
    public static async Task<string> RunAsync(string script)
    {
        AwsCli.RequireInstalled();
        var interpreter = File.ReadLines(AwsCli.Executable).First().TrimStart('#', '!').Trim();
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }

    /// <summary>POSTs <paramref name="body"/> as a Query form, signed by botocore for the service; the status and the body, which must be UTF-8.</summary>
    public static async Task<(int Status, string Body)> PostSignedAsync(string endpoint, byte[] body, string service = "iam",
        string accessKeyId = LocalIamServer.RootAccessKeyId, string secret = LocalIamServer.RootSecret)
    {
        var script = $$"""
            import awscli, base64, json, urllib.request, urllib.error
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            body = base64.b64decode('{{Convert.ToBase64String(body)}}')
            r = AWSRequest(method='POST', url='{{endpoint}}/', data=body, headers={'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'})
            SigV4Auth(Credentials('{{accessKeyId}}', '{{secret}}'), '{{service}}', 'us-east-1').add_auth(r)
            request = urllib.request.Request('{{endpoint}}/', data=body, headers=dict(r.headers.items()), method='POST')
            try:
                response = urllib.request.urlopen(request)
                status, raw = response.status, response.read()
            except urllib.error.HTTPError as e:
                status, raw = e.code, e.read()
            print(json.dumps({'status': status, 'body': raw.decode('utf-8')}))
            """;
        var answer = JsonDocument.Parse(await RunAsync(script)).RootElement;
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString()!);
    }
}
