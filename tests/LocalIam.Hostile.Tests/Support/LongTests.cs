namespace LocalIam.Hostile.Tests.Support;

/// <summary>
/// The one switch for the long versions of the hostile suite: LOCALIAM_LONG_TESTS=1 (scripts/test.sh
/// passes it through). Default runs stay within seconds; long runs go to millions of inputs.
/// </summary>
public static class LongTests
{
    public const string Variable = "LOCALIAM_LONG_TESTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The default count, or the long one when the switch is on.</summary>
    public static int Pick(int normal, int @long) => Enabled ? @long : normal;
}
