using LocalIam.Iam.Accounts;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Tests.Messages;

/// <summary>
/// The core's own constraint errors read as IAM's model validation does: the member named, the value
/// never quoted, the enum's values left out (LocalStack's recorded UpdateServiceSpecificCredential:
/// <c>Value at 'status' failed to satisfy constraint: Member must satisfy enum value set</c>). STS
/// quotes values; IAM does not.
/// </summary>
public sealed class IamValidationWordingTests
{
    [Fact]
    public void OneOf_ValueOutsideTheSet_NamedNotQuoted()
    {
        var error = Assert.Throws<IamException>(() => new RequestValidator().OneOf("Sometimes", "status", "Active", "Inactive").ThrowIfInvalid());

        Assert.Equal((IamErrorCode.ValidationError, "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set"),
            (error.Code, error.Message));
    }

    [Fact]
    public void AuthorizationDetailsFilter_UnknownType_NamedNotQuoted()
    {
        var error = Assert.Throws<IamException>(() => AuthorizationDetailsFilter.Parse(["User", "Robot"]));

        Assert.Equal("1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set]", error.Message);
    }
}
