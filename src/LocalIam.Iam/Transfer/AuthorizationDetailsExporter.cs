using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Tags;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Transfer;

/// <summary>
/// Writes an account as <c>aws iam get-account-authorization-details</c> prints it (AWS CLI v2):
/// the four lists member for member, policy documents as JSON objects, times as
/// <c>2024-01-31T12:00:00+00:00</c>, four-space indentation; plus the LocalIam-only member
/// <c>"LocalIam": {"BillingAccessEnabled": …}</c>, which AWS does not have and the importer reads.
/// Read page by page through <see cref="AccountInfoService"/>, the data GetAccountAuthorizationDetails answers with.
/// </summary>
public static class AuthorizationDetailsExporter
{
    private const int PageSize = 1000;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the account's details to <paramref name="output"/>; returns how many entities were written.</summary>
    public static async Task<AuthorizationDetailsExportResult> ExportAsync(IamStore store, string accountId, Stream output, CancellationToken cancellationToken = default)
    {
        var account = await store.ReadAsync(db => db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken))
            ?? throw new ImportTargetException($"the store has no account `{accountId}`");
        var info = new AccountInfoService(store);
        var caller = IamCaller.Root(accountId);
        await using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        string? open = null;
        var counts = new int[4];
        string? marker = null;
        do
        {
            var page = await info.AuthorizationDetailsAsync(caller, AuthorizationDetailsFilter.All, marker, PageSize);
            Section(writer, ref open, "UserDetailList", page.Users.Count);
            foreach (var user in page.Users)
            {
                User(writer, user);
            }

            Section(writer, ref open, "GroupDetailList", page.Groups.Count);
            foreach (var group in page.Groups)
            {
                Group(writer, group);
            }

            Section(writer, ref open, "RoleDetailList", page.Roles.Count);
            foreach (var role in page.Roles)
            {
                Role(writer, role);
            }

            Section(writer, ref open, "Policies", page.Policies.Count);
            foreach (var policy in page.Policies)
            {
                Policy(writer, policy);
            }

            counts[0] += page.Users.Count;
            counts[1] += page.Groups.Count;
            counts[2] += page.Roles.Count;
            counts[3] += page.Policies.Count;
            await writer.FlushAsync(cancellationToken);
            marker = page.Marker;
        }
        while (marker is not null);

        // Lists the account has nothing in are still printed, empty, as the CLI prints them.
        Section(writer, ref open, "Policies", 0, force: true);
        writer.WriteEndArray();

        writer.WriteStartObject("LocalIam");
        writer.WriteBoolean("BillingAccessEnabled", account.BillingAccessEnabled);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return new AuthorizationDetailsExportResult(accountId, counts[0], counts[1], counts[2], counts[3], account.BillingAccessEnabled);
    }

    /// <summary>Opens the list <paramref name="name"/> when the page has its members (or <paramref name="force"/>), closing the one before.</summary>
    private static void Section(Utf8JsonWriter writer, ref string? open, string name, int count, bool force = false)
    {
        if ((count == 0 && !force) || open == name)
        {
            return;
        }

        string[] order = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];
        var from = open is null ? 0 : Array.IndexOf(order, open) + 1;
        if (open is not null)
        {
            writer.WriteEndArray();
        }

        // A list the account has nothing in still appears, empty, before the next one.
        for (var i = from; i < Array.IndexOf(order, name); i++)
        {
            writer.WriteStartArray(order[i]);
            writer.WriteEndArray();
        }

        writer.WriteStartArray(name);
        open = name;
    }

    private static void User(Utf8JsonWriter w, UserDetail detail)
    {
        var user = detail.User;
        w.WriteStartObject();
        w.WriteString("Path", user.Path);
        w.WriteString("UserName", user.Name);
        w.WriteString("UserId", user.Id);
        w.WriteString("Arn", Identifiers.IamArns.User(user.AccountId, user.Path, user.Name));
        w.WriteString("CreateDate", Time(user.CreatedAt));
        Inline(w, "UserPolicyList", detail.Policies);
        w.WriteStartArray("GroupList");
        foreach (var group in detail.Groups)
        {
            w.WriteStringValue(group);
        }

        w.WriteEndArray();
        Attached(w, detail.AttachedPolicies);
        Boundary(w, user.PermissionsBoundaryArn);
        Tags(w, detail.Tags);
        w.WriteEndObject();
    }

    private static void Group(Utf8JsonWriter w, GroupDetail detail)
    {
        var group = detail.Group;
        w.WriteStartObject();
        w.WriteString("Path", group.Path);
        w.WriteString("GroupName", group.Name);
        w.WriteString("GroupId", group.Id);
        w.WriteString("Arn", Identifiers.IamArns.Group(group.AccountId, group.Path, group.Name));
        w.WriteString("CreateDate", Time(group.CreatedAt));
        Inline(w, "GroupPolicyList", detail.Policies);
        Attached(w, detail.AttachedPolicies);
        w.WriteEndObject();
    }

    private static void Role(Utf8JsonWriter w, RoleDetail detail)
    {
        var role = detail.Role;
        w.WriteStartObject();
        RoleHead(w, role);
        w.WriteStartArray("InstanceProfileList");
        foreach (var (profile, roles) in detail.InstanceProfiles)
        {
            w.WriteStartObject();
            w.WriteString("Path", profile.Path);
            w.WriteString("InstanceProfileName", profile.Name);
            w.WriteString("InstanceProfileId", profile.Id);
            w.WriteString("Arn", $"arn:aws:iam::{role.AccountId}:instance-profile{profile.Path}{profile.Name}");
            w.WriteString("CreateDate", Time(profile.CreatedAt));
            w.WriteStartArray("Roles");
            foreach (var member in roles)
            {
                // As GetInstanceProfile shows a profile's roles.
                w.WriteStartObject();
                RoleHead(w, member);
                if (member.Description is { } description)
                {
                    w.WriteString("Description", description);
                }

                w.WriteNumber("MaxSessionDuration", member.MaxSessionDuration);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Tags(w, profile.Tags);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Inline(w, "RolePolicyList", detail.Policies);
        Attached(w, detail.AttachedPolicies);
        Boundary(w, role.PermissionsBoundaryArn);
        Tags(w, detail.Tags);
        w.WriteStartObject("RoleLastUsed");
        if (detail.LastUsed.LastUsedDate is { } used)
        {
            w.WriteString("LastUsedDate", Time(used));
        }

        if (detail.LastUsed.Region is { } region)
        {
            w.WriteString("Region", region);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void RoleHead(Utf8JsonWriter w, Role role)
    {
        w.WriteString("Path", role.Path);
        w.WriteString("RoleName", role.Name);
        w.WriteString("RoleId", role.Id);
        w.WriteString("Arn", Identifiers.IamArns.Role(role.AccountId, role.Path, role.Name));
        w.WriteString("CreateDate", Time(role.CreatedAt));
        Document(w, "AssumeRolePolicyDocument", role.TrustPolicy);
    }

    private static void Policy(Utf8JsonWriter w, ManagedPolicyDetail detail)
    {
        var policy = detail.Policy;
        w.WriteStartObject();
        w.WriteString("PolicyName", policy.Name);
        w.WriteString("PolicyId", policy.Id);
        w.WriteString("Arn", policy.Arn);
        w.WriteString("Path", policy.Path);
        w.WriteString("DefaultVersionId", policy.DefaultVersionId);
        w.WriteNumber("AttachmentCount", detail.AttachmentCount);
        w.WriteNumber("PermissionsBoundaryUsageCount", detail.PermissionsBoundaryUsageCount);
        w.WriteBoolean("IsAttachable", policy.IsAttachable);
        if (policy.Description is { } description)
        {
            w.WriteString("Description", description);
        }

        w.WriteString("CreateDate", Time(policy.CreatedAt));
        w.WriteString("UpdateDate", Time(policy.UpdatedAt));
        w.WriteStartArray("PolicyVersionList");
        foreach (var version in detail.Versions)
        {
            w.WriteStartObject();
            Document(w, "Document", version.Document);
            w.WriteString("VersionId", version.VersionId);
            w.WriteBoolean("IsDefaultVersion", version.VersionId == policy.DefaultVersionId);
            w.WriteString("CreateDate", Time(version.CreatedAt));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Inline(Utf8JsonWriter w, string name, IReadOnlyList<InlinePolicy> policies)
    {
        w.WriteStartArray(name);
        foreach (var policy in policies)
        {
            w.WriteStartObject();
            w.WriteString("PolicyName", policy.Name);
            Document(w, "PolicyDocument", policy.Document);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Attached(Utf8JsonWriter w, IReadOnlyList<ManagedPolicy> policies)
    {
        w.WriteStartArray("AttachedManagedPolicies");
        foreach (var policy in policies)
        {
            w.WriteStartObject();
            w.WriteString("PolicyName", policy.Name);
            w.WriteString("PolicyArn", policy.Arn);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Boundary(Utf8JsonWriter w, string? arn)
    {
        if (arn is null)
        {
            return;
        }

        w.WriteStartObject("PermissionsBoundary");
        w.WriteString("PermissionsBoundaryType", "Policy");
        w.WriteString("PermissionsBoundaryArn", arn);
        w.WriteEndObject();
    }

    /// <summary>Tags appear only when the entity has some, as in AWS's answer.</summary>
    private static void Tags(Utf8JsonWriter w, IReadOnlyList<TagInput> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }

        w.WriteStartArray("Tags");
        foreach (var tag in tags)
        {
            w.WriteStartObject();
            w.WriteString("Key", tag.Key);
            w.WriteString("Value", tag.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>A stored document as the CLI prints it: decoded into JSON, its members in their order.</summary>
    private static void Document(Utf8JsonWriter w, string name, string text)
    {
        w.WritePropertyName(name);
        try
        {
            using var document = JsonDocument.Parse(text);
            document.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            // Not JSON (never stored by LocalIam's API, which validates): the CLI would print the text.
            w.WriteStringValue(text);
        }
    }

    /// <summary>As the AWS CLI v2 prints times: to the second (as IAM answers), UTC offset spelled out.</summary>
    public static string Time(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}

/// <summary>What an export wrote.</summary>
public sealed record AuthorizationDetailsExportResult(string AccountId, int Users, int Groups, int Roles, int Policies, bool BillingAccessEnabled);
