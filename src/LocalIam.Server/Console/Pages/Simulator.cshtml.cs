using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Simulation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages;

/// <summary>A principal the simulator offers: its kind ("User", "Group", "Role"), name and ARN.</summary>
public sealed record SimulatorPrincipal(string Kind, string Name, string Arn);

/// <summary>
/// /console/simulator, AWS's IAM policy simulator: a user, group or role of the account, actions,
/// a resource and context values, decided by the core's <see cref="PolicySimulator"/> exactly as the
/// API's SimulatePrincipalPolicy: authorized as iam:SimulatePrincipalPolicy on the principal's ARN.
/// The principals offered are the ones iam:ListUsers, iam:ListGroups and iam:ListRoles let the
/// session see. The page renders the typed results; it decides nothing.
/// </summary>
[Authorize]
public sealed class SimulatorModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:SimulatePrincipalPolicy";

    /// <summary>Actions one run takes: a page of the core's results.</summary>
    public const int MaxActions = Paging.MaxMaxItems;

    [BindProperty]
    public string? Principal { get; set; }

    [BindProperty]
    public string? Actions { get; set; }

    [BindProperty]
    public string? Resource { get; set; } = "*";

    [BindProperty]
    public string? Context { get; set; }

    public IReadOnlyList<SimulatorPrincipal> Principals { get; private set; } = [];

    /// <summary>The lists the session may not read, each with its refusal.</summary>
    public IReadOnlyList<Denial> ListDenials { get; private set; } = [];

    public SimulationPage? Results { get; private set; }

    /// <summary>Input the page could not read, or the core's refusal (AWS's code and message).</summary>
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadPrincipalsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadPrincipalsAsync();
        var actions = (Actions ?? string.Empty).Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(Principal))
        {
            return Invalid("Choose a user, group or role to simulate");
        }

        if (actions.Length is 0 or > MaxActions)
        {
            return Invalid($"Enter 1 to {MaxActions} actions, one per line or separated by commas");
        }

        if (ContextEntries(Context) is not { } entries)
        {
            return Invalid("Write each context value as `key=value` on its own line");
        }

        var principal = Principal.Trim();
        if (await DeniedAsync(Action, new ResourceName.EntityArn(principal)) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        var resource = string.IsNullOrWhiteSpace(Resource) ? "*" : Resource.Trim();
        try
        {
            Results = await Core.Simulator.ForPrincipalAsync(Session!.Caller, principal, new SimulationInput
            {
                ActionNames = actions,
                ResourceArns = [resource],
                ContextEntries = entries,
                MaxItems = MaxActions,
                Cancellation = HttpContext.RequestAborted,
            });
        }
        catch (IamException ex)
        {
            Response.StatusCode = ex.HttpStatus;
            Failure = $"{ex.Code}: {ex.Message}";
        }

        return Page();
    }

    /// <summary><c>key=value</c> lines; a key given more than once is a list, as <c>stringList</c> context entries are.</summary>
    internal static List<SimulationContextEntry>? ContextEntries(string? text)
    {
        // One lookup per line (keys in any case are one key), so a long text costs linear time.
        var values = new List<(string Key, List<string> Values)>();
        var byKey = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in (text ?? string.Empty).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (byKey.TryGetValue(key, out var existing))
            {
                existing.Add(value);
            }
            else
            {
                List<string> list = [value];
                byKey[key] = list;
                values.Add((key, list));
            }
        }

        return [.. values.Select(v => new SimulationContextEntry(v.Key, v.Values, v.Values.Count > 1 ? "stringList" : "string"))];
    }

    private PageResult Invalid(string message)
    {
        Failure = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadPrincipalsAsync()
    {
        var caller = Session!.Caller;
        var principals = new List<SimulatorPrincipal>();
        var denials = new List<Denial>();
        if (await DeniedAsync("iam:ListUsers", ArnOf("user", string.Empty)) is { } users)
        {
            denials.Add(users);
        }
        else
        {
            await foreach (var user in AllAsync(marker => Core.Users.ListAsync(caller, marker: marker, maxItems: Paging.MaxMaxItems)))
            {
                principals.Add(new("User", user.Name, ArnOf("user", user.Name, user.Path)));
            }
        }

        if (await DeniedAsync("iam:ListGroups", ArnOf("group", string.Empty)) is { } groups)
        {
            denials.Add(groups);
        }
        else
        {
            await foreach (var group in AllAsync(marker => Core.Groups.ListAsync(caller, marker: marker, maxItems: Paging.MaxMaxItems)))
            {
                principals.Add(new("Group", group.Name, ArnOf("group", group.Name, group.Path)));
            }
        }

        if (await DeniedAsync("iam:ListRoles", ArnOf("role", string.Empty)) is { } roles)
        {
            denials.Add(roles);
        }
        else
        {
            await foreach (var role in AllAsync(marker => Core.Roles.ListAsync(caller, marker: marker, maxItems: Paging.MaxMaxItems)))
            {
                principals.Add(new("Role", role.Name, ArnOf("role", role.Name, role.Path)));
            }
        }

        Principals = principals;
        ListDenials = denials;
    }

    private static async IAsyncEnumerable<T> AllAsync<T>(Func<string?, Task<Page<T>>> list)
    {
        string? marker = null;
        do
        {
            var page = await list(marker);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.IsTruncated ? page.Marker : null;
        }
        while (marker is not null);
    }
}
