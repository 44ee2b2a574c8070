using LocalIam.Iam.Mfa;

namespace LocalIam.E2E.Tests.Support;

/// <summary>A virtual MFA device enabled for a user through the AWS CLI, and the codes an authenticator app would show for it.</summary>
public static class VirtualMfa
{
    /// <summary>Creates a device named after the user, enables it with two consecutive codes; returns its serial number and seed.</summary>
    public static async Task<(string SerialNumber, byte[] Seed)> EnableAsync(AwsCli root, string userName)
    {
        var folder = Directory.CreateTempSubdirectory("localiam-sts-mfa-").FullName;
        try
        {
            var seedFile = Path.Combine(folder, "seed.txt");
            var created = await root.OkAsync("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", $"{userName}-phone",
                "--outfile", seedFile, "--bootstrap-method", "Base32StringSeed");
            var serial = created.GetProperty("VirtualMFADevice").GetProperty("SerialNumber").GetString()!;
            var seed = Totp.FromBase32(await File.ReadAllTextAsync(seedFile));
            var step = Step();
            await root.OkAsync("iam", "enable-mfa-device", "--user-name", userName, "--serial-number", serial,
                "--authentication-code1", Totp.Code(seed, step - 1), "--authentication-code2", Totp.Code(seed, step));
            return (serial, seed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string CurrentCode(byte[] seed) => Totp.Code(seed, Step());

    private static long Step() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Totp.StepSeconds;
}
