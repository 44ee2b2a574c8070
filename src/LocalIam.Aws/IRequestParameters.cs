namespace LocalIam.Aws;

/// <summary>
/// A request's input members as an operation's bind step reads them, whatever the protocol: the
/// Query protocol's form parameters or a JSON protocol's body. Names are AWS's member names
/// (<c>UserName</c>, <c>Tags</c>); a missing required member is AWS's validation error.
/// </summary>
public interface IRequestParameters
{
    string? Get(string name);

    string Required(string name);

    int? GetInt(string name);

    bool? GetBool(string name);

    /// <summary>A list of strings (<c>Name.member.N</c> in the Query protocol, an array in JSON).</summary>
    List<string> GetList(string name);

    /// <summary>A list of structures with string fields (<c>Tags.member.N.Key</c>, or an array of objects).</summary>
    List<IReadOnlyDictionary<string, string>> GetStructures(string name);
}
