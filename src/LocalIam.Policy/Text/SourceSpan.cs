namespace LocalIam.Policy.Text;

/// <summary>
/// Where a piece of a policy document stands in its text: UTF-8 byte offset and length, and the
/// 1-based line and column (in characters) of its first character.
/// </summary>
public readonly record struct SourceSpan(int Offset, int Length, int Line, int Column)
{
    public static SourceSpan None => default;

    public bool IsNone => Line == 0;

    public override string ToString() => IsNone ? "(no position)" : $"line {Line}, column {Column}";
}
