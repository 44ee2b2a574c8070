using System.Text;
using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using IamUser = LocalIam.Storage.Entities.User;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/users/{name}: a user's summary (iam:GetUser) and AWS's tabs, each authorized with
/// the action its API call needs: Permissions (attached directly, through each group, inline, the
/// boundary), Groups, Tags, Security credentials (console password, access keys — a new secret is
/// shown once, with a download — and MFA devices).
/// </summary>
[Authorize]
public sealed class UserModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public static readonly (string Id, string Label)[] Tabs =
        [("permissions", "Permissions"), ("groups", "Groups"), ("tags", "Tags"), ("security_credentials", "Security credentials")];

    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "tab")]
    public string Tab { get; set; } = "permissions";

    public IamUser? Shown { get; private set; }

    /// <summary>A denial of one tab's content: the page still shows the rest.</summary>
    public Denial? TabDenial { get; private set; }

    public IReadOnlyList<ManagedPolicy> Attached { get; private set; } = [];

    public IReadOnlyList<string> Inline { get; private set; } = [];

    public IReadOnlyList<(Group Group, IReadOnlyList<ManagedPolicy>? Policies, Denial? Denial)> GroupPolicies { get; private set; } = [];

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public IReadOnlyList<TagInput> Tags { get; private set; } = [];

    public LoginProfile? Password { get; private set; }

    public IReadOnlyList<AccessKey> AccessKeys { get; private set; } = [];

    public NewAccessKey? NewKey { get; private set; }

    public string? Failure { get; private set; }

    public string UserArn => ArnOf("user", Shown!.Name, Shown.Path);

    private ResourceName Target => ResourceName.Named("user", Name);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadUserAsync() is { } refused)
        {
            return refused;
        }

        Tab = Tabs.Any(t => t.Id == Tab) ? Tab : Tabs[0].Id;
        await LoadTabAsync();
        return Page();
    }

    /// <summary>"Create access key": the secret is in this response only.</summary>
    public async Task<IActionResult> OnPostCreateAccessKeyAsync()
    {
        if (await LoadUserAsync() is { } refused)
        {
            return refused;
        }

        Tab = "security_credentials";
        if (await DeniedAsync("iam:CreateAccessKey", Target) is { } denial)
        {
            await LoadTabAsync();
            return await RefusedAsync(denial);
        }

        try
        {
            NewKey = await Core.AccessKeys.CreateAsync(Session!.Caller, Shown!.Name);
        }
        catch (IamException ex)
        {
            Failure = ex.Message;
            Response.StatusCode = ex.HttpStatus;
        }

        await LoadTabAsync();
        return Page();
    }

    /// <summary>"Download .csv file": the key just shown, as AWS's file; nothing is read back from the store.</summary>
    public IActionResult OnPostDownloadAccessKey(string accessKeyId, string secretAccessKey)
    {
        var csv = $"Access key ID,Secret access key\n{accessKeyId},{secretAccessKey}\n";
        return File(Encoding.UTF8.GetBytes(csv), "text/csv", $"{Name}_accessKeys.csv");
    }

    private async Task<IActionResult?> LoadUserAsync()
    {
        if (await DeniedAsync("iam:GetUser", Target) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            Shown = await Core.Users.GetAsync(Session!.Caller, Name);
            return null;
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            Failure = ex.Message;
            Response.StatusCode = ex.HttpStatus;
            return Page();
        }
    }

    private async Task LoadTabAsync()
    {
        var caller = Session!.Caller;
        var name = Shown!.Name;
        switch (Tab)
        {
            case "permissions":
                TabDenial = await DeniedAsync("iam:ListAttachedUserPolicies", Target,
                    new AuthorizationCheck("iam:ListUserPolicies", Target), new AuthorizationCheck("iam:ListGroupsForUser", Target));
                if (TabDenial is null)
                {
                    Attached = await Core.Attachments.ListAttachedAsync(caller, OwnerKind.User, name);
                    Inline = await Core.InlinePolicies.ListAsync(caller, OwnerKind.User, name);
                    var list = new List<(Group, IReadOnlyList<ManagedPolicy>?, Denial?)>();
                    foreach (var group in await Core.Groups.ListForUserAsync(caller, name))
                    {
                        var denied = await DeniedAsync("iam:ListAttachedGroupPolicies", ResourceName.Named("group", group.Name));
                        list.Add((group, denied is null ? await Core.Attachments.ListAttachedAsync(caller, OwnerKind.Group, group.Name) : null, denied));
                    }

                    GroupPolicies = list;
                }

                break;
            case "groups":
                TabDenial = await DeniedAsync("iam:ListGroupsForUser", Target);
                Groups = TabDenial is null ? await Core.Groups.ListForUserAsync(caller, name) : [];
                break;
            case "tags":
                TabDenial = await DeniedAsync("iam:ListUserTags", Target);
                Tags = TabDenial is null ? await Core.Users.ListTagsAsync(caller, name) : [];
                break;
            default:
                TabDenial = await DeniedAsync("iam:GetLoginProfile", Target, new AuthorizationCheck("iam:ListAccessKeys", Target));
                if (TabDenial is null)
                {
                    Password = await LoginProfileOrNullAsync(caller, name);
                    AccessKeys = await Core.AccessKeys.ListAsync(caller, name);
                }

                break;
        }
    }

    private async Task<LoginProfile?> LoginProfileOrNullAsync(IamCaller caller, string name)
    {
        try
        {
            return await Core.LoginProfiles.GetAsync(caller, name);
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            return null;
        }
    }
}
