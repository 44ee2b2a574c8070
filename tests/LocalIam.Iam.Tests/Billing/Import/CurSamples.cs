using System.Globalization;
using System.IO.Compression;
using System.Text;
using Parquet;
using Parquet.Serialization;

namespace LocalIam.Iam.Tests.Billing.Import;

/// <summary>One line item of a test report; every field as text, as a CSV holds it.</summary>
public sealed record CurLine
{
    public string Start { get; init; } = "2024-01-01T00:00:00Z";

    public string ProductCode { get; init; } = "AmazonEC2";

    public string ProductName { get; init; } = "Amazon Elastic Compute Cloud";

    public string Region { get; init; } = "us-east-1";

    public string UsageType { get; init; } = "BoxUsage:t3.micro";

    public string Operation { get; init; } = "RunInstances";

    public string LineItemType { get; init; } = "Usage";

    public string UsageAccountId { get; init; } = "111122223333";

    public string ResourceId { get; init; } = "i-0123456789abcdef0";

    public string UsageAmount { get; init; } = "1";

    public string Unit { get; init; } = "Hrs";

    public string Unblended { get; init; } = "0.0104";

    public string Blended { get; init; } = "0.0104";

    public string NetUnblended { get; init; } = "0.0104";

    public string SavingsPlanEffectiveCost { get; init; } = string.Empty;

    public string SavingsPlanTotalCommitment { get; init; } = string.Empty;

    public string SavingsPlanUsedCommitment { get; init; } = string.Empty;

    public string ReservationArn { get; init; } = string.Empty;

    public string ReservationEffectiveCost { get; init; } = string.Empty;

    public string ReservationUnusedUpfront { get; init; } = string.Empty;

    public string ReservationUnusedRecurring { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>Writes test reports in each form and container: legacy CUR CSV, CUR 2.0 CSV, gzip, CUR 2.0 Parquet.</summary>
public static class CurSamples
{
    public static readonly string[] LegacyColumns =
    [
        "identity/LineItemId", "lineItem/UsageAccountId", "lineItem/UsageStartDate", "lineItem/LineItemType", "lineItem/ProductCode",
        "lineItem/UsageType", "lineItem/Operation", "lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/UnblendedCost",
        "lineItem/BlendedCost", "lineItem/NetUnblendedCost", "lineItem/LineItemDescription", "product/ProductName", "product/region",
        "pricing/unit", "reservation/EffectiveCost", "reservation/ReservationARN", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
        "reservation/UnusedRecurringFee", "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
    ];

    public static readonly string[] Cur2Columns =
    [
        "identity_line_item_id", "line_item_usage_account_id", "line_item_usage_start_date", "line_item_line_item_type", "line_item_product_code",
        "line_item_usage_type", "line_item_operation", "line_item_resource_id", "line_item_usage_amount", "line_item_unblended_cost",
        "line_item_blended_cost", "line_item_net_unblended_cost", "line_item_line_item_description", "product_product_name", "product_region_code",
        "pricing_unit", "reservation_effective_cost", "reservation_reservation_a_r_n", "reservation_unused_amortized_upfront_fee_for_billing_period",
        "reservation_unused_recurring_fee", "savings_plan_savings_plan_effective_cost", "savings_plan_total_commitment_to_date", "savings_plan_used_commitment",
        "resource_tags",
    ];

    /// <summary>A legacy CUR CSV: one <c>resourceTags/user:KEY</c> column per tag key the lines use.</summary>
    public static string LegacyCsv(IEnumerable<CurLine> lines)
    {
        var list = lines.ToList();
        var tagKeys = list.SelectMany(l => l.Tags.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendJoin(',', LegacyColumns.Concat(tagKeys.Select(k => "resourceTags/user:" + k))).Append('\n');
        var id = 0;
        foreach (var l in list)
        {
            text.AppendJoin(',', Fields(l, ++id).Concat(tagKeys.Select(k => l.Tags.GetValueOrDefault(k, string.Empty))).Select(Quote)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A CUR 2.0 CSV: tags as a JSON object in <c>resource_tags</c>, keys prefixed <c>user_</c>.</summary>
    public static string Cur2Csv(IEnumerable<CurLine> lines)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Cur2Columns).Append('\n');
        var id = 0;
        foreach (var l in lines)
        {
            var json = "{" + string.Join(',', l.Tags.Select(t => $"\"user_{t.Key}\":\"{t.Value}\"")) + "}";
            text.AppendJoin(',', Fields(l, ++id).Append(json).Select(Quote)).Append('\n');
        }

        return text.ToString();
    }

    public static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>A CUR 2.0 Parquet file as Data Exports writes one: costs as doubles, the start as a timestamp, tags as a MAP.</summary>
    public static async Task WriteCur2ParquetAsync(string path, IEnumerable<CurLine> lines, int rowGroupSize = 1_000_000)
    {
        var rows = lines.Select(l => new Cur2ParquetRow
        {
            line_item_usage_account_id = l.UsageAccountId,
            line_item_usage_start_date = DateTime.Parse(l.Start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            line_item_line_item_type = l.LineItemType,
            line_item_product_code = l.ProductCode,
            line_item_usage_type = l.UsageType,
            line_item_operation = l.Operation,
            line_item_resource_id = l.ResourceId,
            line_item_usage_amount = Number(l.UsageAmount),
            line_item_unblended_cost = Number(l.Unblended),
            line_item_blended_cost = Number(l.Blended),
            line_item_net_unblended_cost = Number(l.NetUnblended),
            product_product_name = l.ProductName,
            product_region_code = l.Region,
            pricing_unit = l.Unit,
            savings_plan_savings_plan_effective_cost = Number(l.SavingsPlanEffectiveCost),
            resource_tags = l.Tags.ToDictionary(t => "user_" + t.Key, t => t.Value),
        }).ToList();
        await ParquetSerializer.SerializeAsync(rows, path, new ParquetOptions { RowGroupSize = rowGroupSize });
    }

    /// <summary>
    /// A realistic hourly legacy CUR of <paramref name="lines"/> line items (EC2, EBS, S3, Lambda,
    /// data transfer, Route 53 as a global charge; tags on most resources), the same for the same count.
    /// </summary>
    public static void WriteRealisticLegacy(string path, int lines, bool gzip)
    {
        using var file = File.Create(path);
        using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(',', LegacyColumns) + ",resourceTags/user:Project,resourceTags/user:Team\n");
        var resources = RealisticResources();
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < lines; i++)
        {
            var r = resources[i % resources.Length];
            var hour = start.AddHours(i / resources.Length % (31 * 24));
            var amount = r.Amount * (1 + (i % 7 / 100m));
            var cost = Math.Round(amount * r.Rate, 10);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"id{i},111122223333,{hour:yyyy-MM-ddTHH:mm:ssZ},Usage,{r.Code},{r.UsageType},{r.Operation},{r.Id},{amount},{cost},{cost},{cost},\"{r.Rate} per {r.Unit}, {r.Region}\",{r.Name},{r.Region},{r.Unit},,,,,,,,{r.Project},{r.Team}\n"));
        }
    }

    private static IEnumerable<string> Fields(CurLine l, int id) =>
    [
        "id" + id, l.UsageAccountId, l.Start, l.LineItemType, l.ProductCode, l.UsageType, l.Operation, l.ResourceId, l.UsageAmount, l.Unblended,
        l.Blended, l.NetUnblended, $"{l.UsageType} usage, hourly", l.ProductName, l.Region, l.Unit, l.ReservationEffectiveCost, l.ReservationArn,
        l.ReservationUnusedUpfront, l.ReservationUnusedRecurring, l.SavingsPlanEffectiveCost, l.SavingsPlanTotalCommitment, l.SavingsPlanUsedCommitment,
    ];

    private static string Quote(string field) => field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);

    private sealed record Resource(string Code, string Name, string Region, string UsageType, string Operation, string Id, string Unit, decimal Amount, decimal Rate, string Project, string Team);

    private static Resource[] RealisticResources()
    {
        string[] regions = ["us-east-1", "us-west-2", "eu-west-1"];
        string[] projects = ["storefront", "checkout", "analytics", "search", string.Empty];
        string[] teams = ["web", "data", "platform"];
        var list = new List<Resource>();
        for (var i = 0; i < 400; i++)
        {
            var region = regions[i % 3];
            list.Add(new("AmazonEC2", "Amazon Elastic Compute Cloud", region, i % 2 == 0 ? "BoxUsage:t3.medium" : "BoxUsage:m5.large", "RunInstances", $"i-{i:x17}", "Hrs", 1, i % 2 == 0 ? 0.0416m : 0.096m, projects[i % 5], teams[i % 3]));
            list.Add(new("AmazonEC2", "Amazon Elastic Compute Cloud", region, "EBS:VolumeUsage.gp3", "CreateVolume-Gp3", $"vol-{i:x17}", "GB-Mo", 0.1096m, 0.08m, projects[i % 5], teams[i % 3]));
        }

        for (var i = 0; i < 150; i++)
        {
            list.Add(new("AmazonS3", "Amazon Simple Storage Service", regions[i % 3], "TimedStorage-ByteHrs", "StandardStorage", $"bucket-{i}", "GB-Mo", 0.5m, 0.023m, projects[i % 5], teams[i % 3]));
            list.Add(new("AmazonS3", "Amazon Simple Storage Service", regions[i % 3], "Requests-Tier1", "PutObject", $"bucket-{i}", "Requests", 120, 0.000005m, projects[i % 5], teams[i % 3]));
        }

        for (var i = 0; i < 100; i++)
        {
            list.Add(new("AWSLambda", "AWS Lambda", regions[i % 3], "Lambda-GB-Second", "Invoke", $"arn:aws:lambda:{regions[i % 3]}:111122223333:function:fn-{i}", "Lambda-GB-Second", 360, 0.0000166667m, projects[i % 5], teams[i % 3]));
            list.Add(new("AWSDataTransfer", "AWS Data Transfer", regions[i % 3], "DataTransfer-Out-Bytes", "PublicIP-Out", $"i-{i:x17}", "GB", 0.02m, 0.09m, projects[i % 5], teams[i % 3]));
        }

        for (var i = 0; i < 44; i++)
        {
            list.Add(new("AmazonRoute53", "Amazon Route 53", string.Empty, "HostedZone", "CreateHostedZone", $"arn:aws:route53:::hostedzone/Z{i:D12}", "HostedZone", 0.00134m, 0.5m, projects[i % 5], teams[i % 3]));
        }

        return [.. list];
    }
}

/// <summary>The CUR 2.0 columns the Parquet sample carries, named as Data Exports names them.</summary>
#pragma warning disable CA1707, IDE1006 // Property names are the report's column names.
public sealed class Cur2ParquetRow
{
    public string? line_item_usage_account_id { get; set; }

    public DateTime line_item_usage_start_date { get; set; }

    public string? line_item_line_item_type { get; set; }

    public string? line_item_product_code { get; set; }

    public string? line_item_usage_type { get; set; }

    public string? line_item_operation { get; set; }

    public string? line_item_resource_id { get; set; }

    public double? line_item_usage_amount { get; set; }

    public double? line_item_unblended_cost { get; set; }

    public double? line_item_blended_cost { get; set; }

    public double? line_item_net_unblended_cost { get; set; }

    public string? product_product_name { get; set; }

    public string? product_region_code { get; set; }

    public string? pricing_unit { get; set; }

    public double? savings_plan_savings_plan_effective_cost { get; set; }

    public Dictionary<string, string>? resource_tags { get; set; }
}
#pragma warning restore CA1707, IDE1006
