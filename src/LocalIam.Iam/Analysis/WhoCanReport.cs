namespace LocalIam.Iam.Analysis;

/// <summary>
/// "Who can do this?" as the CLI and the server's LocalIam API print it: plain values, the same
/// JSON on both sides. <see cref="Allowed"/> holds every path to the permission (a principal
/// reaching it by itself and through a role appears once per path); <see cref="Principals"/> each
/// principal once.
/// </summary>
public sealed record WhoCanReport(
    string AccountId,
    long Revision,
    string Action,
    string Resource,
    BillingSettingFacts Billing,
    IReadOnlyList<string> Principals,
    IReadOnlyList<AccessPathReport> Allowed,
    IReadOnlyList<DenialCount> DeniedByReason)
{
    /// <summary>Every principal not allowed, with its reason; only when asked for (it can be thousands).</summary>
    public IReadOnlyList<AccessPathReport>? Denied { get; init; }
}

/// <summary>The billing-access setting and whether it takes part in this question.</summary>
public sealed record BillingSettingFacts(string Setting, bool Enabled, bool GatesAction);

/// <summary>How many principals are denied for one reason (the billing setting, no policy, an explicit deny...).</summary>
public sealed record DenialCount(string Reason, int Count);

/// <summary>
/// One principal's path to (or refusal of) the permission: who, the roles assumed on the way, the
/// reason, the deciding policy and how it reaches the principal, and LocalIam's explanation.
/// </summary>
public sealed record AccessPathReport(
    string Principal,
    string Kind,
    string Arn,
    IReadOnlyList<string> Via,
    string Decision,
    string Reason,
    string Explanation)
{
    /// <summary>The deciding policy: its name (an ARN for managed policies), its kind and its paths.</summary>
    public PolicyReference? Policy { get; init; }

    /// <summary>The deciding statement: its Sid, or "statement N", and the line it starts on.</summary>
    public string? Statement { get; init; }

    public int? Line { get; init; }
}

/// <summary>A policy as reports name it.</summary>
public sealed record PolicyReference(string Name, string Id, string Kind, IReadOnlyList<string> Paths);
