namespace LocalIam.Aws.SigV4;

/// <summary>
/// The parts of a SigV4 signature, from the Authorization header or from a presigned URL's query.
/// <paramref name="FromDateHeader"/>: the time came from the <c>Date</c> header, which may also be
/// written as in HTTP (RFC 1123); <c>X-Amz-Date</c> is ISO 8601 basic format only.
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
    int? ExpiresSeconds,
    bool FromDateHeader = false)
{
    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";
}
