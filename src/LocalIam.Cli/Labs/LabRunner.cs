using LocalIam.Cli.Accounts;
using LocalIam.Cli.Commands;
using LocalIam.Iam.Analysis;
using LocalIam.Iam.Authorization;

namespace LocalIam.Cli.Labs;

/// <summary>One step's result: what happened, whether it met the expectation, and why not.</summary>
internal sealed record StepResult(LabStep Step, bool Passed, string Outcome, string Detail, string? Failure);

/// <summary>
/// Plays a lab's steps in order against its account and checks each against its expectation. Who
/// acts: <c>root</c> with root's keys; an IAM user with an access key the runner makes for it, as
/// root, the first time it acts (a person would make one in the console); a name a step saved with
/// <c>save-as</c> (the credentials sts:AssumeRole returned). Console steps sign in with the
/// password the lab gave the user (iam:CreateLoginProfile / UpdateLoginProfile). Every step runs,
/// even after a failure, so the report shows the whole scenario.
/// </summary>
internal sealed class LabRunner(LabAccount account, HttpClient http)
{
    private readonly Dictionary<string, AwsCredentials> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _passwords = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ConsoleVisit> _consoles = new(StringComparer.OrdinalIgnoreCase);

    public async Task<StepResult> RunAsync(LabStep written, CancellationToken cancellationToken)
    {
        var step = Expanded(written);
        try
        {
            return step.Kind switch
            {
                LabStepKind.Call => Check(step, await CallAsync(step, cancellationToken)),
                LabStepKind.Console => Check(step, await ConsoleAsync(step, cancellationToken)),
                LabStepKind.WhoCan => await WhoCanAsync(step, cancellationToken),
                _ => await ExplainAsync(step, cancellationToken),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or RemoteCallException or CommandInputException)
        {
            return new StepResult(step, false, "error", ex.Message, $"the step could not run: {ex.Message}");
        }
    }

    /// <summary>The step with <c>${AccountId}</c> replaced by the lab's account id wherever a value may hold an ARN.</summary>
    private LabStep Expanded(LabStep step)
    {
        string? X(string? text) => text?.Replace("${AccountId}", account.AccountId, StringComparison.Ordinal);
        object? Value(object? value) => value switch
        {
            string text => X(text),
            List<object?> list => list.Select(Value).ToList(),
            Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Value(e.Value), StringComparer.Ordinal),
            _ => value,
        };

        return step with
        {
            Parameters = step.Parameters.ToDictionary(e => e.Key, e => Value(e.Value), StringComparer.Ordinal),
            Resource = X(step.Resource)!,
            Principal = X(step.Principal),
            Page = X(step.Page),
            Context = step.Context.ToDictionary(e => e.Key, e => X(e.Value)!, StringComparer.Ordinal),
            Form = step.Form?.ToDictionary(e => e.Key, e => X(e.Value)!, StringComparer.Ordinal),
        };
    }

    public void Close()
    {
        foreach (var visit in _consoles.Values)
        {
            visit.Dispose();
        }
    }

    private async Task<LabOutcome> CallAsync(LabStep step, CancellationToken cancellationToken)
    {
        var keys = await KeysOfAsync(step.Actor, cancellationToken);
        var outcome = await AwsCall.SendAsync(http, account.Endpoint, step.Operation!, step.Parameters, keys, cancellationToken);
        if (outcome.Allowed)
        {
            Remember(step, outcome);
        }

        return outcome;
    }

    /// <summary>What later steps need from a call that succeeded: a console password, a session's credentials.</summary>
    private void Remember(LabStep step, LabOutcome outcome)
    {
        if (step.Operation is "iam:CreateLoginProfile" or "iam:UpdateLoginProfile"
            && step.Parameters.GetValueOrDefault("UserName") is string user && step.Parameters.GetValueOrDefault("Password") is string password)
        {
            _passwords[user] = password;
            if (_consoles.Remove(user, out var old))
            {
                old.Dispose();
            }
        }

        if (step.SaveAs is { } name && AwsCall.XmlValue(outcome.Body, "AccessKeyId") is { } id && AwsCall.XmlValue(outcome.Body, "SecretAccessKey") is { } secret)
        {
            _keys[name] = new AwsCredentials(id, secret, AwsCall.XmlValue(outcome.Body, "SessionToken"));
        }
    }

    private async Task<AwsCredentials> KeysOfAsync(string actor, CancellationToken cancellationToken)
    {
        if (actor == "root")
        {
            return account.RootKeys;
        }

        if (_keys.TryGetValue(actor, out var known))
        {
            return known;
        }

        var made = await AwsCall.SendAsync(http, account.Endpoint, "iam:CreateAccessKey", new Dictionary<string, object?> { ["UserName"] = actor }, account.RootKeys, cancellationToken);
        if (!made.Allowed || AwsCall.XmlValue(made.Body, "AccessKeyId") is not { } id || AwsCall.XmlValue(made.Body, "SecretAccessKey") is not { } secret)
        {
            throw new InvalidOperationException($"could not make an access key for `{actor}` (is it a user of the account, or a name saved with save-as?): {made.Code} {made.Message}");
        }

        return _keys[actor] = new AwsCredentials(id, secret, null);
    }

    private async Task<LabOutcome> ConsoleAsync(LabStep step, CancellationToken cancellationToken)
    {
        if (!_consoles.TryGetValue(step.Actor, out var visit))
        {
            if (step.Actor == "root")
            {
                visit = account.RootEmail is { } email && account.RootPassword is { } rootPassword
                    ? await ConsoleVisit.SignInAsRootAsync(account.Endpoint, email, rootPassword, cancellationToken)
                    : throw new InvalidOperationException("console steps as root need LOCALIAM_ROOT_EMAIL and LOCALIAM_ROOT_PASSWORD for a running server");
            }
            else
            {
                visit = _passwords.TryGetValue(step.Actor, out var password)
                    ? await ConsoleVisit.SignInAsUserAsync(account.Endpoint, account.AccountId, step.Actor, password, cancellationToken)
                    : throw new InvalidOperationException($"user `{step.Actor}` has no console password from this lab: add an iam:CreateLoginProfile step before");
            }

            _consoles[step.Actor] = visit;
        }

        return step.Form is { } fields
            ? await visit.SubmitAsync(step.Page!, step.Handler, fields, cancellationToken)
            : await visit.OpenAsync(step.Page!, cancellationToken);
    }

    private static StepResult Check(LabStep step, LabOutcome outcome)
    {
        var expect = step.Expect;
        var happened = outcome.Allowed ? "allowed" : $"refused: {outcome.Code}";
        var failures = new List<string>();
        if (expect.Allowed is { } allowed && allowed != outcome.Allowed)
        {
            failures.Add(allowed ? "expected it to be allowed" : "expected it to be refused");
        }

        if (expect.Error is { } code && !string.Equals(code, outcome.Code, StringComparison.Ordinal))
        {
            failures.Add($"expected error {code}, got {outcome.Code ?? "none"}");
        }

        if (expect.Message is { } words && !outcome.Message.Contains(words, StringComparison.OrdinalIgnoreCase) && !outcome.Body.Contains(words, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"expected the answer to say \"{words}\"");
        }

        var detail = outcome.Allowed ? (step.Kind == LabStepKind.Console ? outcome.Message : string.Empty) : outcome.Message;
        return new StepResult(step, failures.Count == 0, happened, detail, failures.Count == 0 ? null : string.Join("; ", failures));
    }

    private async Task<StepResult> WhoCanAsync(LabStep step, CancellationToken cancellationToken)
    {
        var report = await account.WhoCanAsync(new AccessQuestion(step.Action!, step.Resource) { Context = Context(step) }, cancellationToken);
        var names = report.Principals.Order(StringComparer.Ordinal).ToList();
        var outcome = string.Join(", ", names);
        string? failure = null;
        if (step.Expect.Principals is { } expected)
        {
            var want = expected.Order(StringComparer.Ordinal).ToList();
            if (!want.SequenceEqual(names, StringComparer.Ordinal))
            {
                var missing = want.Except(names, StringComparer.Ordinal).ToList();
                var extra = names.Except(want, StringComparer.Ordinal).ToList();
                failure = $"expected exactly {string.Join(", ", want)}"
                    + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : string.Empty)
                    + (extra.Count > 0 ? $"; not expected {string.Join(", ", extra)}" : string.Empty);
            }
        }

        var denied = string.Join(", ", report.DeniedByReason.Select(d => $"{d.Count} {WhoCanCommand.Reason(d.Reason)}"));
        return new StepResult(step, failure is null, outcome, denied.Length > 0 ? $"denied: {denied}" : string.Empty, failure);
    }

    private async Task<StepResult> ExplainAsync(LabStep step, CancellationToken cancellationToken)
    {
        var report = await account.ExplainAsync(new ExplainQuestion(step.Principal!, step.Action!, step.Resource) { Context = Context(step) }, cancellationToken);
        var failures = new List<string>();
        var expect = step.Expect;
        if (expect.Decision is { } decision && decision != report.Decision)
        {
            failures.Add($"expected {decision}, got {report.Decision}");
        }
        else if (expect.Decision is null && expect.Allowed is { } allowed && allowed != (report.Decision == "Allowed"))
        {
            failures.Add(allowed ? "expected it to be allowed" : "expected it to be denied");
        }

        if (expect.Reason is { } reason && reason != report.Reason)
        {
            failures.Add($"expected the reason {reason}, got {report.Reason}");
        }

        var flips = string.Join(" | ", report.Flips.Where(f => f.Alone).Select(f => f.Change).Take(2));
        var all = $"{report.Explanation} {string.Join(' ', report.Flips.Select(f => f.Change))}";
        if (expect.Message is { } words && !all.Contains(words, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"expected the explanation to say \"{words}\"");
        }

        return new StepResult(step, failures.Count == 0, $"{report.Decision} ({report.Reason})",
            flips.Length > 0 ? $"{report.Explanation}. Flips it: {flips}" : report.Explanation, failures.Count == 0 ? null : string.Join("; ", failures));
    }

    private static LocalIam.Policy.Evaluation.RequestContext? Context(LabStep step)
    {
        if (step.Context.Count == 0)
        {
            return null;
        }

        var context = new LocalIam.Policy.Evaluation.RequestContext();
        foreach (var (key, value) in step.Context)
        {
            context.Set(key, value);
        }

        return context;
    }
}
