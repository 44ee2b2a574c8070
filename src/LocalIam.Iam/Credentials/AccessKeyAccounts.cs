using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Credentials;

/// <summary>
/// STS GetAccessKeyInfo: the account an access key id belongs to. A key this server issued (long-term
/// or a session's, of any account it holds) answers with its account; any other key id with the
/// account AWS encodes in it (<see cref="EncodedAccount"/>), as AWS answers for keys of accounts that
/// are not the caller's.
/// </summary>
public sealed class AccessKeyAccounts(IamStore store)
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public Task<string?> OwnerAccountAsync(string accessKeyId) =>
        store.ReadAsync(async db =>
            await db.AccessKeys.Where(k => k.Id == accessKeyId).Select(k => k.AccountId).FirstOrDefaultAsync()
            ?? await db.Sessions.Where(s => s.AccessKeyId == accessKeyId).Select(s => s.AccountId).FirstOrDefaultAsync()
            ?? EncodedAccount(accessKeyId));

    /// <summary>
    /// The account in an AWS access key id: after the four-letter prefix, the key is base32; its first
    /// 48 bits hold the account number shifted left by 7 (the top bit is not part of it). Null when
    /// the characters after the prefix are not base32 or too few to carry 48 bits.
    /// </summary>
    public static string? EncodedAccount(string accessKeyId)
    {
        if (accessKeyId.Length < 14)
        {
            return null;
        }

        ulong bits = 0;
        for (var i = 4; i < 14; i++)
        {
            var value = Base32.IndexOf(accessKeyId[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            bits = (bits << 5) | (uint)value;
        }

        // Ten characters are 50 bits; the first 48 are the six bytes that carry the account.
        var first48 = bits >> 2;
        var account = (first48 & 0x7fff_ffff_ff80UL) >> 7;
        return account.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    }
}
