using System.Globalization;
using Parquet.Data;
using Parquet.Schema;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// One flat column of a Parquet row group, walked row by row: <see cref="Next"/> moves to the next
/// row (values are stored packed, nulls only in the definition levels), then the row's value is
/// read as text, number or day, whatever the column's physical type.
/// </summary>
internal sealed class ParquetColumn(DataField dataField, RawColumnData data) : IDisposable
{
    private readonly int _maxDefinition = dataField.MaxDefinitionLevel;
    private int _cursor;
    private int _current = -1;
    private char[] _format = new char[64];

    public string Name => dataField.Name;

    public void Next(int row)
    {
        if (_maxDefinition == 0)
        {
            _current = row;
            return;
        }

        _current = data.DefinitionLevels[row] == _maxDefinition ? _cursor++ : -1;
    }

    public bool IsNull => _current < 0;

    /// <summary>The row's value as text (numbers in invariant form); empty for null.</summary>
    public ReadOnlySpan<char> Text()
    {
        if (_current < 0)
        {
            return [];
        }

        return data switch
        {
            RawColumnData<ReadOnlyMemory<char>> text => text.Values[_current].Span,
            RawColumnData<long> n => Format(n.Values[_current]),
            RawColumnData<int> n => Format(n.Values[_current]),
            RawColumnData<double> n => Format(n.Values[_current]),
            RawColumnData<float> n => Format(n.Values[_current]),
            RawColumnData<decimal> n => Format(n.Values[_current]),
            RawColumnData<bool> b => b.Values[_current] ? "true" : "false",
            _ => [],
        };
    }

    /// <summary>The row's number, or false when the value is not one (text that does not parse, NaN, infinity).</summary>
    public bool TryAmount(out decimal value)
    {
        value = 0;
        if (_current < 0)
        {
            return true;
        }

        switch (data)
        {
            case RawColumnData<decimal> d:
                value = d.Values[_current];
                return true;
            case RawColumnData<double> d:
                return TryDecimal(d.Values[_current], out value);
            case RawColumnData<float> f:
                return TryDecimal(f.Values[_current], out value);
            case RawColumnData<long> l:
                value = l.Values[_current];
                return true;
            case RawColumnData<int> i:
                value = i.Values[_current];
                return true;
            case RawColumnData<ReadOnlyMemory<char>> text:
                return CostValues.TryAmount(text.Values[_current].Span.Trim(), out value);
            default:
                return false;
        }
    }

    /// <summary>The row's UTC day (timestamps, dates, or ISO 8601 text).</summary>
    public bool TryDay(DayCache days, out DateOnly day)
    {
        day = default;
        switch (_current < 0 ? null : data)
        {
            case RawColumnData<DateTime> d:
                day = DateOnly.FromDateTime(d.Values[_current].Kind == DateTimeKind.Local ? d.Values[_current].ToUniversalTime() : d.Values[_current]);
                return true;
            case RawColumnData<DateTimeOffset> d:
                day = DateOnly.FromDateTime(d.Values[_current].UtcDateTime);
                return true;
            case RawColumnData<DateOnly> d:
                day = d.Values[_current];
                return true;
            case RawColumnData<ReadOnlyMemory<char>> text:
                return days.TryDay(text.Values[_current].Span.Trim(), out day);
            default:
                return false;
        }
    }

    public void Dispose() => data.Dispose();

    private static bool TryDecimal(double number, out decimal value)
    {
        value = 0;
        if (!double.IsFinite(number) || Math.Abs(number) > (double)decimal.MaxValue)
        {
            return false;
        }

        value = (decimal)number;
        return true;
    }

    private ReadOnlySpan<char> Format<T>(T value)
        where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_format, out written, default, CultureInfo.InvariantCulture))
        {
            _format = new char[_format.Length * 2];
        }

        return _format.AsSpan(0, written);
    }
}

/// <summary>
/// A MAP&lt;string, string&gt; column (CUR 2.0's <c>resource_tags</c> and <c>product</c>), walked row
/// by row: <see cref="Next"/> gathers the row's entries from the key and value columns' levels.
/// </summary>
internal sealed class ParquetMap(string name, DataField keyField, RawColumnData<ReadOnlyMemory<char>> keys, DataField valueField, RawColumnData<ReadOnlyMemory<char>> values) : IDisposable
{
    private readonly List<(ReadOnlyMemory<char> Key, ReadOnlyMemory<char> Value)> _entries = [];
    private int _level;
    private int _keyCursor;
    private int _valueCursor;

    public string Name => name;

    public IReadOnlyList<(ReadOnlyMemory<char> Key, ReadOnlyMemory<char> Value)> Entries => _entries;

    public void Next()
    {
        _entries.Clear();
        var repetition = keys.RepetitionLevels;
        var keyDefinition = keys.DefinitionLevels;
        var valueDefinition = values.DefinitionLevels;
        var first = true;
        while (_level < repetition.Length && (first || repetition[_level] != 0))
        {
            first = false;
            if (keyDefinition[_level] == keyField.MaxDefinitionLevel)
            {
                var key = keys.Values[_keyCursor++];
                var value = valueDefinition[_level] == valueField.MaxDefinitionLevel ? values.Values[_valueCursor++] : ReadOnlyMemory<char>.Empty;
                _entries.Add((key, value));
            }

            _level++;
        }
    }

    public ReadOnlySpan<char> Value(string key)
    {
        foreach (var (k, v) in _entries)
        {
            if (k.Span.SequenceEqual(key))
            {
                return v.Span;
            }
        }

        return [];
    }

    public void Dispose()
    {
        keys.Dispose();
        values.Dispose();
    }
}
