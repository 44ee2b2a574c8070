using System.Security.Cryptography;

namespace LocalIam.Iam.Identifiers;

/// <summary>AWS-shaped identifiers: unique ids with their prefixes, access key ids and secrets.</summary>
public static class IamIds
{
    public const string UserPrefix = "AIDA";
    public const string GroupPrefix = "AGPA";
    public const string RolePrefix = "AROA";
    public const string PolicyPrefix = "ANPA";
    public const string AccessKeyPrefix = "AKIA";
    public const string TemporaryAccessKeyPrefix = "ASIA";
    public const string InstanceProfilePrefix = "AIPA";
    public const string PublicKeyPrefix = "APKA";
    public const string CertificatePrefix = "ASCA";
    public const string ServiceCredentialPrefix = "ACCA";

    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>An AWS account id: twelve ASCII digits.</summary>
    public static bool IsAccountId(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>A unique id such as <c>AIDAJQABLZS4A3QDU576Q</c>: the prefix and 17 base32 characters.</summary>
    public static string NewUniqueId(string prefix) => prefix + Random(Base32, 17);

    /// <summary>An access key id such as <c>AKIAIOSFODNN7EXAMPLE</c>: the prefix and 16 base32 characters.</summary>
    public static string NewAccessKeyId(string prefix = AccessKeyPrefix) => prefix + Random(Base32, 16);

    /// <summary>An SSH public key id such as <c>APKAEIBAERJR2EXAMPLE</c>: 20 characters, like an access key id.</summary>
    public static string NewPublicKeyId() => PublicKeyPrefix + Random(Base32, 16);

    /// <summary>A signing certificate id: 28 characters, as AWS's are (the model requires at least 24).</summary>
    public static string NewCertificateId() => CertificatePrefix + Random(Base32, 24);

    /// <summary>A 40-character secret access key.</summary>
    public static string NewSecretAccessKey() => Random(SecretAlphabet, 40);

    /// <summary>A 12-digit account id that does not start with 0.</summary>
    public static string NewAccountId() => (char)('1' + RandomNumberGenerator.GetInt32(9)) + Random("0123456789", 11);

    private static string Random(string alphabet, int length) =>
        string.Create(length, alphabet, static (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
}
