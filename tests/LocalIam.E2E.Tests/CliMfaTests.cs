using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Virtual MFA devices through the AWS CLI: the seed it writes with --outfile, TOTP codes computed
/// here from that seed (RFC 6238), enable/deactivate/resync/delete and AWS's errors. GetMFADevice,
/// which the Debian CLI predates, through the AWS SDK for JavaScript.
/// </summary>
public sealed class CliMfaTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-mfa-").FullName;

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void TestTotp_Rfc6238Vector_MatchesAppendixB()
    {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082; the last six digits are what a 6-digit app shows.
        var seed = "12345678901234567890"u8.ToArray();

        Assert.Equal("287082", Code(seed, 59 / 30));
        Assert.Equal("081804", Code(seed, 1111111109 / 30));
    }

    [Fact]
    public async Task CreateVirtualMfaDevice_Base32Bootstrap_SeedWrittenAndSerialNumberIsArn()
    {
        var seedFile = Path.Combine(_folder, "seed.txt");

        var created = await _root.OkAsync("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "phone", "--path", "/team/",
            "--outfile", seedFile, "--bootstrap-method", "Base32StringSeed");

        Assert.Equal($"arn:aws:iam::{Account}:mfa/team/phone", created.GetProperty("VirtualMFADevice").GetProperty("SerialNumber").GetString());
        var seed = await File.ReadAllTextAsync(seedFile, TestContext.Current.CancellationToken);
        Assert.Matches("^[A-Z2-7]{52}$", seed);
        Assert.Equal(32, FromBase32(seed).Length);
    }

    [Fact]
    public async Task CreateVirtualMfaDevice_QrCodeBootstrap_PngWritten()
    {
        var pngFile = Path.Combine(_folder, "qr.png");

        await _root.OkAsync("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "tablet", "--outfile", pngFile, "--bootstrap-method", "QRCodePNG");

        var png = await File.ReadAllBytesAsync(pngFile, TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
    }

    [Fact]
    public async Task CreateVirtualMfaDevice_SameName_EntityAlreadyExists()
    {
        await CreateDeviceAsync("twin");

        var error = await _root.FailsAsync("EntityAlreadyExists", "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "twin",
            "--outfile", Path.Combine(_folder, "again.txt"), "--bootstrap-method", "Base32StringSeed");

        Assert.Contains("MFA device already exists.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableMfaDevice_ConsecutiveCodes_AssignedToUser()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "alice");
        var (serial, seed) = await CreateDeviceAsync("alice-phone");

        await EnableAsync("alice", serial, seed);

        var devices = (await _root.OkAsync("iam", "list-mfa-devices", "--user-name", "alice")).GetProperty("MFADevices");
        Assert.Equal(1, devices.GetArrayLength());
        Assert.Equal("alice", devices[0].GetProperty("UserName").GetString());
        Assert.Equal(serial, devices[0].GetProperty("SerialNumber").GetString());
        Assert.InRange(devices[0].GetProperty("EnableDate").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        var assigned = (await _root.OkAsync("iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned")).GetProperty("VirtualMFADevices");
        Assert.Equal("alice", Assert.Single(assigned.EnumerateArray()).GetProperty("User").GetProperty("UserName").GetString());
        var unassigned = (await _root.OkAsync("iam", "list-virtual-mfa-devices", "--assignment-status", "Unassigned")).GetProperty("VirtualMFADevices");
        Assert.Equal(0, unassigned.GetArrayLength());
    }

    [Fact]
    public async Task GetAccountSummary_DevicesCreatedAndOneEnabled_CountsBothAndTheOneInUse()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "hal");
        var (serial, seed) = await CreateDeviceAsync("hal-phone");
        await CreateDeviceAsync("spare");
        await EnableAsync("hal", serial, seed);

        var summary = (await _root.OkAsync("iam", "get-account-summary")).GetProperty("SummaryMap");

        Assert.Equal(2, summary.GetProperty("MFADevices").GetInt32());
        Assert.Equal(1, summary.GetProperty("MFADevicesInUse").GetInt32());
        Assert.Equal(0, summary.GetProperty("AccountMFAEnabled").GetInt32());
    }

    [Fact]
    public async Task EnableMfaDevice_WrongSecondCode_InvalidAuthenticationCode()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bob");
        var (serial, seed) = await CreateDeviceAsync("bob-phone");
        var (code1, code2) = Codes(seed);
        var wrong = ((int.Parse(code2, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        var error = await _root.FailsAsync("InvalidAuthenticationCode", "iam", "enable-mfa-device", "--user-name", "bob", "--serial-number", serial,
            "--authentication-code1", code1, "--authentication-code2", wrong);

        Assert.Contains("Authentication code for device is not valid.", error, StringComparison.Ordinal);
        var devices = await _root.OkAsync("iam", "list-mfa-devices", "--user-name", "bob");
        Assert.Equal(0, devices.GetProperty("MFADevices").GetArrayLength());
    }

    [Fact]
    public async Task EnableMfaDevice_CodesInReverseOrder_InvalidAuthenticationCode()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bea");
        var (serial, seed) = await CreateDeviceAsync("bea-phone");
        var (code1, code2) = Codes(seed);

        await _root.FailsAsync("InvalidAuthenticationCode", "iam", "enable-mfa-device", "--user-name", "bea", "--serial-number", serial,
            "--authentication-code1", code2, "--authentication-code2", code1);
    }

    [Fact]
    public async Task EnableMfaDevice_DeviceEnabledForAnotherUser_EntityAlreadyExists()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "carol");
        await _root.OkAsync("iam", "create-user", "--user-name", "dan");
        var (serial, seed) = await CreateDeviceAsync("shared");
        await EnableAsync("carol", serial, seed);
        var (code1, code2) = Codes(seed);

        var error = await _root.FailsAsync("EntityAlreadyExists", "iam", "enable-mfa-device", "--user-name", "dan", "--serial-number", serial,
            "--authentication-code1", code1, "--authentication-code2", code2);

        Assert.Contains("MFA Device is already in use.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableMfaDevice_NinthDeviceForUser_LimitExceeded()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "erin");
        for (var i = 0; i < 8; i++)
        {
            var (s, k) = await CreateDeviceAsync($"erin-{i}");
            await EnableAsync("erin", s, k);
        }

        var (serial, seed) = await CreateDeviceAsync("erin-8");
        var (code1, code2) = Codes(seed);

        var error = await _root.FailsAsync("LimitExceeded", "iam", "enable-mfa-device", "--user-name", "erin", "--serial-number", serial,
            "--authentication-code1", code1, "--authentication-code2", code2);

        Assert.Contains("Cannot exceed quota for MFADevicesPerUser: 8", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteVirtualMfaDevice_Enabled_DeleteConflictUntilDeactivated()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "frank");
        var (serial, seed) = await CreateDeviceAsync("frank-phone");
        await EnableAsync("frank", serial, seed);

        var conflict = await _root.FailsAsync("DeleteConflict", "iam", "delete-virtual-mfa-device", "--serial-number", serial);
        await _root.OkAsync("iam", "deactivate-mfa-device", "--user-name", "frank", "--serial-number", serial);
        var frankDevices = await _root.OkAsync("iam", "list-mfa-devices", "--user-name", "frank");
        var unassigned = await _root.OkAsync("iam", "list-virtual-mfa-devices", "--assignment-status", "Unassigned");
        await _root.OkAsync("iam", "delete-virtual-mfa-device", "--serial-number", serial);
        var gone = await _root.FailsAsync("NoSuchEntity", "iam", "delete-virtual-mfa-device", "--serial-number", serial);

        Assert.Contains("MFA VirtualDevice in use. Must deactivate first.", conflict, StringComparison.Ordinal);
        Assert.Equal(0, frankDevices.GetProperty("MFADevices").GetArrayLength());
        Assert.Equal(serial, Assert.Single(unassigned.GetProperty("VirtualMFADevices").EnumerateArray()).GetProperty("SerialNumber").GetString());
        Assert.Contains($"MFA Device with serial number {serial} does not exist.", gone, StringComparison.Ordinal);
        Assert.Equal(0, (await _root.OkAsync("iam", "list-virtual-mfa-devices")).GetProperty("VirtualMFADevices").GetArrayLength());
    }

    [Fact]
    public async Task DeactivateMfaDevice_OtherUsersDevice_NoSuchEntity()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "gina");
        await _root.OkAsync("iam", "create-user", "--user-name", "hank");
        var (serial, seed) = await CreateDeviceAsync("gina-phone");
        await EnableAsync("gina", serial, seed);

        var error = await _root.FailsAsync("NoSuchEntity", "iam", "deactivate-mfa-device", "--user-name", "hank", "--serial-number", serial);

        Assert.Contains("MFA Device invalid for user.", error, StringComparison.Ordinal);
        Assert.Equal(1, (await _root.OkAsync("iam", "list-mfa-devices", "--user-name", "gina")).GetProperty("MFADevices").GetArrayLength());
    }

    [Fact]
    public async Task ResyncMfaDevice_ConsecutiveCodesThenWrongOnes_AcceptedThenInvalidAuthenticationCode()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "ivy");
        var (serial, seed) = await CreateDeviceAsync("ivy-phone");
        await EnableAsync("ivy", serial, seed);
        var (code1, code2) = Codes(seed);

        await _root.OkAsync("iam", "resync-mfa-device", "--user-name", "ivy", "--serial-number", serial, "--authentication-code1", code1, "--authentication-code2", code2);
        var error = await _root.FailsAsync("InvalidAuthenticationCode", "iam", "resync-mfa-device", "--user-name", "ivy", "--serial-number", serial,
            "--authentication-code1", code2, "--authentication-code2", code2);

        Assert.Contains("Authentication code for device is not valid.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMfaDevice_EnabledDevice_UserNameAndEnableDate()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "jay");
        var (serial, seed) = await CreateDeviceAsync("jay-phone");
        await EnableAsync("jay", serial, seed);

        var device = await GetMfaDeviceAsync(serial, "jay");
        var missing = await GetMfaDeviceAsync($"arn:aws:iam::{Account}:mfa/nothing", "jay");

        Assert.Equal("jay", device.GetProperty("UserName").GetString());
        Assert.Equal(serial, device.GetProperty("SerialNumber").GetString());
        Assert.True(device.TryGetProperty("EnableDate", out _), device.ToString());
        Assert.Equal("NoSuchEntityException", missing.GetProperty("error").GetString());
        Assert.Contains($"MFA Device with serial number arn:aws:iam::{Account}:mfa/nothing does not exist.", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagMfaDevice_TagThenUntag_ListedInKeyOrder()
    {
        var (serial, _) = await CreateDeviceAsync("tagged");

        await _root.OkAsync("iam", "tag-mfa-device", "--serial-number", serial, "--tags", "Key=owner,Value=ops", "Key=Cost,Value=1");
        var tagged = await _root.OkAsync("iam", "list-mfa-device-tags", "--serial-number", serial);
        await _root.OkAsync("iam", "untag-mfa-device", "--serial-number", serial, "--tag-keys", "OWNER");
        var untagged = await _root.OkAsync("iam", "list-mfa-device-tags", "--serial-number", serial);

        Assert.Equal(["Cost=1", "owner=ops"], Tags(tagged));
        Assert.Equal(["Cost=1"], Tags(untagged));
    }

    [Fact]
    public async Task EnableMfaDevice_UserAllowedOnlyForSelf_OwnDeviceEnabledOtherDenied()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "kim");
        await _root.OkAsync("iam", "create-user", "--user-name", "lee");
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:EnableMFADevice","iam:ListMFADevices"],"Resource":"arn:aws:iam::*:user/${aws:username}"}]}""";
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "kim", "--policy-name", "own-mfa", "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", "kim")).GetProperty("AccessKey");
        var kim = _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
        var (serial, seed) = await CreateDeviceAsync("kim-phone");
        var (code1, code2) = Codes(seed);

        var denied = await kim.FailsAsync("AccessDenied", "iam", "enable-mfa-device", "--user-name", "lee", "--serial-number", serial,
            "--authentication-code1", code1, "--authentication-code2", code2);
        await kim.OkAsync("iam", "enable-mfa-device", "--user-name", "kim", "--serial-number", serial, "--authentication-code1", code1, "--authentication-code2", code2);
        var own = await kim.OkAsync("iam", "list-mfa-devices");

        Assert.Contains($"is not authorized to perform: iam:EnableMFADevice on resource: user lee because", denied, StringComparison.Ordinal);
        Assert.Equal(serial, Assert.Single(own.GetProperty("MFADevices").EnumerateArray()).GetProperty("SerialNumber").GetString());
    }

    private async Task<(string Serial, byte[] Seed)> CreateDeviceAsync(string name)
    {
        var seedFile = Path.Combine(_folder, name + ".seed");
        var created = await _root.OkAsync("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", name, "--outfile", seedFile, "--bootstrap-method", "Base32StringSeed");
        var seed = FromBase32(await File.ReadAllTextAsync(seedFile, TestContext.Current.CancellationToken));
        return (created.GetProperty("VirtualMFADevice").GetProperty("SerialNumber").GetString()!, seed);
    }

    private async Task EnableAsync(string userName, string serial, byte[] seed)
    {
        var (code1, code2) = Codes(seed);
        await _root.OkAsync("iam", "enable-mfa-device", "--user-name", userName, "--serial-number", serial, "--authentication-code1", code1, "--authentication-code2", code2);
    }

    private async Task<JsonElement> GetMfaDeviceAsync(string serial, string userName)
    {
        var input = JsonSerializer.Serialize(new { SerialNumber = serial, UserName = userName });
        var (exit, output, error) = await NodeScripts.RunAsync("iam-call.mjs", server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, "GetMFADevice", input);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string[] Tags(JsonElement list) =>
        [.. list.GetProperty("Tags").EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}")];

    /// <summary>The previous and the current code, as a person reads two successive codes off an authenticator app.</summary>
    private static (string Code1, string Code2) Codes(byte[] seed)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        return (Code(seed, step - 1), Code(seed, step));
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 6 digits), written here independently of the server's.</summary>
    private static string Code(byte[] seed, long step)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // TOTP is defined over HMAC-SHA1.
        var hash = HMACSHA1.HashData(seed, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.Trim().TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
