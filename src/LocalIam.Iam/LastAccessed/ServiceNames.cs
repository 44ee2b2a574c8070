using LocalIam.Policy.Catalog;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// A report's ServiceName: the IAM action catalogue's name of the service (the Service
/// Authorization Reference's), except where AWS's recorded answers name it otherwise.
/// </summary>
internal static class ServiceNames
{
    /// <summary>Names in AWS's own GetServiceLastAccessedDetails example (botocore's examples-1.json, iam 2010-05-08).</summary>
    private static readonly Dictionary<string, string> Recorded = new(StringComparer.Ordinal)
    {
        ["iam"] = "AWS Identity and Access Management",
        ["s3"] = "Amazon Simple Storage Service",
    };

    public static string Of(string serviceNamespace) =>
        Recorded.GetValueOrDefault(serviceNamespace) ?? IamCatalog.Current.FindService(serviceNamespace)?.Name ?? serviceNamespace;
}
