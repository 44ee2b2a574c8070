using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.ServerCertificates;

/// <summary>UploadServerCertificate's checks: PEM certificate, chain and private key readable, and the key the certificate's own.</summary>
internal static class CertificatePem
{
    /// <summary>Returns the certificate's expiry (NotAfter, UTC).</summary>
    public static DateTime Check(string body, string privateKey, string? chain)
    {
        using var certificate = ReadCertificates(body)[0];
        using var key = ReadPrivateKey(privateKey);
        if (!key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            throw IamErrors.KeyPairMismatch();
        }

        if (chain is not null)
        {
            foreach (var link in ReadCertificates(chain))
            {
                link.Dispose();
            }
        }

        return certificate.NotAfter.ToUniversalTime();
    }

    /// <summary>Every PEM CERTIFICATE block in order; MalformedCertificate when there is none or one cannot be read.</summary>
    private static List<X509Certificate2> ReadCertificates(string text)
    {
        var certificates = new List<X509Certificate2>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                certificates.Add(Load(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
            }

            rest = rest[fields.Location.End..];
        }

        return certificates.Count > 0 ? certificates : throw IamErrors.MalformedCertificate();
    }

    private static X509Certificate2 Load(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw IamErrors.MalformedCertificate();
        }
    }

    /// <summary>An unencrypted RSA or EC private key (PKCS#1, SEC 1 or PKCS#8 PEM).</summary>
    private static AsymmetricAlgorithm ReadPrivateKey(string text)
    {
        var rsa = RSA.Create();
        if (TryImport(rsa, text))
        {
            return rsa;
        }

        rsa.Dispose();
        var ec = ECDsa.Create();
        if (TryImport(ec, text))
        {
            return ec;
        }

        ec.Dispose();
        throw IamErrors.MalformedCertificate();
    }

    private static bool TryImport(AsymmetricAlgorithm key, string text)
    {
        try
        {
            key.ImportFromPem(text);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
