using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;
using LocalIam.Storage.Secrets;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Encoded authorization messages: a denial's facts and LocalIam's explanation, compressed and
/// sealed with AES-256-GCM under a key derived from the server's secret, so only a server of this
/// store can read one and nobody can forge or alter one. STS DecodeAuthorizationMessage opens them
/// (for the account they were made in) into AWS's decoded form with LocalIam's explanation added.
/// </summary>
public sealed class AuthorizationMessages(SecretProtector secrets, TimeProvider clock)
{
    private const string Purpose = "localiam:authorization-message:v1";

    /// <summary>DecodeAuthorizationMessage takes at most 10,240 characters (AWS's model); the explanation is cut to stay well under.</summary>
    private const int ExplanationLimit = 4000;

    private readonly SecretProtector _sealer = new(secrets.DeriveKey(Purpose));

    public string Encode(AuthorizationResult denial, string? principalId)
    {
        var request = denial.Request;
        var explanation = denial.Explanation;
        var payload = new JsonObject
        {
            ["account"] = request.Principal.AccountId,
            ["issued"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["allowed"] = denial.IsAllowed,
            ["explicitDeny"] = denial.Decision == Decision.ExplicitDeny,
            ["principalId"] = principalId,
            ["principalName"] = request.Principal.Name,
            ["principalArn"] = request.Principal.Arn,
            ["action"] = request.Action.Full,
            ["resource"] = request.Resource,
            ["statement"] = denial.DecidingStatement is { } statement ? statement.ToString() : null,
            ["reason"] = denial.Reason.ToString(),
            ["explanation"] = explanation.Length > ExplanationLimit ? explanation[..ExplanationLimit] : explanation,
        };

        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        }

        return Convert.ToBase64String(_sealer.Protect(compressed.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>AWS's decoded form (allowed, explicitDeny, matchedStatements, failures, context) plus <c>localIam</c>: the reason and explanation.</summary>
    public string Decode(string encoded, string accountId)
    {
        var payload = Open(encoded);
        if (payload?["account"]?.GetValue<string>() != accountId)
        {
            throw IamErrors.AuthorizationMessageInvalid();
        }

        var decoded = new JsonObject
        {
            ["allowed"] = payload["allowed"]?.GetValue<bool>() ?? false,
            ["explicitDeny"] = payload["explicitDeny"]?.GetValue<bool>() ?? false,
            ["matchedStatements"] = new JsonObject
            {
                ["items"] = payload["statement"]?.GetValue<string>() is { } statement ? new JsonArray(new JsonObject { ["statementId"] = statement }) : new JsonArray(),
            },
            ["failures"] = new JsonObject { ["items"] = new JsonArray() },
            ["context"] = new JsonObject
            {
                ["principal"] = new JsonObject
                {
                    ["id"] = payload["principalId"]?.GetValue<string>(),
                    ["name"] = payload["principalName"]?.GetValue<string>(),
                    ["arn"] = payload["principalArn"]?.GetValue<string>(),
                },
                ["action"] = payload["action"]?.GetValue<string>(),
                ["resource"] = payload["resource"]?.GetValue<string>(),
                ["conditions"] = new JsonObject { ["items"] = new JsonArray() },
            },
            ["localIam"] = new JsonObject
            {
                ["reason"] = payload["reason"]?.GetValue<string>(),
                ["explanation"] = payload["explanation"]?.GetValue<string>(),
            },
        };
        return decoded.ToJsonString();
    }

    private JsonNode? Open(string encoded)
    {
        try
        {
            var base64 = encoded.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var sealedBytes = Convert.FromBase64String(base64);
            using var brotli = new BrotliStream(new MemoryStream(_sealer.UnprotectBytes(sealedBytes)), CompressionMode.Decompress);
            using var plain = new MemoryStream();

            // Only this server seals messages, and it seals small ones; the read is bounded all the same.
            var buffer = new byte[8192];
            int read;
            while ((read = brotli.Read(buffer)) > 0)
            {
                plain.Write(buffer, 0, read);
                if (plain.Length > 65_536)
                {
                    return null;
                }
            }

            return JsonNode.Parse(plain.ToArray());
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or JsonException or InvalidOperationException or InvalidDataException)
        {
            throw IamErrors.AuthorizationMessageInvalid();
        }
    }
}
