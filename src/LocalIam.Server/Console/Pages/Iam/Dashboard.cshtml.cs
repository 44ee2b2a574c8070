using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam, AWS's "IAM dashboard": the account's IAM resources (iam:GetAccountSummary, as AWS's
/// console requires), the account and its sign-in URL, and the security recommendations — whose
/// per-user part is what a credential report holds, so it needs iam:GenerateCredentialReport too.
/// </summary>
[Authorize]
public sealed class DashboardModel(IamCore core, ConsoleAuthorizer authorizer, TimeProvider clock) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:GetAccountSummary";
    public const string RecommendationsAction = "iam:GenerateCredentialReport";

    /// <summary>The summary keys AWS's dashboard counts, with its labels.</summary>
    public static readonly (string Key, string Label, string Href)[] Resources =
    [
        ("Groups", "User groups", "/console/iam/groups"),
        ("Users", "Users", "/console/iam/users"),
        ("Roles", "Roles", "/console/iam/roles"),
        ("Policies", "Policies", "/console/iam/policies"),
        ("Providers", "Identity providers", "/console/iam"),
    ];

    public IReadOnlyDictionary<string, int> Summary { get; private set; } = new Dictionary<string, int>();

    public SecurityRecommendations? Recommendations { get; private set; }

    public Denial? RecommendationsDenial { get; private set; }

    public string AccountId { get; private set; } = string.Empty;

    public string? Alias { get; private set; }

    public string SignInUrl { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        var session = Session!;
        if (await DeniedAsync(Action, "*") is { } denial)
        {
            return await RefusedAsync(denial);
        }

        Summary = (await Core.AccountInfo.SummaryAsync(session.Caller)).ToDictionary();
        var account = await Core.Accounts.GetAsync(session.AccountId);
        AccountId = account.Id;
        Alias = account.Alias;
        SignInUrl = $"{Request.Scheme}://{Request.Host}/console?account={Uri.EscapeDataString(Alias ?? AccountId)}";
        RecommendationsDenial = await DeniedAsync(RecommendationsAction, "*");
        if (RecommendationsDenial is null)
        {
            Recommendations = await Core.AccountInfo.RecommendationsAsync(session.Caller, clock.GetUtcNow());
        }

        return Page();
    }
}
