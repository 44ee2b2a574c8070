using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Objects;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;

namespace LocalIam.Iam.Credentials;

/// <summary>A signing key of one account for one algorithm: its key id and its private key (PKCS#8, encrypted at rest).</summary>
public sealed record OutboundSigningKey(string Kid, string Algorithm, byte[] PrivateKeyCiphertext);

/// <summary>A JWT GetWebIdentityToken issued, and when it expires.</summary>
public sealed record IssuedWebIdentityToken(string Token, DateTime Expiration);

/// <summary>
/// STS GetWebIdentityToken for an account with outbound web identity federation enabled: a JWT
/// about the caller (iss the account's issuer, sub the caller's ARN, aud the audiences, iat, nbf,
/// exp, jti) signed with RS256 or ES384 by a key of the account, made on first use and kept
/// encrypted; <see cref="JwksAsync"/> publishes the public halves (docs/api.md says where).
/// </summary>
public sealed class WebIdentityTokenService(IamStore store, TimeProvider clock, SecretProtector secrets) : IamService(store, clock)
{
    public static readonly IReadOnlyList<string> Algorithms = ["RS256", "ES384"];

    private static readonly AccountObjects<OutboundSigningKey> Keys = new("outbound-signing-key");
    private static readonly AccountObjects<Accounts.OutboundFederationRecord> Outbound = new("outbound-web-identity-federation");

    public async Task<IssuedWebIdentityToken> IssueAsync(Authorization.AuthenticatedPrincipal who, IReadOnlyList<string> audience, int durationSeconds, string algorithm)
    {
        if (!Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            throw IamErrors.SigningAlgorithmUnsupported(algorithm);
        }

        if (who.SessionExpiresAt is { } sessionEnds && Now.AddSeconds(durationSeconds) > sessionEnds)
        {
            throw IamErrors.SessionDurationEscalation();
        }

        var (issuer, key) = await ChangeAsync(who.Caller, "sts:GetWebIdentityToken", algorithm, async db =>
        {
            var federation = await Outbound.FindAsync(db, who.AccountId, "account");
            if (federation is not { Enabled: true })
            {
                throw IamErrors.OutboundFederationDisabled();
            }

            var stored = await Keys.FindAsync(db, who.AccountId, algorithm);
            if (stored is null)
            {
                stored = new OutboundSigningKey(Guid.NewGuid().ToString("N"), algorithm, secrets.Protect(NewPrivateKey(algorithm)));
                Keys.Add(db, who.AccountId, algorithm, stored, Now);
            }

            return (federation.IssuerIdentifier, stored);
        });

        var now = new DateTimeOffset(Now, TimeSpan.Zero);
        var expires = now.AddSeconds(durationSeconds);

        // The subject as the caller's partition names it (arn:aws-cn:... for a request signed in cn-north-1).
        var caller = who.Principal.InPartition(who.Partition);
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = key.Kid };
        var claims = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = caller.RoleArn ?? caller.Arn,
            ["aud"] = audience.Count == 1 ? audience[0] : new JsonArray([.. audience.Select(a => (JsonNode)a)]),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = Sign(key, Encoding.ASCII.GetBytes(signingInput));
        return new($"{signingInput}.{Base64Url(signature)}", expires.UtcDateTime);
    }

    /// <summary>The account's public keys as a JSON Web Key Set (empty before its first token).</summary>
    public Task<string> JwksAsync(string accountId) => Store.ReadAsync(async db =>
    {
        var keys = new JsonArray();
        foreach (var key in await Keys.ListAsync(db, accountId))
        {
            keys.Add(PublicJwk(key));
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    });

    private JsonObject PublicJwk(OutboundSigningKey key)
    {
        var pkcs8 = secrets.UnprotectBytes(key.PrivateKeyCiphertext);
        if (key.Algorithm == "RS256")
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            var p = rsa.ExportParameters(false);
            return new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = key.Algorithm, ["kid"] = key.Kid, ["n"] = Base64Url(p.Modulus!), ["e"] = Base64Url(p.Exponent!) };
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        var q = ecdsa.ExportParameters(false).Q;
        return new JsonObject { ["kty"] = "EC", ["use"] = "sig", ["alg"] = key.Algorithm, ["kid"] = key.Kid, ["crv"] = "P-384", ["x"] = Base64Url(q.X!), ["y"] = Base64Url(q.Y!) };
    }

    private byte[] Sign(OutboundSigningKey key, byte[] input)
    {
        var pkcs8 = secrets.UnprotectBytes(key.PrivateKeyCiphertext);
        if (key.Algorithm == "RS256")
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return ecdsa.SignData(input, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static byte[] NewPrivateKey(string algorithm)
    {
        if (algorithm == "RS256")
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKey();
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return ecdsa.ExportPkcs8PrivateKey();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
