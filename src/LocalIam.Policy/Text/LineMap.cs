namespace LocalIam.Policy.Text;

/// <summary>
/// Turns UTF-8 byte offsets into 1-based line and character columns. The reader asks in
/// increasing order, so each question continues from the last answer: linear in the text overall.
/// </summary>
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private int _lastOffset;
    private int _lastLine;
    private int _lastColumn = 1;

    public LineMap(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The byte offset where 0-based line <paramref name="line"/> starts.</summary>
    public long LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Count - 1)];

    public SourceSpan Span(long offset, long length)
    {
        var start = (int)Math.Clamp(offset, 0, _utf8.Length);
        var line = _lineStarts.BinarySearch(start);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var from = _lineStarts[line];
        var column = 1;
        if (line == _lastLine && start >= _lastOffset)
        {
            (from, column) = (_lastOffset, _lastColumn);
        }

        for (var i = from; i < start; i++)
        {
            // Count characters, not bytes: continuation bytes (10xxxxxx) do not start a character.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        (_lastOffset, _lastLine, _lastColumn) = (start, line, column);
        return new SourceSpan(start, (int)Math.Max(0, length), line + 1, column);
    }
}
