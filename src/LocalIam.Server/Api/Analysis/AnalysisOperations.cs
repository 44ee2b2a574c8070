using LocalIam.Aws.Errors;
using LocalIam.Aws.Json;
using LocalIam.Iam.Analysis;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Server.Api.Analysis;

/// <summary>
/// LocalIam's own questions on the JSON protocol, so `localiam who-can` and `explain` can ask a
/// running server (target prefix <c>LocalIam_20261201</c>, signed for <c>iam</c>): WhoCan and
/// Explain, answered with the same reports the CLI prints offline. Both are authorized as
/// <c>iam:GetAccountAuthorizationDetails</c>: their answers show every principal's policies and
/// paths, which is what that action reveals.
/// </summary>
internal static class AnalysisOperations
{
    public const string TargetPrefix = "LocalIam_20261201";

    private const string ReadAccount = "iam:GetAccountAuthorizationDetails";

    /// <summary>As IAM bounds a simulation's PolicySourceArn and ResourceArns.</summary>
    public const int MaxArnLength = 2048;

    /// <summary>
    /// Every context value is matched against every condition of every principal's policies, so the
    /// context is bounded: well above a real request (50 request tags and aws:TagKeys are 100 values).
    /// </summary>
    public const int MaxContextKeys = 100;

    public const int MaxContextValues = 200;

    public const int MaxContextKeyLength = 256;

    public static JsonService Service { get; } = new(TargetPrefix, "iam", JsonProtocol.ContentType10, new JsonTable()
        .Add("WhoCan", ReadAccount, BindWhoCan, (_, _) => "*", async (input, c) =>
            (object)await c.Core.Analysis.WhoCanAsync(c.AccountId, input.Question, input.IncludeDenied, c.Aborted))
        .Add("Explain", ReadAccount, BindExplain, (_, _) => "*", async (input, c) =>
        {
            try
            {
                return (object)await c.Core.Analysis.ExplainAsync(c.AccountId, input, c.Aborted);
            }
            catch (UnknownPrincipalException ex)
            {
                throw new AwsException(AwsErrors.NoSuchPrincipal(ex.Name));
            }
        })
        .Operations);

    private static (AccessQuestion Question, bool IncludeDenied) BindWhoCan(LocalIam.Aws.IRequestParameters parameters)
    {
        var json = JsonRequest.Of(parameters);
        var question = new AccessQuestion(Action(json), Bounded(json, "Resource") ?? "*")
        {
            Context = Context(json),
            FollowRoleTrust = json.GetBool("FollowRoleTrust") ?? true,
        };
        return (question, json.GetBool("IncludeDenied") ?? false);
    }

    private static ExplainQuestion BindExplain(LocalIam.Aws.IRequestParameters parameters)
    {
        var json = JsonRequest.Of(parameters);
        var principal = Bounded(json, "Principal") ?? throw new AwsException(AwsErrors.MissingMember(json.MessagePath("Principal")));
        return new ExplainQuestion(principal, Action(json), Bounded(json, "Resource") ?? "*")
        {
            Context = Context(json),
            ViaBillingConsole = json.GetBool("ViaBillingConsole") ?? false,
        };
    }

    private static string Action(JsonRequest json)
    {
        var action = json.Required("Action");
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < action.Length - 1 && action.Length <= 128 && !action.Any(char.IsControl)
            ? action
            : throw new AwsException(AwsErrors.ActionNotAnIamAction());
    }

    /// <summary>A principal or resource: at most <see cref="MaxArnLength"/> characters.</summary>
    private static string? Bounded(JsonRequest json, string name) => json.Get(name) is { } value
        ? value.Length <= MaxArnLength ? value : throw new AwsException(AwsErrors.AnalysisMemberTooLong(name, MaxArnLength))
        : null;

    /// <summary><c>Context</c>: each key with its values; one value is a single-valued key.</summary>
    private static RequestContext? Context(JsonRequest json)
    {
        var map = json.GetStringListMap("Context");
        if (map.Count == 0)
        {
            return null;
        }

        if (map.Count > MaxContextKeys || map.Sum(e => e.Value.Count) > MaxContextValues
            || map.Any(e => e.Key.Length is 0 or > MaxContextKeyLength || e.Value.Any(v => v.Length > MaxArnLength)))
        {
            throw new AwsException(AwsErrors.AnalysisContextTooLarge(MaxContextKeys, MaxContextValues, MaxContextKeyLength, MaxArnLength));
        }

        var context = new RequestContext();
        foreach (var (key, values) in map)
        {
            if (values.Count == 1)
            {
                context.Set(key, values[0]);
            }
            else
            {
                context.SetList(key, values);
            }
        }

        return context;
    }
}
