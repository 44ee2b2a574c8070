using System.Text;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Tests.Features;

/// <summary>
/// Markers are opaque, as AWS's are: what LocalIam issued reads back to its key; anything else —
/// garbage, the base64 of a made-up key, a marker cut short or altered — is `Invalid Marker.`.
/// </summary>
public sealed class PagingMarkerTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("")]
    [InlineData("gexter1/ünïcode/日本")]
    [InlineData("1000")]
    public void Encode_ThenDecode_GivesTheKeyBack(string key) =>
        Assert.Equal(key, Paging.Decode(Paging.Encode(key)));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("%%%garbage")]
    [InlineData("AAAA")]
    public void Decode_Garbage_InvalidMarker(string marker) => AssertInvalid(marker);

    [Fact]
    public void Decode_Base64OfAMadeUpKey_InvalidMarker() =>
        AssertInvalid(Convert.ToBase64String(Encoding.UTF8.GetBytes("m")));

    [Fact]
    public void Decode_IssuedMarkerAlteredOrCut_InvalidMarker()
    {
        var issued = Convert.FromBase64String(Paging.Encode("alice"));
        var altered = (byte[])issued.Clone();
        altered[0] ^= 1;

        AssertInvalid(Convert.ToBase64String(altered));
        AssertInvalid(Convert.ToBase64String(issued[..^1]));
    }

    [Fact]
    public void Decode_Empty_IsTheFirstPage() => Assert.Null(Paging.Decode(string.Empty));

    private static void AssertInvalid(string marker)
    {
        var error = Assert.Throws<IamException>(() => Paging.Decode(marker));
        Assert.Equal((IamErrorCode.ValidationError, "Invalid Marker."), (error.Code, error.Message));
    }
}
