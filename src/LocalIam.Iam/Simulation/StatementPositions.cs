using LocalIam.Iam.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Simulation;

/// <summary>
/// Where matched statements stand in their policies, reported as AWS does: 1-based line and column
/// of the character after the statement's opening brace and of the character after its closing
/// brace (AWS's recorded answer: 41 and 113 for a statement from column 40 to 112; the AWS CLI's
/// simulate-custom-policy example alike). The positions are worked out once per statement and
/// simulation: results that match the same statement share them.
/// </summary>
internal sealed class StatementPositions(IReadOnlyDictionary<string, PolicySource> sources)
{
    private readonly Dictionary<CompiledStatement, ((int Line, int Column) Start, (int Line, int Column) End)> _positions = [];

    public MatchedStatement Of(CompiledStatement statement)
    {
        var source = sources.GetValueOrDefault(statement.Policy.Id);
        var span = statement.Span;
        if (!_positions.TryGetValue(statement, out var at))
        {
            _positions[statement] = at = source is null
                ? ((span.Line, span.Column + 1), (span.Line, span.Column + 1))
                : (PositionAt(source.Document, span.Offset + 1), PositionAt(source.Document, span.Offset + span.Length));
        }

        return new MatchedStatement(statement, source?.Name ?? statement.Policy.Id, source?.Type ?? "none", at.Start, at.End, source);
    }

    /// <summary>1-based line and column of the character at a UTF-8 byte offset in a document.</summary>
    internal static (int Line, int Column) PositionAt(string text, int byteOffset)
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
