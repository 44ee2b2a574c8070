using System.Text.Json.Serialization;
using LocalIam.Iam.Analysis;

namespace LocalIam.Cli.Output;

/// <summary>
/// The reports that cross the wire and reach scripts, serialized by generated code: the
/// reflection serializer spends about a tenth of a second of a short-lived process learning
/// these types before the first byte. Other values fall back to reflection.
/// </summary>
[JsonSerializable(typeof(WhoCanReport))]
[JsonSerializable(typeof(ExplainReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
