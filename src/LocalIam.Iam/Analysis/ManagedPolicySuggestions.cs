using LocalIam.Iam.Policies;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Analysis;

/// <summary>
/// An AWS managed policy to suggest for an action a principal lacks: a job-function policy when
/// one allows it (AWS's own advice for people), otherwise the shortest attachable policy that
/// does — the least it grants besides. Service-role policies are meant for services and are left out.
/// </summary>
internal static class ManagedPolicySuggestions
{
    private static readonly Lazy<List<(AwsManagedPolicy Policy, string Document)>> Candidates = new(() =>
        [.. AwsManagedPolicyCatalog.Entries
            .Where(p => p.IsAttachable && !p.Path.Contains("service-role", StringComparison.Ordinal))
            .Select(p => (p, p.Document))
            .OrderBy(p => p.Item1.Path.StartsWith("/job-function/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Document.Length)]);

    public static AwsManagedPolicy? Find(RequestAction action, string resource, Principal principal)
    {
        var context = PrincipalContextKeys.AddTo(new RequestContext(), principal);
        var service = action.Service + ":";
        foreach (var (policy, document) in Candidates.Value)
        {
            // Only documents that can name the action are compiled: its service, or a bare "*".
            if (!document.Contains(service, StringComparison.OrdinalIgnoreCase) && !document.Contains("\"*\"", StringComparison.Ordinal))
            {
                continue;
            }

            var compiled = CompiledPolicy.Parse(policy.Arn, document, PolicyKind.Identity);
            var allows = compiled.Statements.Any(s => s.Effect == Policy.Model.Effect.Allow && s.Check(action, resource, principal, context).Applies);
            var denies = compiled.Statements.Any(s => s.Effect == Policy.Model.Effect.Deny && s.Check(action, resource, principal, context).Applies);
            if (allows && !denies)
            {
                return policy;
            }
        }

        return null;
    }
}
