using System.Globalization;
using System.Net;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Storage.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Cost Explorer through the real AWS CLI and the JS SDK: totals for several groupings and filters
/// equal the sums of the server's own cost rows, months equal their days, and the API is decided by
/// policy alone (the billing-access setting, off here, gates console pages only). Bad input is
/// answered with AWS's code and status.
/// </summary>
public sealed class CliCostExplorerTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    private DateOnly Today => server.Services.GetRequiredService<BillingData>().Today;

    private DateOnly MonthStart => new(Today.Year, Today.Month, 1);

    [Fact]
    public async Task Cli_MonthlyOverThirteenMonths_EachMonthTheSumOfItsRowsAndOfItsDays()
    {
        var (start, end) = (MonthStart.AddMonths(-12), MonthStart.AddMonths(1));
        var monthly = await CostAndUsageAsync(start, end, "MONTHLY");
        var daily = await CostAndUsageAsync(start, end, "DAILY");
        var rows = await RowsAsync();

        var months = monthly.GetProperty("ResultsByTime").EnumerateArray().ToList();
        var days = daily.GetProperty("ResultsByTime").EnumerateArray().ToList();
        Assert.Equal(13, months.Count);
        Assert.Equal(end.DayNumber - start.DayNumber, days.Count);
        foreach (var month in months)
        {
            var (from, to) = Period(month);
            var fromDays = days.Where(d => Period(d).Start >= from && Period(d).End <= to).Sum(d => Amount(d.GetProperty("Total")));
            var fromRows = rows.Where(r => r.UsageDate >= from && r.UsageDate < to).Sum(r => r.UnblendedCost);
            Assert.Equal(Math.Round(fromRows, 8), Math.Round(Amount(month.GetProperty("Total")), 8));
            Assert.Equal(Math.Round(fromRows, 8), Math.Round(fromDays, 8));
            Assert.Equal(to > MonthStart, month.GetProperty("Estimated").GetBoolean());
        }
    }

    [Fact]
    public async Task Cli_GroupedByService_EachServiceTheSumOfItsRows()
    {
        var (start, end) = (MonthStart.AddMonths(-1), MonthStart);
        var answer = await _root.OkAsync("ce", "get-cost-and-usage", "--time-period", Dates(start, end), "--granularity", "MONTHLY",
            "--metrics", "UnblendedCost", "--group-by", "Type=DIMENSION,Key=SERVICE");
        var rows = (await RowsAsync()).Where(r => r.UsageDate >= start && r.UsageDate < end).ToList();

        var groups = Assert.Single(answer.GetProperty("ResultsByTime").EnumerateArray()).GetProperty("Groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("Keys")[0].GetString()!, g => Amount(g.GetProperty("Metrics")));
        var expected = rows.GroupBy(r => r.LineItemType == "Tax" ? "Tax" : r.ServiceName).ToDictionary(g => g.Key, g => Math.Round(g.Sum(r => r.UnblendedCost), 8));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), groups.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, Math.Round(groups[e.Key], 8)));
        Assert.Equal("SERVICE", answer.GetProperty("GroupDefinitions")[0].GetProperty("Key").GetString());
    }

    [Fact]
    public async Task Cli_FilterAndNotGroupedByTag_TheRowsItMatches()
    {
        var (start, end) = (MonthStart.AddMonths(-3), MonthStart);
        var filter = """{"And":[{"Not":{"Dimensions":{"Key":"RECORD_TYPE","Values":["Tax","Credit"]}}},{"Or":[{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}},{"Tags":{"Key":"Environment","Values":["staging"]}}]}]}""";
        var answer = await _root.OkAsync("ce", "get-cost-and-usage", "--time-period", Dates(start, end), "--granularity", "MONTHLY",
            "--metrics", "UnblendedCost", "AmortizedCost", "--group-by", "Type=TAG,Key=Project", "--filter", filter);
        var rows = (await RowsAsync()).Where(r => r.UsageDate >= start && r.UsageDate < end
            && r.LineItemType is not ("Tax" or "Credit") && (r.Region == "us-east-1" || CostTags.ValueOf(r.Tags, "Environment") == "staging")).ToList();

        var groups = answer.GetProperty("ResultsByTime").EnumerateArray().SelectMany(p => p.GetProperty("Groups").EnumerateArray())
            .GroupBy(g => g.GetProperty("Keys")[0].GetString()!).ToDictionary(g => g.Key, g => g.Sum(x => Amount(x.GetProperty("Metrics"), "AmortizedCost")));
        var expected = rows.GroupBy(r => "Project$" + CostTags.ValueOf(r.Tags, "Project")).ToDictionary(g => g.Key, g => g.Sum(r => r.AmortizedCost));
        Assert.Contains("Project$", groups.Keys);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), groups.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(Math.Round(e.Value, 6), Math.Round(groups[e.Key], 6)));
    }

    [Fact]
    public async Task JsSdk_GetCostAndUsage_SameTotalsAsTheRows()
    {
        var (start, end) = (MonthStart.AddMonths(-2), MonthStart);
        var input = $$"""{"TimePeriod":{"Start":"{{Day(start)}}","End":"{{Day(end)}}"},"Granularity":"MONTHLY","Metrics":["UnblendedCost","UsageQuantity"],"GroupBy":[{"Type":"DIMENSION","Key":"REGION"}],"Filter":""" +
            """{"Dimensions":{"Key":"SERVICE","Values":["Amazon Simple Storage Service"]}}}""";

        var call = await NodeScripts.SdkCallAsync(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, "ce", "GetCostAndUsage", input);

        Assert.True(call.GetProperty("ok").GetBoolean(), call.ToString());
        var rows = (await RowsAsync()).Where(r => r.UsageDate >= start && r.UsageDate < end && r.ServiceName == "Amazon Simple Storage Service" && r.LineItemType != "Tax").ToList();
        foreach (var period in call.GetProperty("output").GetProperty("ResultsByTime").EnumerateArray())
        {
            var (from, to) = Period(period);
            foreach (var group in period.GetProperty("Groups").EnumerateArray())
            {
                var region = group.GetProperty("Keys")[0].GetString();
                var expected = rows.Where(r => r.UsageDate >= from && r.UsageDate < to && CostDimension.Region.ValueOf(r) == region).Sum(r => r.UnblendedCost);
                Assert.Equal(Math.Round(expected, 8), Math.Round(Amount(group.GetProperty("Metrics")), 8));
            }
        }
    }

    [Fact]
    public async Task JsSdk_SignedForAnotherRegion_Answered()
    {
        var input = $$"""{"TimePeriod":{"Start":"{{Day(MonthStart.AddMonths(-1))}}","End":"{{Day(MonthStart)}}"},"Granularity":"MONTHLY","Metrics":["BlendedCost"]}""";

        var call = await NodeScripts.SdkCallAsync(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, "ce", "GetCostAndUsage", input, region: "eu-west-1");
        var cli = await _root.OkAsync("ce", "get-cost-and-usage", "--region", "ap-southeast-2", "--time-period", Dates(MonthStart.AddMonths(-1), MonthStart),
            "--granularity", "MONTHLY", "--metrics", "BlendedCost");

        Assert.True(call.GetProperty("ok").GetBoolean(), call.ToString());
        Assert.Equal(Amount(cli.GetProperty("ResultsByTime")[0].GetProperty("Total"), "BlendedCost"), Amount(call.GetProperty("output").GetProperty("ResultsByTime")[0].GetProperty("Total"), "BlendedCost"));
    }

    [Theory]
    [InlineData("ce", "get-dimension-values", "--dimension", "SERVICE")]
    [InlineData("budgets", "describe-budgets", "--account-id", LocalIamServer.AccountId)]
    public async Task Cli_InNoRealRegion_SignatureDoesNotMatch(string service, string command, string option, string value)
    {
        string[] period = service == "ce" ? ["--time-period", Dates(MonthStart.AddMonths(-1), MonthStart)] : [];

        var error = await _root.FailsAsync("SignatureDoesNotMatch", [service, command, option, value, "--region", "mars-1", .. period]);

        Assert.Contains("Credential should be scoped to a valid region, not 'mars-1'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_AdministratorWithBillingSettingOff_AllowedByPolicyAlone()
    {
        var billing = await NodeScripts.BillingAsync(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, "get");
        Assert.False(billing.Body.GetProperty("Enabled").GetBoolean());
        var admin = await UserAsync("ce-admin", managedPolicy: "arn:aws:iam::aws:policy/AdministratorAccess");

        var answer = await admin.OkAsync("ce", "get-cost-and-usage", "--time-period", Dates(MonthStart.AddMonths(-1), MonthStart), "--granularity", "MONTHLY", "--metrics", "UnblendedCost");
        var forecast = await admin.OkAsync("ce", "get-cost-forecast", "--time-period", Dates(Today, MonthStart.AddMonths(1)), "--granularity", "MONTHLY", "--metric", "UNBLENDED_COST");

        Assert.True(Amount(answer.GetProperty("ResultsByTime")[0].GetProperty("Total")) > 0);
        Assert.True(decimal.Parse(forecast.GetProperty("Total").GetProperty("Amount").GetString()!, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Cli_UserWithoutGetCostAndUsage_AccessDeniedNamingTheAction()
    {
        var user = await UserAsync("ce-tags-only", inlinePolicy: """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ce:GetTags","Resource":"*"}]}""");

        var error = await user.FailsAsync("AccessDeniedException", "ce", "get-cost-and-usage", "--time-period", Dates(MonthStart.AddMonths(-1), MonthStart), "--granularity", "MONTHLY", "--metrics", "UnblendedCost");
        await user.OkAsync("ce", "get-tags", "--time-period", Dates(MonthStart.AddMonths(-1), MonthStart));

        Assert.Contains("is not authorized to perform: ce:GetCostAndUsage", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_DimensionValuesAndTags_FromTheRows()
    {
        var (start, end) = (MonthStart.AddMonths(-1), MonthStart);
        var services = await _root.OkAsync("ce", "get-dimension-values", "--time-period", Dates(start, end), "--dimension", "SERVICE");
        var tags = await _root.OkAsync("ce", "get-tags", "--time-period", Dates(start, end), "--tag-key", "Environment");
        var rows = (await RowsAsync()).Where(r => r.UsageDate >= start && r.UsageDate < end).ToList();

        var values = services.GetProperty("DimensionValues").EnumerateArray().Select(v => v.GetProperty("Value").GetString()).ToList();
        Assert.Equal(rows.Select(r => CostDimension.Service.ValueOf(r)).Distinct().Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
        Assert.Equal(values.Count, services.GetProperty("TotalSize").GetInt32());
        Assert.Equal(["", "prod", "staging"], tags.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("--granularity", "WEEKLY", "ValidationException", "1 validation error detected: Value 'WEEKLY' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [DAILY, MONTHLY, HOURLY]")]
    [InlineData("--filter", """{"Dimensions":{"Key":"SERVICE","Values":["x"]},"Tags":{"Key":"Project","Values":["y"]}}""", "ValidationException",
        "Expression has more than one roots. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories")]
    [InlineData("--filter", """{"Or":[{"Dimensions":{"Key":"SERVICE","Values":["x"]}}]}""", "ValidationException", "Or expression must have at least 2 operands")]
    [InlineData("--next-page-token", "bm90IGEgdG9rZW4=", "InvalidNextTokenException", "The pagination token is invalid. Try again without a pagination token.")]
    public async Task Cli_BadInput_AwsCodeAndMessage(string option, string value, string code, string message)
    {
        var arguments = new List<string> { "ce", "get-cost-and-usage", "--time-period", Dates(MonthStart.AddMonths(-1), MonthStart), "--metrics", "UnblendedCost" };
        if (option != "--granularity")
        {
            arguments.AddRange(["--granularity", "MONTHLY"]);
        }

        arguments.AddRange([option, value]);
        var error = await _root.FailsAsync(code, [.. arguments]);

        Assert.EndsWith(": " + message, error.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"TimePeriod":{"Start":"2026-01-01"},"Granularity":"DAILY","Metrics":["UnblendedCost"]}""", "ValidationException", "Value null at 'timePeriod.end' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"TimePeriod":{"Start":"yesterday","End":"2026-01-01"},"Granularity":"DAILY","Metrics":["UnblendedCost"]}""", "ValidationException", "Value 'yesterday' at 'timePeriod.start' failed to satisfy constraint")]
    [InlineData("""{"TimePeriod":"2026","Granularity":"DAILY","Metrics":["UnblendedCost"]}""", "SerializationException", "The value of TimePeriod is not of the type the operation expects.")]
    [InlineData("""{"TimePeriod":{"Start":"2026-02-30","End":"2026-03-01"},"Granularity":"DAILY","Metrics":["Dollars"]}""", "ValidationException", "is not a date")]
    [InlineData("""{"TimePeriod":{"Start":"2026-01-01","End":"2026-02-01"},"Granularity":"DAILY","Metrics":["Dollars"]}""", "ValidationException", "The metric `Dollars` is not valid")]
    [InlineData("not json", "SerializationException", "The request body is not valid JSON.")]
    public async Task Post_BadBody_400WithAwsCode(string body, string code, string message)
    {
        var (status, answer) = await SignedPost.SendJsonAsync(server.Endpoint, "AWSInsightsIndexService.GetCostAndUsage", body, "ce", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var json = JsonDocument.Parse(answer).RootElement;
        Assert.Equal(code, json.GetProperty("__type").GetString());
        Assert.Contains(message, json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_DeepFilter_RefusedNot500()
    {
        var filter = string.Concat(Enumerable.Repeat("""{"Not":""", 40)) + """{"Dimensions":{"Key":"SERVICE","Values":["x"]}}""" + new string('}', 40);
        var wide = "{\"Or\":[" + string.Join(',', Enumerable.Repeat("""{"Dimensions":{"Key":"REGION","Values":["us-east-1"]}}""", 1100)) + "]}";
        var start = Day(MonthStart.AddMonths(-1));

        var deep = await SignedPost.SendJsonAsync(server.Endpoint, "AWSInsightsIndexService.GetCostAndUsage",
            $$"""{"TimePeriod":{"Start":"{{start}}","End":"{{Day(MonthStart)}}"},"Granularity":"MONTHLY","Metrics":["UnblendedCost"],"Filter":{{filter}}}""", "ce", cancellationToken: TestContext.Current.CancellationToken);
        var tooWide = await SignedPost.SendJsonAsync(server.Endpoint, "AWSInsightsIndexService.GetCostAndUsage",
            $$"""{"TimePeriod":{"Start":"{{start}}","End":"{{Day(MonthStart)}}"},"Granularity":"MONTHLY","Metrics":["UnblendedCost"],"Filter":{{wide}}}""", "ce", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, deep.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooWide.Status);
        Assert.Contains("ValidationException", tooWide.Body, StringComparison.Ordinal);
    }

    private async Task<JsonElement> CostAndUsageAsync(DateOnly start, DateOnly end, string granularity) =>
        await _root.OkAsync("ce", "get-cost-and-usage", "--time-period", Dates(start, end), "--granularity", granularity, "--metrics", "UnblendedCost");

    private async Task<IReadOnlyList<CostRow>> RowsAsync() =>
        (await server.Services.GetRequiredService<BillingData>().CostsAsync(LocalIamServer.AccountId, TestContext.Current.CancellationToken)).Rows;

    private async Task<AwsCli> UserAsync(string name, string? managedPolicy = null, string? inlinePolicy = null)
    {
        if ((await _root.RunAsync("iam", "get-user", "--user-name", name)).Succeeded)
        {
            foreach (var key in (await _root.OkAsync("iam", "list-access-keys", "--user-name", name)).GetProperty("AccessKeyMetadata").EnumerateArray())
            {
                await _root.OkAsync("iam", "delete-access-key", "--user-name", name, "--access-key-id", key.GetProperty("AccessKeyId").GetString()!);
            }
        }
        else
        {
            await _root.OkAsync("iam", "create-user", "--user-name", name);
            if (managedPolicy is not null)
            {
                await _root.OkAsync("iam", "attach-user-policy", "--user-name", name, "--policy-arn", managedPolicy);
            }

            if (inlinePolicy is not null)
            {
                await _root.OkAsync("iam", "put-user-policy", "--user-name", name, "--policy-name", "p", "--policy-document", inlinePolicy);
            }
        }

        var created = (await _root.OkAsync("iam", "create-access-key", "--user-name", name)).GetProperty("AccessKey");
        return _root.As(created.GetProperty("AccessKeyId").GetString()!, created.GetProperty("SecretAccessKey").GetString()!);
    }

    private static decimal Amount(JsonElement metrics, string metric = "UnblendedCost") =>
        decimal.Parse(metrics.GetProperty(metric).GetProperty("Amount").GetString()!, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private static (DateOnly Start, DateOnly End) Period(JsonElement result) =>
        (DateOnly.Parse(result.GetProperty("TimePeriod").GetProperty("Start").GetString()!, CultureInfo.InvariantCulture),
         DateOnly.Parse(result.GetProperty("TimePeriod").GetProperty("End").GetString()!, CultureInfo.InvariantCulture));

    private static string Dates(DateOnly start, DateOnly end) => $"Start={Day(start)},End={Day(end)}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
