namespace LocalIam.Policy.Syntax;

/// <summary>Limits of the JSON reader, shared by the reader and its messages.</summary>
public static class JsonSyntaxLimits
{
    /// <summary>Far above any policy AWS accepts (the largest quota is 10,240 characters), far below harm.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>A valid policy nests at most five levels; anything much deeper is hostile.</summary>
    public const int MaxDepth = 32;
}
