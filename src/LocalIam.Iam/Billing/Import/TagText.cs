using System.Text.Json;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Builds a line's tags as <see cref="Storage.Billing.CostRow.Tags"/> keeps them: <c>key=value</c>
/// pairs sorted by key (ordinal) and joined by newlines; empty values are no tag. One buffer,
/// reused for every line.
/// </summary>
internal sealed class TagText
{
    private readonly List<(ReadOnlyMemory<char> Key, ReadOnlyMemory<char> Value)> _pairs = [];
    private char[] _buffer = new char[256];
    private int _length;

    public ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

    public void Clear()
    {
        _length = 0;
        _pairs.Clear();
    }

    /// <summary>Appends a pair; callers that append directly do so in key order.</summary>
    public void Append(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        var needed = _length + key.Length + value.Length + 2;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        if (_length > 0)
        {
            _buffer[_length++] = '\n';
        }

        key.CopyTo(_buffer.AsSpan(_length));
        _length += key.Length;
        _buffer[_length++] = '=';
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Collects a pair of a map (any order); <see cref="Sort"/> writes them out.</summary>
    public void Collect(ReadOnlyMemory<char> key, ReadOnlyMemory<char> value) => _pairs.Add((key, value));

    /// <summary>Writes the collected user tags (keys starting with <paramref name="userPrefix"/>, which is cut off) in key order.</summary>
    public void Sort(string userPrefix)
    {
        _pairs.Sort(static (a, b) => a.Key.Span.SequenceCompareTo(b.Key.Span));
        foreach (var (key, value) in _pairs)
        {
            if (key.Span.StartsWith(userPrefix, StringComparison.Ordinal) && key.Length > userPrefix.Length)
            {
                Append(key.Span[userPrefix.Length..], value.Span);
            }
        }

        _pairs.Clear();
    }

    /// <summary>
    /// The user tags of a CUR 2.0 CSV's <c>resource_tags</c> JSON object, normalized; false when the
    /// text is not a JSON object of strings.
    /// </summary>
    public bool TryJsonMap(string json, string userPrefix)
    {
        Clear();
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => string.Empty,
                    _ => property.Value.GetRawText(),
                };
                Collect(property.Name.AsMemory(), value.AsMemory());
            }
        }
        catch (JsonException)
        {
            return false;
        }

        Sort(userPrefix);
        return true;
    }

    /// <summary>A string value of a JSON object (CUR 2.0's <c>product</c> map in CSV), or null.</summary>
    public static string? JsonMapValue(string json, string key)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
