using System.Text;

namespace LocalIam.Cli.Output;

/// <summary>
/// A plain-text table drawn like Spectre.Console's rounded table, for lists that run to
/// thousands of rows (who-can over a large account): Spectre lays out about two thousand rows a
/// second, this writes the same table in a few milliseconds. Cells are plain text (no markup);
/// a cell may hold several lines, and cells wider than their column wrap at spaces.
/// </summary>
internal sealed class TextTable
{
    /// <summary>No column is cut through words below this many characters.</summary>
    private const int NarrowestColumn = 8;

    private readonly string[] _headings;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headings) => _headings = headings;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headings.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_headings.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the table in at most <paramref name="width"/> characters a line.</summary>
    public void Write(TextWriter writer, int width)
    {
        var widths = ColumnWidths(width);
        var text = new StringBuilder();
        Rule(text, widths, '╭', '┬', '╮');
        Row(text, widths, _headings);
        Rule(text, widths, '├', '┼', '┤');
        foreach (var row in _rows)
        {
            Row(text, widths, row);
        }

        Rule(text, widths, '╰', '┴', '╯');
        writer.Write(text.ToString());
    }

    /// <summary>
    /// Each column as wide as its widest line. A table too wide narrows its columns from the
    /// right, where the prose is, so names on the left stay whole: the last column down to an
    /// equal share of the width, then each column down to its longest word, then, cutting words,
    /// down to an equal share; only then the widest.
    /// </summary>
    private int[] ColumnWidths(int width)
    {
        var widths = _headings.Select(h => h.Length).ToArray();
        var words = _headings.Select(LongestWord).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                foreach (var line in row[i].Split('\n'))
                {
                    widths[i] = Math.Max(widths[i], line.Length);
                }

                words[i] = Math.Max(words[i], LongestWord(row[i]));
            }
        }

        var available = width - (3 * widths.Length) - 1;
        var share = Math.Max(NarrowestColumn, available / widths.Length);
        NarrowFromTheRight(widths, available, i => i == widths.Length - 1 ? share : widths[i]);
        NarrowFromTheRight(widths, available, i => Math.Max(words[i], share));
        NarrowFromTheRight(widths, available, _ => share);
        while (widths.Sum() > available)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (widths[i] > NarrowestColumn && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                break;
            }

            widths[widest]--;
        }

        return widths;
    }

    /// <summary>Takes the excess from the last column, then the one before, none below its floor.</summary>
    private static void NarrowFromTheRight(int[] widths, int available, Func<int, int> floor)
    {
        for (var i = widths.Length - 1; i >= 0 && widths.Sum() > available; i--)
        {
            widths[i] = Math.Max(Math.Min(widths[i], floor(i)), widths[i] - (widths.Sum() - available));
        }
    }

    private static int LongestWord(string cell)
    {
        var longest = 0;
        foreach (var word in cell.Split([' ', '\n']))
        {
            longest = Math.Max(longest, word.Length);
        }

        return longest;
    }

    private static void Rule(StringBuilder text, int[] widths, char left, char middle, char right)
    {
        text.Append(left);
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append('─', widths[i] + 2).Append(i == widths.Length - 1 ? right : middle);
        }

        text.Append('\n');
    }

    private static void Row(StringBuilder text, int[] widths, string[] cells)
    {
        var lines = cells.Select((cell, i) => Wrap(cell, widths[i])).ToArray();
        var height = lines.Max(l => l.Count);
        for (var line = 0; line < height; line++)
        {
            text.Append('│');
            for (var i = 0; i < cells.Length; i++)
            {
                var part = line < lines[i].Count ? lines[i][line] : string.Empty;
                text.Append(' ').Append(part).Append(' ', widths[i] - part.Length + 1).Append('│');
            }

            text.Append('\n');
        }
    }

    /// <summary>A cell's lines, each at most <paramref name="width"/> long: broken at spaces, a longer word split.</summary>
    internal static List<string> Wrap(string cell, int width)
    {
        var lines = new List<string>();
        foreach (var paragraph in cell.Split('\n'))
        {
            var rest = paragraph;
            while (rest.Length > width)
            {
                var space = rest.LastIndexOf(' ', width);
                var cut = space > 0 ? space : width;
                lines.Add(rest[..cut]);
                rest = rest[cut..].TrimStart(' ');
            }

            lines.Add(rest);
        }

        return lines;
    }
}
