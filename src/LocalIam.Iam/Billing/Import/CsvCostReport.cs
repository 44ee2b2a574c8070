using nietras.SeparatedValues;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Reads a report in CSV (already decompressed), line by line with Sep, into an aggregator. Every
/// line is checked: as many fields as the header, quotes closed, dates and numbers that parse; the
/// first problem is refused with its line and column.
/// </summary>
internal sealed class CsvCostReport
{
    /// <summary>How often the reader looks at cancellation and reports progress, in lines.</summary>
    private const int ReportEvery = 16_384;

    /// <summary>Distinct JSON texts remembered (CUR 2.0 tags and products); more are parsed each time.</summary>
    private const int MaxCachedJson = 1 << 14;

    private readonly string _file;
    private readonly string[] _header;
    private readonly int[] _columns;
    private readonly (string Key, int Column)[] _tagColumns;
    private readonly int _tagMap;
    private readonly int _productMap;
    private readonly DayCache _days = new();
    private readonly TagText _tags = new();
    private readonly Dictionary<string, string> _jsonTags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _jsonProducts = new(StringComparer.Ordinal);
    private char[] _scratch = new char[256];

    private CsvCostReport(string file, string[] header, CostReportForm form)
    {
        _file = file;
        _header = header;
        Form = form;
        _columns = CostReportColumns.Resolve(header, form, $"`{file}` line 1");
        var prefix = form == CostReportForm.Legacy ? CostReportColumns.LegacyUserTagPrefix : CostReportColumns.Cur2UserTagPrefix;
        _tagMap = form == CostReportForm.Cur2 ? IndexOf(CostReportColumns.Cur2TagMap) : -1;
        _productMap = form == CostReportForm.Cur2 && _columns[(int)CostField.ProductName] < 0 ? IndexOf(CostReportColumns.Cur2ProductMap) : -1;
        _tagColumns = _tagMap >= 0 ? [] : header
            .Select((name, column) => (Key: name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? name[prefix.Length..] : string.Empty, Column: column))
            .Where(t => t.Key.Length > 0)
            .DistinctBy(t => t.Key, StringComparer.Ordinal)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToArray();
    }

    public CostReportForm Form { get; }

    /// <summary>Reads every line of <paramref name="text"/> into <paramref name="aggregator"/>; returns the form its header uses.</summary>
    public static CostReportForm Read(TextReader text, string file, CostAggregator aggregator, Action<long> progress, CancellationToken cancellationToken)
    {
        try
        {
            // Sep reads its first block as it opens: inside the try, so gzip's checks are caught there too.
            using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(text);
            CsvCostReport? report = null;
            foreach (var row in reader)
            {
                if (report is null)
                {
                    report = Header(row, file);
                    continue;
                }

                if (row.Span.IsEmpty)
                {
                    continue;
                }

                if ((aggregator.Lines % ReportEvery) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress(aggregator.Lines);
                }

                report.Check(row);
                var source = new CsvLine(row, report);
                aggregator.Add(ref source);
            }

            if (report is null)
            {
                throw new CostReportException($"`{file}` line 1: the file is empty (a report starts with a header line)");
            }

            progress(aggregator.Lines);
            return report.Form;
        }
        catch (GzipCheckException ex)
        {
            // The line where the decompressed data stops, not the line being parsed (Sep reads ahead).
            throw new CostReportException($"`{file}` line {ex.Line}: {ex.Message}");
        }
    }

    private static CsvCostReport Header(SepReader.Row row, string file)
    {
        var names = new string[row.ColCount];
        var scratch = new char[64];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Unquote(row[i].Span, ref scratch).Trim().ToString();
        }

        var form = CostReportColumns.Recognise(names) ?? throw CostReportColumns.NotAReport($"`{file}` line 1");
        return new CsvCostReport(file, names, form);
    }

    private int IndexOf(string name) => Array.FindIndex(_header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Quotes closed and as many fields as the header.</summary>
    private void Check(SepReader.Row row)
    {
        // A quote opened and never closed swallows the rest of the file into one field.
        if (row.Span.Contains('"') && row.Span.Count('"') % 2 != 0)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                if (row[i].Span.Count('"') % 2 != 0)
                {
                    throw new CostReportException($"{Where(row, i)}: a quoted field is never closed");
                }
            }
        }

        if (row.ColCount < _header.Length)
        {
            throw new CostReportException($"{Where(row, row.ColCount)}: the line ends after {row.ColCount} fields where the header has {_header.Length}{Joined(row)}");
        }

        if (row.ColCount > _header.Length)
        {
            throw new CostReportException($"`{_file}` line {FieldLine(row, _header.Length)}, column {_header.Length + 1}: the line has {row.ColCount} fields where the header has {_header.Length}{Joined(row)}");
        }
    }

    /// <summary>A stray quote pairs with one on a later line: say which lines it joined.</summary>
    private static string Joined(SepReader.Row row) => row.LineNumberToExcl - row.LineNumberFrom > 1
        ? $" (quotes join lines {row.LineNumberFrom} to {row.LineNumberToExcl - 1} into one: a quote may be unclosed)"
        : string.Empty;

    /// <summary>"`file` line L, column C (`name`)", 1-based; a field of a row that spans lines is placed on its own line.</summary>
    private string Where(SepReader.Row row, int column)
    {
        var name = column < _header.Length ? $" (`{_header[column]}`)" : string.Empty;
        return $"`{_file}` line {FieldLine(row, column)}, column {column + 1}{name}";
    }

    private static int FieldLine(SepReader.Row row, int column)
    {
        if (column >= row.ColCount || !row.Span.Overlaps(row[column].Span, out var offset))
        {
            // A missing field: the line where the row ends.
            return row.LineNumberToExcl - 1;
        }

        return row.LineNumberFrom + row.Span[..offset].Count('\n');
    }

    /// <summary>A field's text without its quotes (doubled quotes inside made single).</summary>
    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> raw, ref char[] scratch)
    {
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"')
        {
            return raw;
        }

        var inner = raw[1..^1];
        if (!inner.Contains('"'))
        {
            return inner;
        }

        if (scratch.Length < inner.Length)
        {
            scratch = new char[Math.Max(inner.Length, scratch.Length * 2)];
        }

        var length = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            scratch[length++] = inner[i];
            if (inner[i] == '"' && i + 1 < inner.Length && inner[i + 1] == '"')
            {
                i++;
            }
        }

        return scratch.AsSpan(0, length);
    }

    /// <summary>One data line as the aggregator reads it.</summary>
    private readonly ref struct CsvLine(SepReader.Row row, CsvCostReport report) : ICostLineSource
    {
        private readonly SepReader.Row _row = row;

        public bool Has(CostField field) => report._columns[(int)field] >= 0;

        public ReadOnlySpan<char> Text(CostField field)
        {
            var column = report._columns[(int)field];
            if (column >= 0)
            {
                return Field(column).Trim();
            }

            return field == CostField.ProductName && report._productMap >= 0 ? ProductFromMap() : [];
        }

        public decimal Amount(CostField field)
        {
            var column = report._columns[(int)field];
            if (column < 0)
            {
                return 0;
            }

            var text = Field(column).Trim();
            return CostValues.TryAmount(text, out var value) ? value : throw CostValues.NotANumber(report.Where(_row, column), text);
        }

        public DateOnly UsageDay()
        {
            var column = report._columns[(int)CostField.UsageStartDate];
            var text = Field(column).Trim();
            return report._days.TryDay(text, out var day) ? day : throw CostValues.NotADate(report.Where(_row, column), text);
        }

        public ReadOnlySpan<char> Tags()
        {
            var tags = report._tags;
            if (report._tagMap >= 0)
            {
                return TagsFromMap();
            }

            tags.Clear();
            foreach (var (key, column) in report._tagColumns)
            {
                tags.Append(key, Field(column).Trim());
            }

            return tags.Text;
        }

        private ReadOnlySpan<char> Field(int column) => Unquote(_row[column].Span, ref report._scratch);

        private ReadOnlySpan<char> TagsFromMap()
        {
            var raw = Field(report._tagMap).Trim();
            if (raw.IsEmpty || raw.SequenceEqual("{}"))
            {
                return [];
            }

            var cache = report._jsonTags.GetAlternateLookup<ReadOnlySpan<char>>();
            if (cache.TryGetValue(raw, out var known))
            {
                return known;
            }

            var json = raw.ToString();
            if (!report._tags.TryJsonMap(json, CostReportColumns.Cur2UserTagKeyPrefix))
            {
                throw new CostReportException($"{report.Where(_row, report._tagMap)}: {CostValues.Echo(raw)} is not a JSON object of tags");
            }

            var text = report._tags.Text.ToString();
            if (report._jsonTags.Count < MaxCachedJson)
            {
                report._jsonTags[json] = text;
            }

            return text;
        }

        private ReadOnlySpan<char> ProductFromMap()
        {
            var raw = Field(report._productMap).Trim();
            var cache = report._jsonProducts.GetAlternateLookup<ReadOnlySpan<char>>();
            if (cache.TryGetValue(raw, out var known))
            {
                return known;
            }

            var json = raw.ToString();
            var name = TagText.JsonMapValue(json, CostReportColumns.Cur2ProductNameKey) ?? string.Empty;
            if (report._jsonProducts.Count < MaxCachedJson)
            {
                report._jsonProducts[json] = name;
            }

            return name;
        }
    }
}

/// <summary>The gzip data ended before its trailer, its trailer does not match what was read, or it is damaged; at <paramref name="line"/> of the decompressed text.</summary>
internal sealed class GzipCheckException(string message, long line) : IOException(message)
{
    public long Line => line;
}
