using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalIam.Iam.Billing.CostExplorer;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// GetCostAndUsage's answer, written straight to the response's JSON: a year of days by service is
/// thousands of groups, too many for dictionaries of objects to be serialized by reflection on
/// every request. The shape is AWS's: NextPageToken (when there is one), GroupDefinitions (when
/// grouped), ResultsByTime with TimePeriod, Total (empty when grouped), Groups and Estimated, and
/// DimensionValueAttributes.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class CostAndUsageJson(CostResult result, IReadOnlyList<CostMetric> metrics, IReadOnlyList<string> names)
{
    private CostResult Result { get; } = result;

    private IReadOnlyList<CostMetric> Metrics { get; } = metrics;

    private IReadOnlyList<string> Names { get; } = names;

    private sealed class Converter : JsonConverter<CostAndUsageJson>
    {
        public override CostAndUsageJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("GetCostAndUsage's answer is written, never read");

        public override void Write(Utf8JsonWriter writer, CostAndUsageJson value, JsonSerializerOptions options)
        {
            var result = value.Result;
            writer.WriteStartObject();
            if (result.NextPageToken is { } token)
            {
                writer.WriteString("NextPageToken", token);
            }

            if (result.GroupBy.Count > 0)
            {
                writer.WriteStartArray("GroupDefinitions");
                foreach (var group in result.GroupBy)
                {
                    writer.WriteStartObject();
                    writer.WriteString("Type", group.Type switch { CostGroupByType.Tag => "TAG", CostGroupByType.CostCategory => "COST_CATEGORY", _ => "DIMENSION" });
                    writer.WriteString("Key", group.Key);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray("ResultsByTime");
            foreach (var period in result.Periods)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("TimePeriod");
                writer.WriteString("Start", period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteString("End", period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                writer.WritePropertyName("Total");
                WriteMetrics(writer, result.GroupBy.Count == 0 ? period.Total : null, value);
                writer.WriteStartArray("Groups");
                foreach (var group in period.Groups)
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("Keys");
                    foreach (var key in group.Keys)
                    {
                        writer.WriteStringValue(key);
                    }

                    writer.WriteEndArray();
                    writer.WritePropertyName("Metrics");
                    WriteMetrics(writer, group.Metrics, value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteBoolean("Estimated", period.Estimated);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("DimensionValueAttributes");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        /// <summary>The metrics under the names asked, in the order asked; an empty object for none.</summary>
        private static void WriteMetrics(Utf8JsonWriter writer, IReadOnlyDictionary<CostMetric, CostAmount>? amounts, CostAndUsageJson value)
        {
            writer.WriteStartObject();
            for (var i = 0; amounts is not null && i < value.Names.Count; i++)
            {
                var amount = amounts[value.Metrics[i]];
                writer.WriteStartObject(value.Names[i]);
                writer.WriteString("Amount", amount.Text);
                writer.WriteString("Unit", amount.Unit);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }
    }
}
