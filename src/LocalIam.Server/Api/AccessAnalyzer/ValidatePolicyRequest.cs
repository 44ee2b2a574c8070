using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalIam.Aws.Errors;
using LocalIam.Policy.Linting;

namespace LocalIam.Server.Api.AccessAnalyzer;

/// <summary>
/// ValidatePolicy's input as its model (botocore accessanalyzer 2019-11-01) reads it: the body's
/// policyDocument, policyType, locale and validatePolicyResourceType, the query's maxResults and
/// nextToken. Every broken constraint is collected into one ValidationException.
/// </summary>
internal sealed record ValidatePolicyRequest(LintRequest Lint, string? Locale, int MaxResults, int Offset)
{
    /// <summary>
    /// LocalIam's bound on one document: IAM's own largest (its model's policyDocumentType), far above
    /// any quota AWS has for a policy, and small enough that one request's lint stays well under a second (docs/lint.md).
    /// </summary>
    public const int MaxDocumentLength = 131_072;

    /// <summary>Findings per page when maxResults is not given (LocalIam's choice; AWS does not document its own).</summary>
    public const int DefaultMaxResults = 100;

    public static readonly string[] PolicyTypes = ["IDENTITY_POLICY", "RESOURCE_POLICY", "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

    public static readonly string[] Locales = ["DE", "EN", "ES", "FR", "IT", "JA", "KO", "PT_BR", "ZH_CN", "ZH_TW"];

    public static ValidatePolicyRequest Bind(byte[] body, IReadOnlyDictionary<string, string> query)
    {
        JsonElement root;
        try
        {
            if (body.Length > 0 && !LocalIam.Aws.Json.JsonText.IsValid(body, maxDepth: 16))
            {
                throw new AccessAnalyzerException(AccessAnalyzerError.CannotParse(AwsErrors.BodyNotJson().Message));
            }

            using var parsed = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body, new JsonDocumentOptions { MaxDepth = 16 });
            root = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new AccessAnalyzerException(AccessAnalyzerError.CannotParse(AwsErrors.BodyNotJson().Message));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AccessAnalyzerException(AccessAnalyzerError.CannotParse("The request body is not a JSON object."));
        }

        var fields = new List<ValidationField>();
        var document = String(root, "policyDocument");
        var policyType = String(root, "policyType");
        var locale = String(root, "locale");
        var resourceType = String(root, "validatePolicyResourceType");
        if (document is null)
        {
            fields.Add(new("policyDocument", AwsErrors.NullViolation("policyDocument")));
        }
        else if (document.Length > MaxDocumentLength)
        {
            fields.Add(new("policyDocument", AwsErrors.Violation("policyDocument", AwsErrors.MaxLengthConstraint(MaxDocumentLength))));
        }

        if (policyType is null)
        {
            fields.Add(new("policyType", AwsErrors.NullViolation("policyType")));
        }

        Enum(fields, "policyType", policyType, PolicyTypes);
        Enum(fields, "locale", locale, Locales);
        Enum(fields, "validatePolicyResourceType", resourceType, LintRequest.ResourceTypes);
        var maxResults = Integer(query, "maxResults") ?? DefaultMaxResults;
        if (maxResults < 1)
        {
            fields.Add(new("maxResults", AwsErrors.Violation("maxResults", AwsErrors.MinValueConstraint(1))));
        }

        if (fields.Count > 0)
        {
            throw new AccessAnalyzerException(AccessAnalyzerError.Validation(fields));
        }

        if (resourceType is not null && policyType != "RESOURCE_POLICY")
        {
            throw new AccessAnalyzerException(AccessAnalyzerError.InvalidInput());
        }

        var lint = new LintRequest(document!, policyType switch
        {
            "IDENTITY_POLICY" => LintPolicyType.Identity,
            "RESOURCE_POLICY" => LintPolicyType.Resource,
            "SERVICE_CONTROL_POLICY" => LintPolicyType.ServiceControl,
            _ => LintPolicyType.ResourceControl,
        }, resourceType);
        var offset = query.TryGetValue("nextToken", out var token) ? PageToken.Read(token, lint) : 0;
        return new ValidatePolicyRequest(lint, locale, Math.Min(maxResults, 1000), offset);
    }

    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AccessAnalyzerException(new AccessAnalyzerError("SerializationException", 400, AwsErrors.MemberNotOfType(name).Message));
    }

    private static void Enum(List<ValidationField> fields, string name, string? value, IReadOnlyList<string> values)
    {
        if (value is not null && !values.Contains(value, StringComparer.Ordinal))
        {
            fields.Add(new(name, AwsErrors.QuotedViolation(name, value, AwsErrors.EnumConstraint(values))));
        }
    }

    private static int? Integer(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // A query parameter that is not an integer cannot be read at all, as a body member of the wrong type.
        throw new AccessAnalyzerException(new AccessAnalyzerError("SerializationException", 400, AwsErrors.MemberNotOfType(name).Message));
    }
}

/// <summary>
/// nextToken: where the next page starts and a digest of what was asked, so that a token is good
/// only for the request that produced it (another document, type or tampered offset is refused).
/// </summary>
internal static class PageToken
{
    public static string Write(int offset, LintRequest request) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset.ToString(CultureInfo.InvariantCulture)}.{Digest(offset, request)}"));

    public static int Read(string token, LintRequest request)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(text[(dot + 1)..]), Encoding.UTF8.GetBytes(Digest(offset, request))))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not base64: refused below like any other token that is not ours.
        }

        throw new AccessAnalyzerException(AccessAnalyzerError.InvalidPaginationToken());
    }

    private static string Digest(int offset, LintRequest request)
    {
        var input = Encoding.UTF8.GetBytes($"{offset.ToString(CultureInfo.InvariantCulture)}\n{request.PolicyType}\n{request.ResourceType}\n{request.Document}");
        return Convert.ToHexString(SHA256.HashData(input), 0, 12);
    }
}
