using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Reads a report in Parquet (CUR 2.0 exports; legacy CUR's Parquet uses the same snake_case
/// names) one row group at a time, only the columns the import uses, so memory is bounded by a row
/// group. Refusals name the row (1-based, across the file) and the column.
/// </summary>
internal sealed class ParquetCostReport
{
    private readonly string _file;
    private readonly ParquetReader _reader;
    private readonly DataField?[] _fields = new DataField?[CostReportColumns.FieldCount];
    private readonly (string Key, DataField Field)[] _tagFields;
    private readonly MapField? _tagMap;
    private readonly MapField? _productMap;
    private readonly DayCache _days = new();
    private readonly TagText _tags = new();

    private ParquetCostReport(string file, ParquetReader reader, CostReportForm form)
    {
        _file = file;
        _reader = reader;
        Form = form;
        var top = reader.Schema.Fields;
        var names = top.Select(f => f.Name).ToList();
        var indices = CostReportColumns.Resolve(names, form, $"`{file}`");
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] >= 0)
            {
                _fields[i] = top[indices[i]] as DataField
                    ?? throw new CostReportException($"`{file}`, column `{top[indices[i]].Name}`: a nested column where the report has plain values");
            }
        }

        _tagMap = Map(top, CostReportColumns.Cur2TagMap);
        _productMap = _fields[(int)CostField.ProductName] is null ? Map(top, CostReportColumns.Cur2ProductMap) : null;
        var prefix = form == CostReportForm.Legacy ? CostReportColumns.LegacyUserTagPrefix : CostReportColumns.Cur2UserTagPrefix;
        _tagFields = _tagMap is not null ? [] : top.OfType<DataField>()
            .Where(f => f.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && f.Name.Length > prefix.Length)
            .Select(f => (Key: f.Name[prefix.Length..], Field: f))
            .DistinctBy(t => t.Key, StringComparer.Ordinal)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToArray();
    }

    public CostReportForm Form { get; }

    /// <summary>Reads every row of <paramref name="file"/> (seekable) into <paramref name="aggregator"/>; returns the form its columns use.</summary>
    public static async Task<CostReportForm> ReadAsync(Stream file, string name, CostAggregator aggregator, Action<long> progress, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(file, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Parquet keeps its schema at the end: a cut-short file has none.
            throw new CostReportException($"`{name}`: not a readable Parquet file, or cut short (its footer is missing or damaged)");
        }

        await using (reader)
        {
            var names = reader.Schema.Fields.Select(f => f.Name).ToList();
            var form = CostReportColumns.Recognise(names) ?? throw CostReportColumns.NotAReport($"`{name}`");
            var report = new ParquetCostReport(name, reader, form);
            long rowsBefore = 0;
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rowsBefore += await report.ReadRowGroupAsync(group, rowsBefore, aggregator, cancellationToken);
                progress(aggregator.Lines);
            }

            return form;
        }
    }

    private static MapField? Map(IReadOnlyList<Field> top, string name) =>
        top.OfType<MapField>().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) && m.Key is DataField && m.Value is DataField);

    private async Task<long> ReadRowGroupAsync(int group, long rowsBefore, CostAggregator aggregator, CancellationToken cancellationToken)
    {
        using var rowGroup = _reader.OpenRowGroupReader(group);
        var columns = new ParquetColumn?[CostReportColumns.FieldCount];
        var tagColumns = new ParquetColumn[_tagFields.Length];
        ParquetMap? tagMap = null, productMap = null;
        try
        {
            try
            {
                for (var i = 0; i < _fields.Length; i++)
                {
                    if (_fields[i] is { } field)
                    {
                        columns[i] = new ParquetColumn(field, await rowGroup.ReadRawColumnDataBaseAsync(field, cancellationToken));
                    }
                }

                for (var i = 0; i < _tagFields.Length; i++)
                {
                    tagColumns[i] = new ParquetColumn(_tagFields[i].Field, await rowGroup.ReadRawColumnDataBaseAsync(_tagFields[i].Field, cancellationToken));
                }

                tagMap = _tagMap is null ? null : await ReadMapAsync(rowGroup, _tagMap, cancellationToken);
                productMap = _productMap is null ? null : await ReadMapAsync(rowGroup, _productMap, cancellationToken);
            }
            catch (Exception ex) when (ex is not (CostReportException or OperationCanceledException))
            {
                throw new CostReportException($"`{_file}` row group {group + 1}: the Parquet data is damaged ({ex.Message.TrimEnd('.')})");
            }

            var rows = checked((int)rowGroup.RowCount);
            for (var row = 0; row < rows; row++)
            {
                foreach (var column in columns)
                {
                    column?.Next(row);
                }

                foreach (var column in tagColumns)
                {
                    column.Next(row);
                }

                tagMap?.Next();
                productMap?.Next();
                var line = new ParquetLine(this, columns, tagColumns, tagMap, productMap, rowsBefore + row + 1);
                aggregator.Add(ref line);
            }

            return rows;
        }
        finally
        {
            foreach (var column in columns.Concat(tagColumns))
            {
                column?.Dispose();
            }

            tagMap?.Dispose();
            productMap?.Dispose();
        }
    }

    private async Task<ParquetMap> ReadMapAsync(ParquetRowGroupReader rowGroup, MapField map, CancellationToken cancellationToken)
    {
        var (keyField, valueField) = ((DataField)map.Key, (DataField)map.Value);
        var keys = await rowGroup.ReadRawColumnDataBaseAsync(keyField, cancellationToken);
        var values = await rowGroup.ReadRawColumnDataBaseAsync(valueField, cancellationToken);
        if (keys is not RawColumnData<ReadOnlyMemory<char>> keyText || values is not RawColumnData<ReadOnlyMemory<char>> valueText)
        {
            keys.Dispose();
            values.Dispose();
            throw new CostReportException($"`{_file}`, column `{map.Name}`: not a map of strings to strings");
        }

        return new ParquetMap(map.Name, keyField, keyText, valueField, valueText);
    }

    /// <summary>One row as the aggregator reads it.</summary>
    private readonly ref struct ParquetLine(ParquetCostReport report, ParquetColumn?[] columns, ParquetColumn[] tagColumns, ParquetMap? tagMap, ParquetMap? productMap, long row) : ICostLineSource
    {
        public bool Has(CostField field) => columns[(int)field] is not null;

        public ReadOnlySpan<char> Text(CostField field)
        {
            if (columns[(int)field] is { } column)
            {
                return column.Text().Trim();
            }

            return field == CostField.ProductName && productMap is not null ? productMap.Value(CostReportColumns.Cur2ProductNameKey) : [];
        }

        public decimal Amount(CostField field)
        {
            if (columns[(int)field] is not { } column)
            {
                return 0;
            }

            return column.TryAmount(out var value) ? value : throw CostValues.NotANumber(Where(column), column.Text());
        }

        public DateOnly UsageDay()
        {
            var column = columns[(int)CostField.UsageStartDate]!;
            if (column.IsNull)
            {
                throw new CostReportException($"{Where(column)}: the usage start date is empty");
            }

            return column.TryDay(report._days, out var day) ? day : throw CostValues.NotADate(Where(column), column.Text());
        }

        public ReadOnlySpan<char> Tags()
        {
            var tags = report._tags;
            tags.Clear();
            if (tagMap is not null)
            {
                foreach (var (key, value) in tagMap.Entries)
                {
                    tags.Collect(key, value);
                }

                tags.Sort(CostReportColumns.Cur2UserTagKeyPrefix);
                return tags.Text;
            }

            for (var i = 0; i < tagColumns.Length; i++)
            {
                tags.Append(report._tagFields[i].Key, tagColumns[i].Text().Trim());
            }

            return tags.Text;
        }

        private string Where(ParquetColumn column) => $"`{report._file}` row {row}, column `{column.Name}`";
    }
}
