namespace LocalIam.Policy.Text;

/// <summary>Turns UTF-8 byte offsets into 1-based line and character columns.</summary>
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

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

    public SourceSpan Span(long offset, long length)
    {
        var start = (int)Math.Clamp(offset, 0, _utf8.Length);
        var line = _lineStarts.BinarySearch(start);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var column = 1;
        for (var i = _lineStarts[line]; i < start; i++)
        {
            // Count characters, not bytes: continuation bytes (10xxxxxx) do not start a character.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return new SourceSpan(start, (int)Math.Max(0, length), line + 1, column);
    }
}
