using System.Text.Json;

namespace LocalIam.Iam.ServiceLinkedRoles;

/// <summary>One AWS service that has a service-linked role: the role's name, the AWS managed policy AWS attaches, whether it takes a CustomSuffix.</summary>
public sealed record LinkedService(string Service, string RoleName, string? PolicyArn, bool SuffixAllowed);

/// <summary>
/// The services whose service-linked roles CreateServiceLinkedRole makes, from
/// data/service-linked-roles.json (embedded; scripts/service-linked-roles.py makes it from AWS's
/// recorded answers). Keyed by service principal, which AWS compares case-sensitively.
/// </summary>
public sealed class ServiceLinkedRoleCatalog
{
    public const string ResourceName = "service-linked-roles.json";

    private static readonly Lazy<ServiceLinkedRoleCatalog> Embedded = new(ReadEmbedded);

    private readonly Dictionary<string, LinkedService> _services;

    private ServiceLinkedRoleCatalog(IEnumerable<LinkedService> services) =>
        _services = services.ToDictionary(s => s.Service, StringComparer.Ordinal);

    public static ServiceLinkedRoleCatalog Current => Embedded.Value;

    public IReadOnlyCollection<LinkedService> All => _services.Values;

    public LinkedService? Find(string service) => _services.GetValueOrDefault(service);

    private static ServiceLinkedRoleCatalog ReadEmbedded()
    {
        using var stream = typeof(ServiceLinkedRoleCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the service-linked role catalogue `{ResourceName}` is not embedded");
        using var document = JsonDocument.Parse(stream);
        return new ServiceLinkedRoleCatalog(document.RootElement.GetProperty("services").EnumerateArray().Select(s => new LinkedService(
            s.GetProperty("service").GetString()!,
            s.GetProperty("roleName").GetString()!,
            s.GetProperty("policyArn").GetString(),
            s.GetProperty("suffixAllowed").GetBoolean())));
    }
}
