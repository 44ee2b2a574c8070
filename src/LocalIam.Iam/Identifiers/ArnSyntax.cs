namespace LocalIam.Iam.Identifiers;

/// <summary>
/// Whether a value has an ARN's form at all: <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>
/// with a partition, a service and a resource (region and account may be empty), as STS's recorded
/// refusals draw the line (<c>arn:a:::something/test-role is invalid</c>).
/// </summary>
public static class ArnSyntax
{
    public static bool IsWellFormed(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0;
    }
}
