using System.Text.Json;
using LocalIam.Aws.Errors;

namespace LocalIam.Server.Api.AccessAnalyzer;

/// <summary>One member that did not validate, as ValidationException's fieldList names it.</summary>
internal sealed record ValidationField(string Name, string Message);

/// <summary>
/// An Access Analyzer error on REST-JSON: the code in the <c>x-amzn-ErrorType</c> header, the body
/// <c>{"message": ...}</c>, and for ValidationException its <c>reason</c> and <c>fieldList</c>.
/// </summary>
internal sealed record AccessAnalyzerError(string Code, int Status, string Message, string? Reason = null, IReadOnlyList<ValidationField>? Fields = null)
{
    /// <summary>The model's constraints broken by the request: one ValidationException naming each (<c>N validation error(s) detected: ...</c>).</summary>
    public static AccessAnalyzerError Validation(IReadOnlyList<ValidationField> fields)
    {
        var noun = fields.Count == 1 ? "validation error" : "validation errors";
        return new("ValidationException", 400, $"{fields.Count} {noun} detected: {string.Join("; ", fields.Select(f => f.Message))}", "fieldValidationFailed", fields);
    }

    /// <summary>A body that is not the operation's JSON (LocalIam's words; AWS's SDKs never send one).</summary>
    public static AccessAnalyzerError CannotParse(string message) => new("ValidationException", 400, message, "cannotParse");

    /// <summary>A nextToken this request did not produce (LocalIam's words).</summary>
    public static AccessAnalyzerError InvalidPaginationToken() =>
        new("ValidationException", 400, "Invalid pagination token", "fieldValidationFailed", [new("nextToken", "Invalid pagination token")]);

    /// <summary>What AWS answers a validatePolicyResourceType given with a policy type other than RESOURCE_POLICY.</summary>
    public static AccessAnalyzerError InvalidInput() => new("ValidationException", 400, "InvalidInput", "other");

    /// <summary>A failure of the shared layers (signature, access denied, internal), in this protocol's envelope.</summary>
    public static AccessAnalyzerError Of(AwsError error) => new(error.Code, error.Status, error.Message);

    public string Body()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("message", Message);
            if (Reason is not null)
            {
                json.WriteString("reason", Reason);
            }

            if (Fields is { Count: > 0 })
            {
                json.WriteStartArray("fieldList");
                foreach (var field in Fields)
                {
                    json.WriteStartObject();
                    json.WriteString("name", field.Name);
                    json.WriteString("message", field.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

internal sealed class AccessAnalyzerException(AccessAnalyzerError error) : Exception(error.Message)
{
    public AccessAnalyzerError Error { get; } = error;
}
