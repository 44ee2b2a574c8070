using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Mfa;

/// <summary>A virtual MFA device as stored: its seed encrypted at rest; a user and enable date once enabled.</summary>
public sealed record MfaDevice
{
    /// <summary>The device's ARN, <c>arn:aws:iam::ACCOUNT:mfa/PATH/NAME</c>.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The base32 seed, encrypted with the store's secret key (base64).</summary>
    public required string ProtectedSeed { get; init; }

    public string? UserId { get; init; }

    public DateTime? EnableDate { get; init; }

    public IReadOnlyList<TagInput> Tags { get; init; } = [];
}

/// <summary>A device with the user it is enabled for, if any.</summary>
public sealed record AssignedMfaDevice(MfaDevice Device, User? User);

/// <summary>What CreateVirtualMFADevice returns once, and never again: the seed and its QR code.</summary>
public sealed record NewVirtualMfaDevice(MfaDevice Device, string Base32StringSeed, byte[] QrCodePng);

/// <summary>What STS's check of an MFA code found.</summary>
public enum MfaCodeCheck
{
    Valid,

    /// <summary>No such device, or not enabled for the caller.</summary>
    NotTheCallersDevice,

    InvalidCode,
}
