using LocalIam.Policy.Authorization;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Sts;

/// <summary>STS (Version 2011-06-15). GetCallerIdentity needs no permission: AWS answers it even under an explicit deny.</summary>
internal static class StsOperations
{
    public const string Version = "2011-06-15";

    public static IReadOnlyDictionary<string, Operation> Table { get; } = Build();

    /// <summary>Operations every signed caller may call, whatever its policies say.</summary>
    public static readonly IReadOnlySet<string> Unauthorized = new HashSet<string>(StringComparer.Ordinal) { "GetCallerIdentity" };

    private static IReadOnlyDictionary<string, Operation> Build()
    {
        var table = new OperationTable();
        table.Add("GetCallerIdentity", c => "*", c => Task.FromResult<IEnumerable<object>?>(
        [
            El("UserId", c.Who.Principal.Kind == PrincipalKind.Root ? c.AccountId : c.Who.UserId)!,
            El("Account", c.AccountId)!,
            El("Arn", c.Who.Principal.Arn)!,
        ]), iamAction: "sts:GetCallerIdentity");
        return table.Operations;
    }
}
