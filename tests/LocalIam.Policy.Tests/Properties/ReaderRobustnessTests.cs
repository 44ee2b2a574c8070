using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Tests.Properties;

/// <summary>
/// Thousands of generated and mutated documents: the reader never throws, every invalid document
/// has an error with a position inside the text, and every valid one compiles and evaluates.
/// </summary>
public class ReaderRobustnessTests
{
    private const int DocumentsPerSeed = 500;

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_GeneratedAndMutatedDocuments_NeverThrowsAndExplainsErrors(int seed)
    {
        var generator = new PolicyGenerator(seed);
        PolicyKind[] kinds = [PolicyKind.Identity, PolicyKind.PermissionsBoundary, PolicyKind.Session, PolicyKind.ServiceControl, PolicyKind.Identity, PolicyKind.Resource];
        var request = new AuthorizationRequest(
            Principal.User("111122223333", "alice"), "iam:GetUser", "arn:aws:iam::111122223333:user/alice",
            PrincipalContextKeys.AddTo(new RequestContext().SetList("aws:TagKeys", ["a", "b"]).Set("aws:SourceIp", "10.1.2.3"), Principal.User("111122223333", "alice")));
        var (valid, invalid) = (0, 0);
        for (var i = 0; i < DocumentsPerSeed; i++)
        {
            var document = generator.Document();
            var text = i % 2 == 0 ? document : generator.Mutate(document);
            var kind = kinds[i % kinds.Length];

            var result = PolicyParser.Parse(text, kind);

            if (result.IsValid)
            {
                valid++;
                var policy = CompiledPolicy.Compile($"p{i}", kind, result.Document!);
                var set = new PolicySet([policy]);
                var applicable = kind == PolicyKind.Resource ? new ApplicablePolicies { ResourcePolicy = set } : new ApplicablePolicies { Identity = set };
                var decision = Authorizer.Authorize(request, applicable, AccountSettings.Default).Decision;
                Assert.True(Enum.IsDefined(decision));
            }
            else
            {
                invalid++;
                var error = result.FirstError;
                Assert.NotNull(error);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.False(string.IsNullOrWhiteSpace(error.Help));
                Assert.InRange(error.Span.Offset, 0, System.Text.Encoding.UTF8.GetByteCount(text));
            }
        }

        // The generator must exercise both paths, or the property says little.
        Assert.True(valid > 20, $"only {valid} valid documents");
        Assert.True(invalid > 100, $"only {invalid} invalid documents");
    }

    [Fact]
    public void Parse_HugeDocument_RejectedWithoutReading()
    {
        var text = "{\"Id\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var result = PolicyParser.Parse(text, PolicyKind.Identity);

        Assert.Equal("LIP002", result.FirstError!.Id);
    }
}
