using LocalIam.Aws.Errors;
using LocalIam.Aws.Json;
using LocalIam.Aws.Query;
using LocalIam.Aws.SigV4;

namespace LocalIam.Hostile.Tests.Fuzz;

/// <summary>
/// SigV4Parser.Parse and SigV4Verifier.Verify over mutations of real SDK-signed requests (header,
/// presigned and session signatures): never an exception, every refusal an AWS error that both
/// envelopes (XML and JSON) can write, and no mutated request verifies unless it is still the seed.
/// </summary>
public sealed class SigV4ParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "AWS4-HMAC-SHA256 ", "Credential=", "SignedHeaders=", "Signature=", "X-Amz-Algorithm=", "X-Amz-Credential=", "X-Amz-Date=", "X-Amz-Expires=",
        "X-Amz-SignedHeaders=", "X-Amz-Signature=", "X-Amz-Security-Token=", "/us-east-1/", "/eu-west-1/", "/iam/", "/sts/", "aws4_request", ", ", ";", "host",
        "20261128T120000Z", "2026-11-28T12:00:00Z", "-1", "604801", "99999999999999999999", "%0B", "%00", "%FF", "AKIA", "ASIA",
    ];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Fact]
    public void Verify_UnmutatedSeeds_Accepted()
    {
        foreach (var seed in SignedRequestSeed.All)
        {
            var request = seed.ToRequest();
            var credential = SigV4Parser.Parse(request, out var error);

            Assert.True(credential is not null, $"{seed.Label}: {error?.Message}");
            Assert.Null(SigV4Verifier.Verify(request, credential, seed.Secret, seed.Now, ScopeOf(seed.Service)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ParseAndVerify_MutatedSignedRequests_EveryRefusalAnAwsError(int seed)
    {
        var seeds = SignedRequestSeed.All;
        var material = seeds.SelectMany(s => s.Headers.Select(h => h.Value).Append(s.Query).Append(s.Body)).ToList();
        var mutator = new Mutator(seed, material, Tokens);
        var refused = 0;

        await FuzzBudget.RunAsync("SigV4Parser", seed, FuzzBudget.InputsPerSeed(25_000), _ =>
        {
            var original = seeds[mutator.Random.Next(seeds.Count)];
            return (original, request: Mutate(original, mutator));
        }, input =>
        {
            var (original, request) = input;
            var credential = SigV4Parser.Parse(request, out var error);
            if (credential is null)
            {
                refused++;
                Renders(error);
                return;
            }

            var verdict = SigV4Verifier.Verify(request, credential, original.Secret, original.Now, ScopeOf(original.Service));
            if (verdict is not null)
            {
                refused++;
                Renders(verdict);
            }
        }, input => Describe(input.request));

        Assert.True(refused > 1000, $"only {refused} refusals: the mutations do not reach the checks");
    }

    private static string Describe(SignedRequest request) =>
        $"{request.Method} {FuzzBudget.Show(request.RawPath)}?{FuzzBudget.Show(request.RawQuery)} headers {FuzzBudget.Show(string.Join(" | ", request.Headers.Select(h => $"{h.Key}: {h.Value}")))} body {FuzzBudget.Show(System.Text.Encoding.UTF8.GetString(request.Body))}";

    private static SignedRequest Mutate(SignedRequestSeed seed, Mutator mutator)
    {
        var headers = seed.Headers.ToList();
        var (method, path, query, body) = (seed.Method, seed.Path, seed.Query, seed.Body);
        switch (mutator.Random.Next(6))
        {
            case 0 or 1:
                var i = mutator.Random.Next(headers.Count);
                headers[i] = new(headers[i].Key, mutator.Mutate(headers[i].Value));
                break;
            case 2:
                query = mutator.Mutate(query);
                break;
            case 3:
                body = mutator.Mutate(body);
                break;
            case 4:
                var j = mutator.Random.Next(headers.Count);
                headers[j] = new(mutator.Mutate(headers[j].Key), headers[j].Value);
                break;
            default:
                (method, path) = mutator.Random.Next(2) == 0 ? (mutator.Mutate(method), path) : (method, mutator.Mutate(path));
                break;
        }

        return new SignedRequest(method, path, query, headers, System.Text.Encoding.UTF8.GetBytes(body));
    }

    /// <summary>A refusal is a value: an AWS error with a code and a message that both envelopes write.</summary>
    private static void Renders(AwsError? error)
    {
        Assert.NotNull(error);
        Assert.False(string.IsNullOrEmpty(error.Code));
        Assert.InRange(error.Status, 400, 499);
        Assert.Contains("<Code>", QueryXml.Error(QueryXml.Iam, error, "00000000-0000-0000-0000-000000000000"), StringComparison.Ordinal);
        Assert.Contains("__type", JsonProtocol.Error(error), StringComparison.Ordinal);
    }

    /// <summary>The scope LocalIam's endpoint checks a request signed for this service against.</summary>
    private static SigningScope ScopeOf(string service) => service == "sts" ? SigningScope.Sts : SigningScope.GlobalService(service);
}
