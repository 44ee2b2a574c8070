using System.Text;

namespace LocalIam.Policy.Text;

/// <summary>
/// Turns UTF-8 byte offsets into 1-based line and character columns. The reader asks in
/// increasing order, so each question continues from the last answer: one pass over the text
/// overall, no table of line starts (a question behind the last one starts again from the top).
/// </summary>
internal sealed class LineMap(ReadOnlyMemory<byte> utf8)
{
    private int _offset;
    private int _line;
    private int _column = 1;

    /// <summary>
    /// The byte offset where 0-based line <paramref name="line"/> starts, or the last line's start
    /// when there are fewer lines. Only error paths ask (System.Text.Json reports lines), so it scans.
    /// </summary>
    public long LineStart(int line)
    {
        var text = utf8.Span;
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            var next = text[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        return start;
    }

    public SourceSpan Span(long offset, long length)
    {
        var text = utf8.Span;
        var start = (int)Math.Clamp(offset, 0, text.Length);
        if (start < _offset)
        {
            (_offset, _line, _column) = (0, 0, 1);
        }

        while (_offset < start)
        {
            var rest = text[_offset..start];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _column += CharacterCount(rest);
                _offset = start;
                break;
            }

            _line++;
            _column = 1;
            _offset += newline + 1;
        }

        return new SourceSpan(start, (int)Math.Max(0, length), _line + 1, _column);
    }

    /// <summary>Characters, not bytes: continuation bytes (10xxxxxx) do not start a character.</summary>
    private static int CharacterCount(ReadOnlySpan<byte> bytes)
    {
        if (Ascii.IsValid(bytes))
        {
            return bytes.Length;
        }

        var count = 0;
        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
