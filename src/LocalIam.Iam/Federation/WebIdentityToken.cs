using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using LocalIam.Iam.Errors;
using LocalIam.Iam.OpenIdConnect;
using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Federation;

/// <summary>
/// An OpenID Connect token as AssumeRoleWithWebIdentity reads it: a compact JWS of three base64url
/// parts, read before anything is trusted (<see cref="Read"/>), then verified against the account's
/// provider (<see cref="Verify"/>). The verification key travels with the token as its <c>x5c</c>
/// leaf certificate and is trusted only when the provider's thumbprint list holds that certificate's
/// SHA-1 (docs/federation.md says why: LocalIam cannot fetch a JWKS).
/// </summary>
public sealed class WebIdentityToken
{
    /// <summary>STS's model bounds WebIdentityToken to 20,000 characters.</summary>
    public const int MaxLength = 20_000;

    public const string TagsClaim = "https://aws.amazon.com/tags";

    private const int MaxJsonDepth = 16;

    private readonly byte[] _signedPart;
    private readonly byte[] _signature;
    private readonly byte[]? _certificate;

    private WebIdentityToken(byte[] signedPart, byte[] signature, string algorithm, byte[]? certificate, JsonElement claims)
    {
        (_signedPart, _signature, Algorithm, _certificate, Claims) = (signedPart, signature, algorithm, certificate, claims);
    }

    public string Algorithm { get; }

    /// <summary>The payload, unverified until <see cref="Verify"/> has returned.</summary>
    public JsonElement Claims { get; }

    /// <summary>The <c>iss</c> claim: which provider to verify against.</summary>
    public string Issuer => Text("iss") ?? throw FederationErrors.MissingClaim("iss");

    /// <summary>Reads the token's structure; anything that is not a JWS with JSON header and claims is InvalidIdentityToken.</summary>
    public static WebIdentityToken Read(string token)
    {
        if (token.Length > MaxLength)
        {
            throw FederationErrors.NotAJwt();
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            throw FederationErrors.NotAJwt();
        }

        var header = Json(Decode(parts[0]));
        var claims = Json(Decode(parts[1]));
        var signature = Decode(parts[2]);
        if (header.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object)
        {
            throw FederationErrors.NotAJwt();
        }

        var algorithm = header.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString()! : throw FederationErrors.NotAJwt();
        byte[]? certificate = null;
        if (header.TryGetProperty("x5c", out var chain) && chain.ValueKind == JsonValueKind.Array && chain.GetArrayLength() > 0
            && chain[0].ValueKind == JsonValueKind.String)
        {
            // x5c is standard base64 (RFC 7515 4.1.6), not base64url.
            var encoded = chain[0].GetString()!;
            var buffer = new byte[encoded.Length];
            certificate = Convert.TryFromBase64String(encoded, buffer, out var written) ? buffer[..written] : throw FederationErrors.NotAJwt();
        }

        return new WebIdentityToken(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, algorithm, certificate, claims);
    }

    /// <summary>
    /// Verifies the token against <paramref name="provider"/> at <paramref name="now"/>, in the order
    /// STS reports: algorithm and signature by a trusted key, then audience, expiry and subject.
    /// </summary>
    public VerifiedWebIdentity Verify(OidcProvider provider, string providerArn, DateTimeOffset now)
    {
        VerifySignature(provider);
        var audiences = Audiences();
        var audience = audiences.FirstOrDefault(a => provider.ClientIds.Contains(a, StringComparer.Ordinal)) ?? throw FederationErrors.IncorrectAudience();
        var expiry = Seconds("exp") ?? throw FederationErrors.MissingClaim("exp");
        if (now >= expiry)
        {
            throw FederationErrors.TokenExpired(now, expiry);
        }

        if (Seconds("nbf") is { } notBefore && now < notBefore)
        {
            throw FederationErrors.TokenNotYetValid();
        }

        var subject = Text("sub") ?? throw FederationErrors.MissingClaim("sub");
        if (subject.Length is < 6 or > 255)
        {
            throw FederationErrors.SubjectInvalid();
        }

        var (tags, transitive) = SessionTags();
        return new VerifiedWebIdentity(provider.Url, providerArn, subject, audience, Strings("amr"), tags, transitive);
    }

    private void VerifySignature(OidcProvider provider)
    {
        if (Algorithm is not ("RS256" or "ES256"))
        {
            throw FederationErrors.AlgorithmNotSupported(Algorithm);
        }

        if (_certificate is null)
        {
            throw FederationErrors.KeyNotTrusted();
        }

#pragma warning disable CA5350 // IAM's OIDC thumbprints are SHA-1 fingerprints (40 hex digits); the signature itself is SHA-256.
        var thumbprint = Convert.ToHexString(SHA1.HashData(_certificate));
#pragma warning restore CA5350
        if (!provider.Thumbprints.Contains(thumbprint, StringComparer.OrdinalIgnoreCase))
        {
            throw FederationErrors.KeyNotTrusted();
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(_certificate);
            var valid = Algorithm == "RS256"
                ? certificate.GetRSAPublicKey() is { } rsa && Using(rsa, k => k.VerifyData(_signedPart, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                : certificate.GetECDsaPublicKey() is { KeySize: 256 } ec && Using(ec, k => k.VerifyData(_signedPart, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            if (!valid)
            {
                throw FederationErrors.SignatureInvalid();
            }
        }
        catch (CryptographicException)
        {
            throw FederationErrors.SignatureInvalid();
        }
    }

    private static bool Using<T>(T key, Func<T, bool> verify)
        where T : IDisposable
    {
        using (key)
        {
            return verify(key);
        }
    }

    /// <summary><c>aud</c> is one string or an array of them (RFC 7519 4.1.3).</summary>
    private List<string> Audiences() => Strings("aud") is { Count: > 0 } list ? list : throw FederationErrors.MissingClaim("aud");

    /// <summary>
    /// Session tags as AWS documents them: <c>"https://aws.amazon.com/tags": {"principal_tags": {"Key": ["Value"]},
    /// "transitive_tag_keys": ["Key"]}</c>.
    /// </summary>
    private (IReadOnlyList<TagInput> Tags, IReadOnlyList<string> Transitive) SessionTags()
    {
        if (!Claims.TryGetProperty(TagsClaim, out var claim))
        {
            return ([], []);
        }

        if (claim.ValueKind != JsonValueKind.Object)
        {
            throw FederationErrors.TagsClaimInvalid();
        }

        var tags = new List<TagInput>();
        if (claim.TryGetProperty("principal_tags", out var principalTags))
        {
            if (principalTags.ValueKind != JsonValueKind.Object)
            {
                throw FederationErrors.TagsClaimInvalid();
            }

            foreach (var tag in principalTags.EnumerateObject())
            {
                var value = tag.Value.ValueKind switch
                {
                    JsonValueKind.String => tag.Value.GetString()!,
                    JsonValueKind.Array when tag.Value.GetArrayLength() == 1 && tag.Value[0].ValueKind == JsonValueKind.String => tag.Value[0].GetString()!,
                    _ => throw FederationErrors.TagsClaimInvalid(),
                };
                tags.Add(new TagInput(tag.Name, value));
            }
        }

        var transitive = new List<string>();
        if (claim.TryGetProperty("transitive_tag_keys", out var keys))
        {
            if (keys.ValueKind != JsonValueKind.Array || keys.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.String))
            {
                throw FederationErrors.TagsClaimInvalid();
            }

            transitive.AddRange(keys.EnumerateArray().Select(k => k.GetString()!));
        }

        return (tags, transitive);
    }

    private string? Text(string claim) =>
        Claims.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private List<string> Strings(string claim)
    {
        if (!Claims.TryGetProperty(claim, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            _ => [],
        };
    }

    /// <summary>A NumericDate claim (seconds since the epoch, RFC 7519 2); fractions are allowed, out-of-range values are not.</summary>
    private DateTimeOffset? Seconds(string claim)
    {
        if (!Claims.TryGetProperty(claim, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || double.IsNaN(seconds)
            || seconds < 0 || seconds > 253_402_300_799)
        {
            throw FederationErrors.NotAJwt();
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }

    private static byte[] Decode(string part)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        return Base64Url.IsValid(part) && Base64Url.TryDecodeFromChars(part, bytes, out var written) ? bytes[..written] : throw FederationErrors.NotAJwt();
    }

    private static JsonElement Json(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw FederationErrors.NotAJwt();
        }
    }
}

/// <summary>What a verified web identity token says: its provider, subject, the audience the provider accepted, and its session tags.</summary>
public sealed record VerifiedWebIdentity(
    string ProviderUrl, string ProviderArn, string Subject, string Audience, IReadOnlyList<string> Amr, IReadOnlyList<TagInput> Tags, IReadOnlyList<string> TransitiveTagKeys);
