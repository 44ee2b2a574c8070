using LocalIam.Iam.Credentials;

namespace LocalIam.Iam.Tests.Credentials;

public sealed class AccessKeyAccountsTests
{
    [Theory]
    // The published example of AWS's encoding: this key belongs to account 609629065308.
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")]
    [InlineData("AKIAY34FZKBOKMUTVV7A", "609629065308")]
    // Keys made before the encoding still decode to some account, as any 20-character key id does.
    [InlineData("AKIAIOSFODNN7EXAMPLE", "581039954779")]
    public void EncodedAccount_AwsKeyId_AccountInIt(string keyId, string account) =>
        Assert.Equal(account, AccessKeyAccounts.EncodedAccount(keyId));

    [Theory]
    [InlineData("AKIA0000000000000000")]
    [InlineData("AKIAabcdefghijklmnop")]
    [InlineData("AKIAY34FZKBO")]
    public void EncodedAccount_NotBase32OrTooShort_Null(string keyId) => Assert.Null(AccessKeyAccounts.EncodedAccount(keyId));
}
