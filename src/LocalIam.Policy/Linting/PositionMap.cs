using System.Text;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Linting;

/// <summary>
/// Turns the reader's UTF-8 byte offsets into Access Analyzer's positions: 1-based line, 0-based
/// column and 0-based offset, both in UTF-16 characters as the document's string counts them.
/// </summary>
internal sealed class PositionMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private readonly List<int> _charsBeforeLine = [0];
    private readonly bool _ascii;

    /// <summary>For text that is not ASCII: UTF-16 characters before each byte offset, so a position costs no scan of its line.</summary>
    private readonly int[]? _charsBefore;

    public PositionMap(string text)
    {
        _utf8 = Encoding.UTF8.GetBytes(text);
        _ascii = _utf8.Length == text.Length;
        if (!_ascii)
        {
            _charsBefore = new int[_utf8.Length + 1];
            for (var i = 0; i < _utf8.Length; i++)
            {
                // A lead byte starts a character; four-byte sequences are two UTF-16 characters.
                var b = _utf8[i];
                _charsBefore[i + 1] = _charsBefore[i] + ((b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1);
            }
        }

        for (var i = 0; i < _utf8.Length; i++)
        {
            if (_utf8[i] == (byte)'\n')
            {
                _charsBeforeLine.Add(_charsBeforeLine[^1] + Chars(_lineStarts[^1], i + 1));
                _lineStarts.Add(i + 1);
            }
        }
    }

    public LintSpan Span(SourceSpan span) => new(At(span.Offset), At(span.Offset + span.Length));

    public LintSpan Whole => new(At(0), At(_utf8.Length));

    public LintPosition At(int byteOffset)
    {
        byteOffset = Math.Clamp(byteOffset, 0, _utf8.Length);
        var line = _lineStarts.BinarySearch(byteOffset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var column = Chars(_lineStarts[line], byteOffset);
        return new LintPosition(line + 1, column, _charsBeforeLine[line] + column);
    }

    private int Chars(int from, int to) => _charsBefore is null ? to - from : _charsBefore[to] - _charsBefore[from];
}
