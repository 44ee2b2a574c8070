using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Objects;
using LocalIam.Iam.Tags;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using LocalIam.Storage.Secrets;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Mfa;

/// <summary>
/// Virtual MFA devices: created for the account, enabled for a user with two consecutive TOTP
/// codes, deactivated, deleted, listed and tagged; AWS's checks in AWS's order. A device enabled
/// for a user is stored with that user as its owner, so deleting the user can check for it.
/// </summary>
public sealed partial class MfaDeviceService(IamStore store, TimeProvider clock, SecretProtector secrets) : IamService(store, clock)
{
    public const string Kind = "mfa-device";

    private static readonly AccountObjects<MfaDevice> Devices = new(Kind);

    /// <summary>For DeleteUser (<see cref="Areas.IamAreas.Users"/>): whether an MFA device is enabled for the user.</summary>
    public static Task<bool> UserHasAnyAsync(IamDbContext db, string accountId, string userId) =>
        db.AccountObjects.AnyAsync(o => o.AccountId == accountId && o.Kind == Kind && o.OwnerId == userId);

    public Task<NewVirtualMfaDevice> CreateAsync(IamCaller caller, string name, string? path = null, IReadOnlyList<TagInput>? tags = null)
    {
        new RequestValidator().Name(name, "virtualMFADeviceName", int.MaxValue).Path(path).ThrowIfInvalid();
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        var serialNumber = $"arn:aws:iam::{caller.AccountId}:mfa{path ?? "/"}{name}";
        return ChangeAsync(caller, "iam:CreateVirtualMFADevice", serialNumber, async db =>
        {
            var key = DeviceKey(caller.AccountId, serialNumber)!;
            if (await Devices.FindAsync(db, caller.AccountId, key) is not null)
            {
                throw IamErrors.MfaDeviceExists();
            }

            var seed = Totp.NewSeed();
            var device = new MfaDevice { SerialNumber = serialNumber, ProtectedSeed = Convert.ToBase64String(secrets.Protect(seed)), Tags = tags ?? [] };
            Devices.Add(db, caller.AccountId, key, device, Now);
            return new NewVirtualMfaDevice(device, seed, VirtualMfaQrCode.Png());
        });
    }

    public Task DeleteAsync(IamCaller caller, string serialNumber)
    {
        ValidateSerial(serialNumber).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteVirtualMFADevice", serialNumber, async db =>
        {
            var (key, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            if (device.UserId is not null)
            {
                throw IamErrors.MfaDeviceEnabled();
            }

            await Devices.RemoveAsync(db, caller.AccountId, key);
        });
    }

    public Task EnableAsync(IamCaller caller, string userName, string serialNumber, string code1, string code2)
    {
        ValidateCodes(ValidateSerial(serialNumber).Name(userName, "userName", 128), code1, code2).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:EnableMFADevice", serialNumber, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var (key, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            if (device.UserId is not null)
            {
                throw IamErrors.MfaDeviceInUse();
            }

            CheckCodes(device, code1, code2);
            if (await Devices.CountAsync(db, caller.AccountId, user.Id) >= Quotas.MfaDevicesPerUser.Limit)
            {
                throw Quotas.MfaDevicesPerUser.Exceeded();
            }

            await AssignAsync(db, caller.AccountId, key, device with { UserId = user.Id, EnableDate = Now });
        });
    }

    /// <summary>Unassigns the device from the user; a null user name (root calling for itself) matches no IAM user's device.</summary>
    public Task DeactivateAsync(IamCaller caller, string? userName, string serialNumber)
    {
        var validator = ValidateSerial(serialNumber);
        if (userName is not null)
        {
            validator.Name(userName, "userName", 128);
        }

        validator.ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeactivateMFADevice", serialNumber, async db =>
        {
            var user = userName is null ? null : await db.UserAsync(caller.AccountId, userName);
            var (key, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            if (device.UserId is null || device.UserId != user?.Id)
            {
                throw IamErrors.MfaDeviceInvalidForUser();
            }

            await AssignAsync(db, caller.AccountId, key, device with { UserId = null, EnableDate = null });
        });
    }

    /// <summary>Checks two consecutive codes from the user's device; a virtual device's clock needs nothing more.</summary>
    public Task ResyncAsync(IamCaller caller, string userName, string serialNumber, string code1, string code2)
    {
        ValidateCodes(ValidateSerial(serialNumber).Name(userName, "userName", 128), code1, code2).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:ResyncMFADevice", serialNumber, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var (_, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            if (device.UserId != user.Id)
            {
                throw IamErrors.MfaDeviceInvalidForUser();
            }

            CheckCodes(device, code1, code2);
        });
    }

    public Task<AssignedMfaDevice> GetAsync(IamCaller caller, string serialNumber, string? userName)
    {
        var validator = ValidateSerial(serialNumber);
        if (userName is not null)
        {
            validator.Name(userName, "userName", 64);
        }

        validator.ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var user = userName is null ? null : await db.UserAsync(caller.AccountId, userName);
            var (_, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            if (user is not null && device.UserId != user.Id)
            {
                throw IamErrors.MfaDeviceInvalidForUser();
            }

            return new AssignedMfaDevice(device, user ?? await db.Users.SingleOrDefaultAsync(u => u.Id == device.UserId));
        });
    }

    /// <summary>ListVirtualMFADevices: the account's devices, filtered by Assigned, Unassigned or Any.</summary>
    public Task<Page<AssignedMfaDevice>> ListVirtualAsync(IamCaller caller, string? assignmentStatus, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().OneOf(assignmentStatus, "assignmentStatus", "Assigned", "Unassigned", "Any").ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var devices = (await Devices.ListAsync(db, caller.AccountId)).Where(d => assignmentStatus switch
            {
                "Assigned" => d.UserId is not null,
                "Unassigned" => d.UserId is null,
                _ => true,
            });
            var page = ObjectPages.Of(devices, d => DeviceKey(caller.AccountId, d.SerialNumber)!, marker, maxItems);
            var userIds = page.Items.Select(d => d.UserId).OfType<string>().ToList();
            var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
            return new Page<AssignedMfaDevice>(
                [.. page.Items.Select(d => new AssignedMfaDevice(d, d.UserId is null ? null : users.GetValueOrDefault(d.UserId)))], page.IsTruncated, page.Marker);
        });
    }

    /// <summary>ListMFADevices: the devices enabled for a user; none for a caller that is not an IAM user (null name).</summary>
    public Task<Page<AssignedMfaDevice>> ListForUserAsync(IamCaller caller, string? userName, string? marker = null, int? maxItems = null)
    {
        if (userName is not null)
        {
            new RequestValidator().Name(userName, "userName", 128).ThrowIfInvalid();
        }

        return Store.ReadAsync(async db =>
        {
            if (userName is null)
            {
                return ObjectPages.Of(Array.Empty<AssignedMfaDevice>(), d => d.Device.SerialNumber, marker, maxItems);
            }

            var user = await db.UserAsync(caller.AccountId, userName);
            var devices = (await Devices.ListAsync(db, caller.AccountId, user.Id)).Select(d => new AssignedMfaDevice(d, user));
            return ObjectPages.Of(devices, d => DeviceKey(caller.AccountId, d.Device.SerialNumber)!, marker, maxItems);
        });
    }

    public Task TagAsync(IamCaller caller, string serialNumber, IReadOnlyList<TagInput> tags)
    {
        ValidateSerial(serialNumber).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:TagMFADevice", serialNumber, async db =>
        {
            var (key, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            await Devices.UpdateAsync(db, caller.AccountId, key, device with { Tags = RecordTags.Merge(device.Tags, tags) });
        });
    }

    public Task UntagAsync(IamCaller caller, string serialNumber, IReadOnlyList<string> tagKeys)
    {
        ValidateSerial(serialNumber).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UntagMFADevice", serialNumber, async db =>
        {
            var (key, device) = await DeviceAsync(db, caller.AccountId, serialNumber);
            await Devices.UpdateAsync(db, caller.AccountId, key, device with { Tags = RecordTags.Remove(device.Tags, tagKeys) });
        });
    }

    public Task<Page<TagInput>> ListTagsAsync(IamCaller caller, string serialNumber, string? marker = null, int? maxItems = null)
    {
        ValidateSerial(serialNumber).ThrowIfInvalid();
        return Store.ReadAsync(async db => RecordTags.Page((await DeviceAsync(db, caller.AccountId, serialNumber)).Device.Tags, marker, maxItems));
    }

    /// <summary>
    /// STS's check of an MFA code (GetSessionToken, AssumeRole): the device must be enabled for the
    /// calling user, and the code current. Root has no device here, so its codes never check.
    /// </summary>
    public Task<MfaCodeCheck> CheckSessionCodeAsync(string accountId, string? userId, string serialNumber, string code) =>
        Store.ReadAsync(async db =>
        {
            var key = DeviceKey(accountId, serialNumber);
            var device = key is null || userId is null ? null : await Devices.FindAsync(db, accountId, key);
            if (device is null || device.UserId != userId)
            {
                return MfaCodeCheck.NotTheCallersDevice;
            }

            var seed = Totp.FromBase32(secrets.Unprotect(Convert.FromBase64String(device.ProtectedSeed)));
            return Totp.IsCurrent(seed, code, new DateTimeOffset(Now, TimeSpan.Zero)) ? MfaCodeCheck.Valid : MfaCodeCheck.InvalidCode;
        });

    /// <summary>The store key of a device in this account: its path and name, upper-cased; null for another account's ARN.</summary>
    private static string? DeviceKey(string accountId, string serialNumber)
    {
        var prefix = $"arn:aws:iam::{accountId}:mfa/";
        return serialNumber.StartsWith(prefix, StringComparison.Ordinal) ? serialNumber[(prefix.Length - 1)..].ToUpperInvariant() : null;
    }

    private static async Task<(string Key, MfaDevice Device)> DeviceAsync(IamDbContext db, string accountId, string serialNumber)
    {
        var key = DeviceKey(accountId, serialNumber);
        var device = key is null ? null : await Devices.FindAsync(db, accountId, key);
        return device is null ? throw IamErrors.MfaDeviceNotFound(serialNumber) : (key!, device);
    }

    /// <summary>Stores the device and its owner (the user it is enabled for), which DeleteConflictAsync and the per-user quota read.</summary>
    private static async Task AssignAsync(IamDbContext db, string accountId, string key, MfaDevice device)
    {
        await Devices.UpdateAsync(db, accountId, key, device);
        var row = await db.AccountObjects.SingleAsync(o => o.AccountId == accountId && o.Kind == Kind && o.Key == key);
        row.OwnerId = device.UserId;
    }

    private void CheckCodes(MfaDevice device, string code1, string code2)
    {
        var seed = Totp.FromBase32(secrets.Unprotect(Convert.FromBase64String(device.ProtectedSeed)));
        if (!Totp.AreConsecutive(seed, code1, code2, new DateTimeOffset(Now, TimeSpan.Zero)))
        {
            throw IamErrors.InvalidAuthenticationCode();
        }
    }

    private static RequestValidator ValidateSerial(string serialNumber) =>
        new RequestValidator().Length(serialNumber, "serialNumber", 9, 256).Pattern(serialNumber, "serialNumber", SerialRegex(), @"[\w+=/:,.@-]+");

    private static RequestValidator ValidateCodes(RequestValidator validator, string code1, string code2) => validator
        .Length(code1, "authenticationCode1", 6, 6).Pattern(code1, "authenticationCode1", CodeRegex(), @"[\d]+")
        .Length(code2, "authenticationCode2", 6, 6).Pattern(code2, "authenticationCode2", CodeRegex(), @"[\d]+");

    [GeneratedRegex(@"^[A-Za-z0-9_+=/:,.@-]+\z")]
    private static partial Regex SerialRegex();

    [GeneratedRegex(@"^[0-9]+\z")]
    private static partial Regex CodeRegex();
}
