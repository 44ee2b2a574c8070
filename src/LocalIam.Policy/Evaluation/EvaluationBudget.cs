namespace LocalIam.Policy.Evaluation;

/// <summary>
/// A limit on the work of evaluating one request, in units of about one character compared, and
/// the caller's cancellation. The engine stays pure: both come in as a value (on the
/// <see cref="RequestContext"/>), and the matchers spend from it as they work. Ordinary
/// authorization runs without one; the simulator, which evaluates policies the caller writes,
/// runs with one.
/// </summary>
public sealed class EvaluationBudget(long limit, CancellationToken cancellation = default)
{
    /// <summary>How often, in units, the cancellation token is looked at.</summary>
    private const long CancellationInterval = 1 << 20;

    private long _nextCancellationCheck = CancellationInterval;

    public long Limit { get; } = limit;

    public long Spent { get; private set; }

    /// <summary>Records <paramref name="units"/> of work; throws when the limit is passed or the caller has gone.</summary>
    public void Spend(long units)
    {
        Spent += units;
        if (Spent > Limit)
        {
            throw new EvaluationBudgetExceededException(Limit);
        }

        if (Spent >= _nextCancellationCheck)
        {
            _nextCancellationCheck = Spent + CancellationInterval;
            cancellation.ThrowIfCancellationRequested();
        }
    }
}

/// <summary>An evaluation needed more work than its <see cref="EvaluationBudget"/> allows.</summary>
public sealed class EvaluationBudgetExceededException(long limit)
    : Exception($"the evaluation needed more than {limit} units of work")
{
    public long Limit { get; } = limit;
}
