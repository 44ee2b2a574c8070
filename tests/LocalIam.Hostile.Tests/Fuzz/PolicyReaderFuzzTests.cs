using System.Text.Json.Nodes;
using LocalIam.Hostile.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Hostile.Tests.Fuzz;

/// <summary>
/// The policy reader (PolicyParser.Parse over JsonSyntaxReader) under mutations of every policy in
/// tests/corpus and data/managed-policies plus random text: it never throws, never takes long, an
/// invalid document always has a first error with a message and a position in the text, and a
/// valid one compiles and evaluates.
/// </summary>
public sealed class PolicyReaderFuzzTests
{
    private static readonly string[] Tokens =
    [
        "\"Version\":\"2012-10-17\"", "\"Statement\":[", "\"Effect\":\"Deny\"", "\"Action\":\"*\"", "\"NotAction\":[]", "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"",
        "\"Principal\":{\"AWS\":\"*\"}", "\"Condition\":{\"StringLike\":{\"aws:PrincipalTag/team\":[\"a*\"]}}", "\"ForAnyValue:StringEquals\"", "\"IfExists\"",
        "\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}", "\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}", "\"Sid\":\"x\"", "1e400", "-0", "true", "null",
        "\"${", "${*}", "${?}", "${$}", "\"\\u0000\"", "\"\\uD800\"", ",,", "[[[[[[[[", "]]]]", "{{{{", "\"NumericLessThan\":{\"s3:max-keys\":\"1e999999\"}",
    ];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Parse_MutatedCorpusPolicies_NeverThrowsEveryRejectionAValue(int seed)
    {
        var seeds = SeedPolicies();
        var mutator = new Mutator(seed, seeds, Tokens);
        PolicyKind[] kinds = [PolicyKind.Identity, PolicyKind.Trust, PolicyKind.Resource, PolicyKind.PermissionsBoundary, PolicyKind.Session, PolicyKind.ServiceControl];
        var principal = Principal.User("111122223333", "alice");
        var request = new AuthorizationRequest(principal, "iam:GetUser", "arn:aws:iam::111122223333:user/alice",
            PrincipalContextKeys.AddTo(new RequestContext().Set("aws:SourceIp", "10.1.2.3").SetList("aws:TagKeys", ["a"]), principal));
        var (valid, invalid) = (0, 0);

        await FuzzBudget.RunAsync("PolicyParser.Parse", seed, FuzzBudget.InputsPerSeed(20_000), _ => mutator.Next(), text =>
        {
            var kind = kinds[mutator.Random.Next(kinds.Length)];
            var result = PolicyParser.Parse(text, kind, new PolicyParseOptions { RequireVersion2012 = mutator.Random.Next(2) == 0 });
            if (result.IsValid)
            {
                valid++;
                var set = new PolicySet([CompiledPolicy.Compile("fuzz", kind, result.Document!)]);
                var applicable = kind == PolicyKind.Resource ? new ApplicablePolicies { ResourcePolicy = set } : new ApplicablePolicies { Identity = set };
                Assert.True(Enum.IsDefined(Authorizer.Authorize(request, applicable, AccountSettings.Default).Decision));
                return;
            }

            invalid++;
            var error = result.FirstError;
            Assert.True(error is not null && !string.IsNullOrWhiteSpace(error.Message), $"an invalid document without an error: {FuzzBudget.Show(text)}");
            Assert.InRange(error.Span.Offset, 0, System.Text.Encoding.UTF8.GetByteCount(text));
        });

        // Both paths must be exercised, or the property says little.
        Assert.True(valid > 100 && invalid > 1000, $"valid {valid}, invalid {invalid}");
    }

    /// <summary>Every policy of the declarative corpus and of the AWS managed policies shipped in data/.</summary>
    public static List<string> SeedPolicies()
    {
        var seeds = new List<string>();
        foreach (var file in Directory.GetFiles(Repository.CorpusFolder, "*.json", SearchOption.AllDirectories))
        {
            if (JsonNode.Parse(File.ReadAllText(file))?["policies"] is JsonObject policies)
            {
                seeds.AddRange(policies.Select(p => p.Value!.ToJsonString()));
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "data", "managed-policies"), "*.json"))
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject { } document && document["Statement"] is not null)
            {
                seeds.Add(document.ToJsonString());
            }
        }

        Assert.True(seeds.Count >= 20, $"only {seeds.Count} seed policies");
        return seeds;
    }
}
