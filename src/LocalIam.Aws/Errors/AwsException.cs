namespace LocalIam.Aws.Errors;

/// <summary>Raised at the wire layer for a request AWS would refuse before any handler runs.</summary>
public sealed class AwsException(AwsError error) : Exception(error.Message)
{
    public AwsError Error { get; } = error;
}
