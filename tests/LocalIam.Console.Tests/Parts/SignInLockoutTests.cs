using LocalIam.E2E.Tests.Support;
using LocalIam.Server.Console;

namespace LocalIam.Console.Tests.Parts;

/// <summary>The lockout's numbers: five failures within 15 minutes lock for 15 minutes.</summary>
public sealed class SignInLockoutTests
{
    private readonly ShiftableClock _clock = new();

    [Fact]
    public void RecordFailure_FifthWithinTheWindow_LocksUntilTheDurationEnds()
    {
        var lockout = new SignInLockout(_clock);
        for (var i = 1; i < SignInLockout.MaxFailures; i++)
        {
            lockout.RecordFailure("user 111122223333 GEXTER1");
            Assert.False(lockout.IsLockedOut("user 111122223333 GEXTER1"));
        }

        lockout.RecordFailure("user 111122223333 GEXTER1");
        Assert.True(lockout.IsLockedOut("user 111122223333 GEXTER1"));
        Assert.False(lockout.IsLockedOut("user 111122223333 GEXTER2"));

        _clock.Advance(SignInLockout.Duration - TimeSpan.FromSeconds(1));
        Assert.True(lockout.IsLockedOut("user 111122223333 GEXTER1"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(lockout.IsLockedOut("user 111122223333 GEXTER1"));

        // After the lock, the count starts again from nothing.
        lockout.RecordFailure("user 111122223333 GEXTER1");
        Assert.False(lockout.IsLockedOut("user 111122223333 GEXTER1"));
    }

    [Fact]
    public void RecordFailure_SpreadBeyondTheWindow_NeverLocks()
    {
        var lockout = new SignInLockout(_clock);
        for (var i = 0; i < SignInLockout.MaxFailures * 2; i++)
        {
            lockout.RecordFailure("root ROOT@EXAMPLE.COM");
            _clock.Advance(SignInLockout.Window / (SignInLockout.MaxFailures - 1) + TimeSpan.FromSeconds(1));
        }

        Assert.False(lockout.IsLockedOut("root ROOT@EXAMPLE.COM"));
    }

    [Fact]
    public void RecordSuccess_BeforeTheFifth_StartsTheCountAgain()
    {
        var lockout = new SignInLockout(_clock);
        for (var i = 1; i < SignInLockout.MaxFailures; i++)
        {
            lockout.RecordFailure("root ROOT@EXAMPLE.COM");
        }

        lockout.RecordSuccess("root ROOT@EXAMPLE.COM");
        lockout.RecordFailure("root ROOT@EXAMPLE.COM");

        Assert.False(lockout.IsLockedOut("root ROOT@EXAMPLE.COM"));
    }

    [Fact]
    public void RecordFailure_ManyIdentities_StaysBounded()
    {
        var lockout = new SignInLockout(_clock);
        for (var i = 0; i < SignInLockout.MaxTracked * 2; i++)
        {
            lockout.RecordFailure($"user 111122223333 U{i}");
        }

        Assert.InRange(lockout.Tracked, 1, SignInLockout.MaxTracked);
    }
}
