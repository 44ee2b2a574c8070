using System.Text.Json;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Tests.Credentials;

public sealed class PackedSessionSizeTests
{
    private static readonly SessionTag[] ThreeTags = [new("connection", "c-12345678", false), new("owner", "vm-poppy", false), new("stack", "prod", false)];

    [Fact]
    public void Percent_SmallPolicy_FewTensOfPercent()
    {
        var percent = PackedSessionSize.Percent("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""", [], []);

        Assert.InRange(percent, 10, 40);
    }

    [Fact]
    public void Percent_EighteenActionsAndThreeTags_NearAwsEightyPercent()
    {
        var percent = PackedSessionSize.Percent(Policy(18), [], ThreeTags);

        Assert.InRange(percent, 60, 99);
    }

    [Fact]
    public void Percent_Whitespace_CostsNothing()
    {
        var compact = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
        var spaced = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\" } ]\n}";

        Assert.Equal(PackedSessionSize.Percent(compact, [], []), PackedSessionSize.Percent(spaced, [], []));
    }

    [Fact]
    public void Check_ManyVariedActionsUnderThePlainTextLimit_PackedPolicyTooLarge()
    {
        var policy = Policy(60);
        Assert.True(policy.Length <= 2048, $"{policy.Length} characters");

        var error = Assert.Throws<IamException>(() => PackedSessionSize.Check(policy, [], ThreeTags));

        Assert.Equal(IamErrorCode.PackedPolicyTooLarge, error.Code);
        Assert.Matches(@"^Packed policy consumes 1[0-9]{2}% of allotted space, please use smaller policy\.$", error.Message);
    }

    [Fact]
    public void Check_FiftyLongDistinctTags_PackedSizeOfSessionTags()
    {
        var tags = Enumerable.Range(0, 50).Select(i => new SessionTag($"key{i}-{Guid.NewGuid():N}", Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), false)).ToList();

        var error = Assert.Throws<IamException>(() => PackedSessionSize.Check(null, [], tags));

        Assert.Equal(IamErrorCode.PackedPolicyTooLarge, error.Code);
        Assert.Matches(@"^Packed size of session tags consumes [0-9]+% of allotted space\.$", error.Message);
    }

    [Fact]
    public void Check_NothingPassed_Zero()
    {
        Assert.Equal(0, PackedSessionSize.Check(null, [], []));
    }

    /// <summary>A policy of <paramref name="actions"/> distinct actions across services, as deployment roles ask for.</summary>
    private static string Policy(int actions)
    {
        string[] services = ["cloudformation", "dynamodb", "s3", "lambda", "iam", "logs", "apigateway", "events", "sqs", "sns", "ec2", "ssm"];
        string[] verbs = ["Create", "Delete", "Update", "Get", "List", "Describe", "Put", "Tag"];
        string[] nouns = ["Stack", "Table", "Bucket", "Function", "Role", "LogGroup", "RestApi", "Rule", "Queue", "Topic", "Item", "Instances"];
        var names = Enumerable.Range(0, actions).Select(i => $"{services[i % services.Length]}:{verbs[i / services.Length % verbs.Length]}{nouns[i * 5 % nouns.Length]}").Distinct().ToList();
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Action = names, Resource = "*" } } });
    }
}
