using LocalIam.Policy.Text;

namespace LocalIam.Policy.Syntax;

/// <summary>
/// A JSON value as written in a policy, with its source span. The first stage of reading a
/// policy: the JSON shape only, no IAM meaning yet.
/// </summary>
public abstract record JsonSyntax(SourceSpan Span)
{
    /// <summary>What a person would call this kind of value in a message.</summary>
    public abstract string KindName { get; }
}

public sealed record JsonObjectSyntax(SourceSpan Span, IReadOnlyList<JsonPropertySyntax> Properties) : JsonSyntax(Span)
{
    public override string KindName => "object";
}

public sealed record JsonPropertySyntax(string Name, SourceSpan NameSpan, JsonSyntax Value);

public sealed record JsonArraySyntax(SourceSpan Span, IReadOnlyList<JsonSyntax> Items) : JsonSyntax(Span)
{
    public override string KindName => "array";
}

public sealed record JsonStringSyntax(SourceSpan Span, string Value) : JsonSyntax(Span)
{
    public override string KindName => "string";
}

/// <summary>A number, kept as written so that no precision is lost before a condition reads it.</summary>
public sealed record JsonNumberSyntax(SourceSpan Span, string Text) : JsonSyntax(Span)
{
    public override string KindName => "number";
}

public sealed record JsonBooleanSyntax(SourceSpan Span, bool Value) : JsonSyntax(Span)
{
    public override string KindName => "boolean";
}

public sealed record JsonNullSyntax(SourceSpan Span) : JsonSyntax(Span)
{
    public override string KindName => "null";
}
