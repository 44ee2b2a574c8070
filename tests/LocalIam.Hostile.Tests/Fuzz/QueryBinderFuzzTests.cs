using LocalIam.Aws;
using LocalIam.Aws.Errors;
using LocalIam.Aws.Query;

namespace LocalIam.Hostile.Tests.Fuzz;

/// <summary>
/// The Query binder (FormEncoding.Parse and QueryRequest's readers) over mutations of real signed
/// request bodies and query strings plus random text: nothing escapes but AwsException, whose
/// error both is a client error and renders in AWS's XML envelope.
/// </summary>
public sealed class QueryBinderFuzzTests
{
    private static readonly string[] Tokens =
    [
        "&", "=", "Action=", "Version=", ".member.", ".member.1", ".member.1000", ".member.1001", ".member.0", ".member.-1", ".member.99999999999", ".entry.1.key=",
        "Tags.member.1.Key=", "MaxItems=", "MaxItems=99999999999", "OnlyAttached=True", "%", "%2", "%ZZ", "%00", "%FF", "%C3%28", "+", "++", "%2B", "%26",
    ];

    private static readonly string[] Names = ["Action", "Version", "UserName", "MaxItems", "OnlyAttached", "Tags", "ActionNames", "PolicyInputList", "ContextEntries"];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Bind_MutatedRequestBodies_OnlyAwsErrorsEscape(int seed)
    {
        var seeds = SignedRequestSeed.All.SelectMany(s => new[] { s.Body, s.Query }).Where(t => t.Length > 0).ToList();
        var mutator = new Mutator(seed, seeds, Tokens);
        var (parsed, refused) = (0, 0);

        await FuzzBudget.RunAsync("QueryRequest", seed, FuzzBudget.InputsPerSeed(25_000), _ => mutator.Next(), text =>
        {
            var query = new QueryRequest(FormEncoding.Parse(text));
            parsed++;
            // Every reader on the names a request may carry; a missing required one once per input.
            var required = Names[mutator.Random.Next(Names.Length)];
            foreach (var name in Names)
            {
                try
                {
                    _ = query.Get(name);
                    _ = query.GetList(name);
                    _ = query.GetStructures(name);
                    _ = query.GetInt(name);
                    _ = query.GetBool(name);
                    if (name == required)
                    {
                        _ = query.Required(name);
                    }
                }
                catch (AwsException refusal)
                {
                    refused++;
                    Assert.InRange(refusal.Error.Status, 400, 499);
                    Assert.Contains("<Code>", QueryXml.Error(QueryXml.Iam, refusal.Error, "00000000-0000-0000-0000-000000000000"), StringComparison.Ordinal);
                }
            }

            _ = FormEncoding.Encode(text);
        });

        Assert.True(parsed > 0 && refused > 100, $"parsed {parsed}, refused {refused}");
    }
}
