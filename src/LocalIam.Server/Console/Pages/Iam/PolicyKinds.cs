using LocalIam.Storage.Entities;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>The policy types AWS's console names, and the links to a policy's page.</summary>
public static class PolicyKinds
{
    public const string AwsManaged = "AWS managed";
    public const string CustomerManaged = "Customer managed";
    public const string JobFunction = "AWS managed - job function";

    /// <summary>AWS's job-function policies live on this path.</summary>
    public const string JobFunctionPath = "/job-function/";

    public static string TypeOf(ManagedPolicy policy) =>
        !policy.IsAwsManaged ? CustomerManaged : policy.Path == JobFunctionPath ? JobFunction : AwsManaged;

    /// <summary>A policy's page: its ARN URL-encoded as one path segment.</summary>
    public static string Href(string arn) => "/console/iam/policies/" + Uri.EscapeDataString(arn);

    /// <summary>
    /// The ARN from the path: Kestrel decodes every escape but <c>%2F</c>, so an encoded ARN and one
    /// typed with its slashes both arrive whole.
    /// </summary>
    public static string ArnFromPath(string? value) =>
        (value ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
