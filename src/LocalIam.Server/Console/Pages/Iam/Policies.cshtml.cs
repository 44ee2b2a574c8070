using LocalIam.Iam;
using LocalIam.Iam.Policies;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/policies, AWS's "Policies": the account's customer managed policies and AWS's whole
/// catalogue, filtered by name and type and paged. Authorized as iam:ListPolicies on <c>*</c>, the
/// resource the API's ListPolicies row uses.
/// </summary>
[Authorize]
public sealed class PoliciesModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:ListPolicies";
    public const int PageSize = 50;

    /// <summary>The type filter's values and AWS's labels.</summary>
    public static readonly (string Value, string Label)[] Types =
    [
        ("", "All types"),
        ("aws", PolicyKinds.AwsManaged),
        ("customer", PolicyKinds.CustomerManaged),
        ("job-function", PolicyKinds.JobFunction),
    ];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ManagedPolicy> Items { get; private set; } = [];

    public IReadOnlyDictionary<string, int> AttachmentCounts { get; private set; } = new Dictionary<string, int>();

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await DeniedAsync(Action, "*") is { } denial)
        {
            return await RefusedAsync(denial);
        }

        var (scope, path) = Type switch
        {
            "aws" => (PolicyScope.Aws, (string?)null),
            "customer" => (PolicyScope.Local, null),
            "job-function" => (PolicyScope.Aws, PolicyKinds.JobFunctionPath),
            _ => (PolicyScope.All, null),
        };
        PageNumber = Math.Max(1, PageNumber);
        var caller = Session!.Caller;
        var found = await Core.Policies.SearchAsync(caller, scope, path, Filter, (PageNumber - 1) * PageSize, PageSize);
        Total = found.Total;
        Items = found.Items;
        AttachmentCounts = await Core.Policies.AttachmentCountsAsync(caller, [.. Items.Select(p => p.Id)]);
        return Page();
    }

    /// <summary>This listing's URL at another page, with the same filters.</summary>
    public string PageHref(int number)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Filter))
        {
            query.Add("q=" + Uri.EscapeDataString(Filter));
        }

        if (!string.IsNullOrEmpty(Type))
        {
            query.Add("type=" + Uri.EscapeDataString(Type));
        }

        query.Add("pageNumber=" + number);
        return "/console/iam/policies?" + string.Join("&", query);
    }

    /// <summary>AWS's "Used as": how the policy is used in this account.</summary>
    public string UsedAs(ManagedPolicy policy) =>
        AttachmentCounts.GetValueOrDefault(policy.Id) is > 0 and var count ? $"Permissions policy ({count})" : "None";
}
