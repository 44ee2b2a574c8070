using LocalIam.Iam.Billing.Import;

namespace LocalIam.Iam.Tests.Billing.Import;

/// <summary>The reports' numbers and timestamps: the fast path for plain decimals agrees with decimal.Parse, the rest falls back.</summary>
public sealed class CostValuesTests
{
    [Theory]
    [InlineData("0.0416000000", "0.0416")]
    [InlineData("-300.0000000000", "-300")]
    [InlineData("+5", "5")]
    [InlineData(".5", "0.5")]
    [InlineData("7.", "7")]
    [InlineData("1234567890123456789", "1234567890123456789")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("0.00000000000000000000012", "0.00000000000000000000012")]
    [InlineData("1.5E-3", "0.0015")]
    [InlineData("2e2", "200")]
    [InlineData("", "0")]
    public void TryAmount_Numbers_Exact(string text, string expected)
    {
        Assert.True(CostValues.TryAmount(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    public void TryAmount_NotNumbers_Refused(string text) => Assert.False(CostValues.TryAmount(text, out _));

    [Theory]
    [InlineData("2024-03-01T23:00:00Z", "2024-03-01")]
    [InlineData("2024-03-01T23:00:00.000Z", "2024-03-01")]
    [InlineData("2024-03-01 23:00:00.000", "2024-03-01")]
    [InlineData("2024-03-01T23:00:00-02:00", "2024-03-02")]
    [InlineData("2024-03-01", "2024-03-01")]
    public void TryDay_IsoTimestamps_UtcDay(string text, string day)
    {
        Assert.True(CostValues.TryDay(text, out var parsed));
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }
}
