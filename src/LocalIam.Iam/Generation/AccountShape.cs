namespace LocalIam.Iam.Generation;

/// <summary>
/// How big a generated account is. <see cref="AtLimits"/> is an account at AWS's default
/// per-account quotas; <see cref="Times"/> scales every count (ten times that is more than one AWS
/// account may hold, to show how cost grows). Per-entity counts stay within AWS's per-entity
/// quotas whatever the scale (10 groups per user, 10 managed policies per entity, 5 versions).
/// </summary>
public sealed record AccountShape(int Users, int Groups, int Roles, int CustomerPolicies)
{
    public static AccountShape AtLimits { get; } = new(Quotas.UsersPerAccount.Limit, Quotas.GroupsPerAccount.Limit, Quotas.RolesPerAccount.Limit, Quotas.CustomerManagedPoliciesPerAccount.Limit);

    /// <summary>A small account of the same make-up, for tests.</summary>
    public static AccountShape Small { get; } = new(120, 12, 40, 45);

    /// <summary>The billing-access setting of the generated account.</summary>
    public bool BillingAccessEnabled { get; init; } = true;

    public AccountShape Times(int factor) => this with { Users = Users * factor, Groups = Groups * factor, Roles = Roles * factor, CustomerPolicies = CustomerPolicies * factor };

    public override string ToString() => $"{Users:N0} users, {Groups:N0} groups, {Roles:N0} roles, {CustomerPolicies:N0} customer managed policies";
}

/// <summary>What a generation wrote, counted row by row.</summary>
public sealed record GeneratedAccount(
    int Users, int Groups, int Roles, int CustomerPolicies, int PolicyVersions, int Memberships, int Attachments, int InlinePolicies, int Tags)
{
    /// <summary>Names of principals with known access, for benchmarks and tests to ask about.</summary>
    public IReadOnlyList<string> AdminUsers { get; init; } = [];

    public IReadOnlyList<string> BillingUsers { get; init; } = [];

    public int Rows => Users + Groups + Roles + CustomerPolicies + PolicyVersions + Memberships + Attachments + InlinePolicies + Tags;
}
