namespace LocalIam.Aws.SigV4;

/// <summary>
/// What SigV4 looks at in an HTTP request, taken from any host: method, raw path and query as
/// sent, headers, and the body.
/// </summary>
public sealed class SignedRequest(string method, string rawPath, string rawQuery, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
{
    public string Method { get; } = method;

    /// <summary>The path as sent, still percent-encoded.</summary>
    public string RawPath { get; } = rawPath;

    /// <summary>The query string as sent, without the leading <c>?</c>.</summary>
    public string RawQuery { get; } = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public byte[] Body { get; } = body;

    /// <summary>All values of a header (names are case-insensitive), joined with commas as SigV4 wants.</summary>
    public string? Header(string name)
    {
        string? joined = null;
        foreach (var (key, value) in Headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                joined = joined is null ? value : joined + "," + value;
            }
        }

        return joined;
    }

    /// <summary>The query's parameters, decoded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters => FormEncoding.Parse(RawQuery);
}
