using System.Globalization;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>What Cost Explorer sums: the five cost views, usage quantities and normalized usage.</summary>
public enum CostMetric
{
    BlendedCost,
    UnblendedCost,
    AmortizedCost,
    NetUnblendedCost,
    NetAmortizedCost,
    UsageQuantity,
    NormalizedUsageAmount,
}

/// <summary>The metrics' names as Cost Explorer spells them (GetCostAndUsage: <c>UnblendedCost</c>; GetCostForecast: <c>UNBLENDED_COST</c>) and what each reads from a row.</summary>
public static class CostMetrics
{
    public static IReadOnlyList<CostMetric> All { get; } = Enum.GetValues<CostMetric>();

    /// <summary>GetCostAndUsage's name: the enum member's name.</summary>
    public static string Name(this CostMetric metric) => metric.ToString();

    /// <summary>GetCostForecast's name: <c>UNBLENDED_COST</c>, <c>USAGE_QUANTITY</c>.</summary>
    public static string ForecastName(this CostMetric metric) => string.Concat(metric.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    public static bool TryParse(string name, out CostMetric metric) => Enum.TryParse(name, ignoreCase: false, out metric) && Enum.IsDefined(metric) && metric.Name() == name;

    public static bool TryParseForecast(string name, out CostMetric metric)
    {
        metric = All.FirstOrDefault(m => m.ForecastName() == name);
        return All.Any(m => m.ForecastName() == name);
    }

    public static bool IsCost(this CostMetric metric) => metric is not (CostMetric.UsageQuantity or CostMetric.NormalizedUsageAmount);

    /// <summary>The row's amount of the metric; normalized usage is instance hours times the instance size's factor, zero for other usage.</summary>
    public static decimal Of(this CostMetric metric, CostRow row) => metric switch
    {
        CostMetric.BlendedCost => row.BlendedCost,
        CostMetric.UnblendedCost => row.UnblendedCost,
        CostMetric.AmortizedCost => row.AmortizedCost,
        CostMetric.NetUnblendedCost => row.NetUnblendedCost,
        CostMetric.NetAmortizedCost => row.NetAmortizedCost,
        CostMetric.UsageQuantity => row.UsageAmount,
        _ => row.UsageAmount * NormalizationFactor(row.UsageType),
    };

    /// <summary>AWS's normalization factors by instance size (nano 0.25 … 32xlarge 256), for instance-hour usage types.</summary>
    internal static decimal NormalizationFactor(string usageType)
    {
        if (CostDimension.InstanceTypeOf(usageType) is not { } instanceType)
        {
            return 0;
        }

        var size = instanceType[(instanceType.LastIndexOf('.') + 1)..];
        return size switch
        {
            "nano" => 0.25m,
            "micro" => 0.5m,
            "small" => 1,
            "medium" => 2,
            "large" => 4,
            "xlarge" => 8,
            _ when size.EndsWith("xlarge", StringComparison.Ordinal) && int.TryParse(size[..^6], NumberStyles.None, CultureInfo.InvariantCulture, out var n) => 8 * n,
            _ => 0,
        };
    }
}

/// <summary>An amount of a metric and its unit (<c>USD</c>, <c>Hrs</c>, <c>N/A</c>).</summary>
public readonly record struct CostAmount(decimal Amount, string Unit)
{
    /// <summary>The amount as Cost Explorer writes it: a plain decimal string, at most ten decimal places, no trailing zeros (<c>40.3527508453</c>, <c>0</c>).</summary>
    public string Text => Format(Amount);

    public static string Format(decimal amount)
    {
        var rounded = Math.Round(amount, 10, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##########", CultureInfo.InvariantCulture);
    }
}
