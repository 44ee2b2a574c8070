using LocalIam.Iam.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Simulation;

/// <summary>
/// Where matched statements stand in their policies, reported as AWS does (1-based line and
/// column of the start and the end). The end is worked out once per statement and simulation:
/// results that match the same statement share it.
/// </summary>
internal sealed class StatementPositions(IReadOnlyDictionary<string, PolicySource> sources)
{
    private readonly Dictionary<CompiledStatement, (int Line, int Column)> _ends = [];

    public MatchedStatement Of(CompiledStatement statement)
    {
        var source = sources.GetValueOrDefault(statement.Policy.Id);
        var span = statement.Span;
        if (!_ends.TryGetValue(statement, out var end))
        {
            _ends[statement] = end = source is null ? (span.Line, span.Column) : EndPosition(source.Document, span.Offset + span.Length);
        }

        return new MatchedStatement(statement, source?.Name ?? statement.Policy.Id, source?.Type ?? "none", (span.Line, span.Column), end, source);
    }

    /// <summary>1-based line and column of a UTF-8 byte offset in a document.</summary>
    internal static (int Line, int Column) EndPosition(string text, int byteOffset)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        int line = 1, column = 1;
        for (var i = 0; i < Math.Min(byteOffset, bytes.Length); i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
