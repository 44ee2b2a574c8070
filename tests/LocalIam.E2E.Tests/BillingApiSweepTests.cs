using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Every Cost Explorer and Budgets operation, with each member (and each member of its nested
/// objects) replaced by a value of every wrong JSON type: always AWS's envelope and a 4xx (or a
/// 200 where the value happens to be acceptable), never a server error.
/// </summary>
public sealed class BillingApiSweepTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private const string Notification = """{"NotificationType":"ACTUAL","ComparisonOperator":"GREATER_THAN","Threshold":80,"ThresholdType":"PERCENTAGE"}""";
    private const string Subscriber = """{"SubscriptionType":"EMAIL","Address":"a@example.com"}""";
    private const string Budget = """{"BudgetName":"sweep","BudgetLimit":{"Amount":"10","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY","TimePeriod":{"Start":1764547200,"End":1893456000},"CostFilters":{"Service":["x"]},"CostTypes":{"IncludeTax":false}}""";
    private const string Period = """{"Start":"2026-11-01","End":"2026-12-01"}""";

    private static readonly string[] WrongValues = ["1", "\"s\"", "[]", "[1]", "{}", "true", "-1e308"];

    public static TheoryData<string, string, string> Operations => new()
    {
        { "ce", "AWSInsightsIndexService.GetCostAndUsage", $$$$"""{"TimePeriod":{{{{Period}}}},"Granularity":"MONTHLY","Metrics":["UnblendedCost"],"GroupBy":[{"Type":"DIMENSION","Key":"SERVICE"}],"Filter":{"Dimensions":{"Key":"SERVICE","Values":["x"],"MatchOptions":["EQUALS"]}}}""" },
        { "ce", "AWSInsightsIndexService.GetDimensionValues", $$$$"""{"TimePeriod":{{{{Period}}}},"Dimension":"SERVICE","SearchString":"a","SortBy":[{"Key":"UnblendedCost","SortOrder":"ASCENDING"}],"MaxResults":5}""" },
        { "ce", "AWSInsightsIndexService.GetTags", $$$$"""{"TimePeriod":{{{{Period}}}},"TagKey":"Project","Filter":{"Tags":{"Key":"Project","Values":[""]}}}""" },
        { "ce", "AWSInsightsIndexService.GetCostForecast", """{"TimePeriod":{"Start":"2099-01-01","End":"2099-02-01"},"Metric":"UNBLENDED_COST","Granularity":"MONTHLY","PredictionIntervalLevel":90}""" },
        { "budgets", "AWSBudgetServiceGateway.CreateBudget", $$$$"""{"AccountId":"{{{{LocalIamServer.AccountId}}}}","Budget":{{{{Budget}}}},"NotificationsWithSubscribers":[{"Notification":{{{{Notification}}}},"Subscribers":[{{{{Subscriber}}}}]}]}""" },
        { "budgets", "AWSBudgetServiceGateway.DescribeBudgets", $$$$"""{"AccountId":"{{{{LocalIamServer.AccountId}}}}","MaxResults":5}""" },
        { "budgets", "AWSBudgetServiceGateway.UpdateSubscriber", $$$$"""{"AccountId":"{{{{LocalIamServer.AccountId}}}}","BudgetName":"sweep","Notification":{{{{Notification}}}},"OldSubscriber":{{{{Subscriber}}}},"NewSubscriber":{{{{Subscriber}}}}}""" },
        { "budgets", "AWSBudgetServiceGateway.DescribeNotificationsForBudget", $$$$"""{"AccountId":"{{{{LocalIamServer.AccountId}}}}","BudgetName":"sweep","MaxResults":5,"NextToken":"x"}""" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Post_EveryMemberOfEveryWrongType_NeverAServerError(string service, string target, string body)
    {
        var failures = new List<string>();
        foreach (var mutated in Mutations(JsonNode.Parse(body)!))
        {
            var (status, answer) = await SignedPost.SendJsonAsync(server.Endpoint, target, mutated, service, cancellationToken: TestContext.Current.CancellationToken);
            var isEnvelope = status == HttpStatusCode.OK || JsonDocument.Parse(answer).RootElement.TryGetProperty("__type", out _);
            if ((int)status >= 500 || !isEnvelope)
            {
                failures.Add($"{(int)status} {mutated} -> {answer}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The body with one member, at any depth, replaced by each wrong value.</summary>
    private static IEnumerable<string> Mutations(JsonNode root)
    {
        var paths = new List<List<object>>();
        void Walk(JsonNode? node, List<object> path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        paths.Add([.. path, key]);
                        Walk(value, [.. path, key]);
                    }

                    break;
                case JsonArray array when array.Count > 0:
                    paths.Add([.. path, 0]);
                    Walk(array[0], [.. path, 0]);
                    break;
            }
        }

        Walk(root, []);
        foreach (var path in paths)
        {
            foreach (var wrong in WrongValues)
            {
                var copy = root.DeepClone();
                var parent = path.SkipLast(1).Aggregate(copy, (node, step) => step is string key ? node[key]! : node[(int)step]!);
                if (path[^1] is string member)
                {
                    parent[member] = JsonNode.Parse(wrong);
                }
                else
                {
                    parent[(int)path[^1]] = JsonNode.Parse(wrong);
                }

                yield return copy.ToJsonString();
            }
        }
    }
}
