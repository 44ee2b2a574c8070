namespace LocalIam.Aws.Errors;

/// <summary>
/// An error as AWS reports it: code, HTTP status, message, and whether the caller is at fault.
/// The texts are made in one place, <see cref="AwsErrors"/>.
/// </summary>
public sealed record AwsError(string Code, int Status, string Message, bool SenderFault = true);
