using System.Globalization;

namespace LocalIam.Server.Console.Billing;

/// <summary>One bar's stacked part: a series (a service) and its amount.</summary>
public sealed record ChartPart(string Series, decimal Amount, string Color, double Y, double Height);

public sealed record ChartBar(string Label, decimal Total, double X, IReadOnlyList<ChartPart> Parts);

/// <summary>
/// A stacked bar chart of costs drawn as SVG on the server (no script, no library from the network):
/// the largest series by total get their own colour, the rest are "Others". The page also shows the
/// same figures as a table, which is what assistive technology reads.
/// </summary>
public sealed class CostChart
{
    public const double Width = 720, Height = 240, Left = 56, Bottom = 24, Top = 8;
    private const int NamedSeries = 6;

    /// <summary>Colours with at least 3:1 contrast against white, as WCAG asks of graphics.</summary>
    private static readonly string[] Palette = ["#0972d3", "#b4590a", "#037f0c", "#8b3ec2", "#c33d69", "#0b7b8f", "#5f6b7a"];

    private CostChart(IReadOnlyList<ChartBar> bars, IReadOnlyList<(string Series, string Color)> legend, decimal scale)
    {
        Bars = bars;
        Legend = legend;
        Scale = scale;
    }

    public IReadOnlyList<ChartBar> Bars { get; }

    public IReadOnlyList<(string Series, string Color)> Legend { get; }

    /// <summary>The value of the top of the axis.</summary>
    public decimal Scale { get; }

    public double BarWidth => Bars.Count == 0 ? 0 : Math.Min(48, (Width - Left) / Bars.Count * 0.7);

    /// <summary>The axis's ticks: value and height on the chart.</summary>
    public IEnumerable<(string Label, double Y)> Ticks() =>
        Enumerable.Range(0, 5).Select(i => (Money(Scale * i / 4), Height - Bottom - ((Height - Bottom - Top) * i / 4)));

    public static CostChart Of(IReadOnlyList<(string Label, IReadOnlyDictionary<string, decimal> Amounts)> periods)
    {
        var named = periods.SelectMany(p => p.Amounts).GroupBy(a => a.Key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(a => a.Value)).Take(NamedSeries).Select(g => g.Key).ToList();
        var colors = named.Select((s, i) => (s, Palette[i])).ToDictionary(p => p.s, p => p.Item2, StringComparer.Ordinal);
        var totals = periods.Select(p => p.Amounts.Values.Where(v => v > 0).Sum()).ToList();
        var scale = NiceCeiling(totals.Count == 0 ? 0 : totals.Max());
        var plot = Height - Bottom - Top;
        var slot = periods.Count == 0 ? 0 : (Width - Left) / periods.Count;
        var bars = new List<ChartBar>();
        for (var i = 0; i < periods.Count; i++)
        {
            var parts = new List<ChartPart>();
            var y = Height - Bottom;
            var grouped = periods[i].Amounts.Where(a => a.Value > 0)
                .GroupBy(a => colors.ContainsKey(a.Key) ? a.Key : "Others", StringComparer.Ordinal)
                .Select(g => (Series: g.Key, Amount: g.Sum(a => a.Value)))
                .OrderBy(g => g.Series == "Others" ? int.MaxValue : named.IndexOf(g.Series));
            foreach (var (series, amount) in grouped)
            {
                var height = scale == 0 ? 0 : (double)(amount / scale) * plot;
                y -= height;
                parts.Add(new ChartPart(series, amount, colors.GetValueOrDefault(series, Palette[^1]), y, height));
            }

            bars.Add(new ChartBar(periods[i].Label, totals[i], Left + (slot * i) + (slot * 0.15), parts));
        }

        var legend = named.Select(s => (s, colors[s])).ToList();
        if (bars.Any(b => b.Parts.Any(p => p.Series == "Others")))
        {
            legend.Add(("Others", Palette[^1]));
        }

        return new CostChart(bars, legend, scale);
    }

    /// <summary>As AWS's console writes amounts: <c>$1,234.56</c>, <c>-$12.00</c>.</summary>
    public static string Money(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>1, 2, 2.5 or 5 times a power of ten, so the axis reads well.</summary>
    private static decimal NiceCeiling(decimal value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (value <= step * power)
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
