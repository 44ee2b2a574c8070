namespace LocalIam.Aws.SigV4;

/// <summary>
/// The parts of a SigV4 signature, from the Authorization header or from a presigned URL's query.
/// </summary>
public sealed record SigV4Credential(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    string Terminator,
    IReadOnlyList<string> SignedHeaders,
    string Signature,
    string AmzDate,
    string? SecurityToken,
    bool Presigned,
    int? ExpiresSeconds)
{
    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";
}
