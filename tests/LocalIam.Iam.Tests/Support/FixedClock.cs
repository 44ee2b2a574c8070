namespace LocalIam.Iam.Tests.Support;

/// <summary>A clock that says what the test wants; <see cref="Now"/> may be moved.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
