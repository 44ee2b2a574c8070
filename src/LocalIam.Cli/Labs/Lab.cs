namespace LocalIam.Cli.Labs;

/// <summary>A lab: a scenario as a person would play it in AWS, step by step, each with what must happen.</summary>
internal sealed record Lab(string Name, string Title, string Description, string Source, IReadOnlyList<LabStep> Steps);

/// <summary>What a step does: an API call, a console page, a who-can question, or an explain question.</summary>
internal enum LabStepKind
{
    Call,
    Console,
    WhoCan,
    Explain,
}

/// <summary>
/// One step: who acts (<c>root</c>, an IAM user's name, or credentials a step saved), what it does,
/// and what must happen. <see cref="Line"/> is where it stands in its file, for messages.
/// </summary>
internal sealed record LabStep(int Number, int Line, string Title, string? Note, string Actor, LabStepKind Kind, LabExpectation Expect)
{
    /// <summary>Call: <c>service:Operation</c> (iam:CreateUser, sts:AssumeRole, billing:UpdateIAMAccessPreference, ce:GetCostAndUsage).</summary>
    public string? Operation { get; init; }

    /// <summary>Call: the parameters, as AWS's API reference names them; documents may be written as YAML maps.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Call to sts:AssumeRole (or GetSessionToken): the name under which later steps may act with the credentials it returns.</summary>
    public string? SaveAs { get; init; }

    /// <summary>Console: the page's path (<c>/console/billing/bills</c>).</summary>
    public string? Page { get; init; }

    /// <summary>Console: fields to submit on the page's form (as a person clicks Save), and the form's handler when the page has several.</summary>
    public IReadOnlyDictionary<string, string>? Form { get; init; }

    public string? Handler { get; init; }

    /// <summary>Who-can and explain: the action, the resource, and for explain the principal.</summary>
    public string? Action { get; init; }

    public string Resource { get; init; } = "*";

    public string? Principal { get; init; }

    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// What must happen. <see cref="Allowed"/>: the call or page succeeds (true) or is refused (false);
/// <see cref="Error"/>: the AWS error code; <see cref="Message"/>: words the refusal or the page
/// must contain; <see cref="Principals"/>: who-can's exact answer; <see cref="Decision"/> and
/// <see cref="Reason"/>: explain's.
/// </summary>
internal sealed record LabExpectation
{
    public bool? Allowed { get; init; } = true;

    public string? Error { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<string>? Principals { get; init; }

    public string? Decision { get; init; }

    public string? Reason { get; init; }
}
