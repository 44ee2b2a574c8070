using System.Text.Json.Serialization;

namespace LocalIam.Cli.Accounts;

/// <summary>The body of <c>LocalIam_20261201.WhoCan</c>: the question and whether to list those denied.</summary>
internal sealed record WhoCanRequest(string Action, string Resource, Dictionary<string, string[]>? Context, bool FollowRoleTrust, bool IncludeDenied);

/// <summary>The body of <c>LocalIam_20261201.Explain</c>.</summary>
internal sealed record ExplainRequest(string Principal, string Action, string Resource, Dictionary<string, string[]>? Context, bool ViaBillingConsole);

/// <summary>Request bodies written by generated code: no reflection serializer in a short-lived process.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WhoCanRequest))]
[JsonSerializable(typeof(ExplainRequest))]
internal sealed partial class RemoteRequestJson : JsonSerializerContext;
