using System.Text.Json.Nodes;
using LocalIam.Aws.SigV4;
using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.Fuzz;

/// <summary>One request signed by the AWS SDK's SigV4 signer (tests/hostile/fuzz/signed-requests.json), with what verifies it.</summary>
public sealed record SignedRequestSeed(string Label, string Method, string Path, string Query, List<KeyValuePair<string, string>> Headers, string Body, string Secret, string Service, DateTimeOffset Now)
{
    public static IReadOnlyList<SignedRequestSeed> All { get; } = Load();

    public SignedRequest ToRequest() => new(Method, Path, Query, Headers, System.Text.Encoding.UTF8.GetBytes(Body));

    private static List<SignedRequestSeed> Load()
    {
        var file = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Repository.HostileFolder, "fuzz", "signed-requests.json")))!;
        return [.. file["seeds"]!.AsArray().Select(s => new SignedRequestSeed(
            (string)s!["label"]!, (string)s["method"]!, (string)s["path"]!, (string)s["query"]!,
            [.. s["headers"]!.AsArray().Select(h => new KeyValuePair<string, string>((string)h![0]!, (string)h[1]!))],
            (string)s["body"]!, (string)s["secret"]!, (string)s["service"]!, DateTimeOffset.Parse((string)s["now"]!, System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
