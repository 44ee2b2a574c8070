namespace LocalIam.Server.Api.Iam;

/// <summary>The IAM action table (Version 2010-05-08): every operation LocalIam serves, registered by area.</summary>
internal static class IamOperations
{
    public const string Version = "2010-05-08";

    public static IReadOnlyDictionary<string, IOperation> Table { get; } = Build();

    private static IReadOnlyDictionary<string, IOperation> Build()
    {
        var table = new QueryTable();
        UserOperations.Register(table);
        GroupOperations.Register(table);
        RoleOperations.Register(table);
        PolicyOperations.Register(table);
        AttachedPolicyOperations.Register(table);
        CredentialOperations.Register(table);
        AccountOperations.Register(table);
        SimulationOperations.Register(table);
        AccountInfoOperations.Register(table);
        InstanceProfileOperations.Register(table);
        SshPublicKeyOperations.Register(table);
        SigningCertificateOperations.Register(table);
        ServiceSpecificCredentialOperations.Register(table);
        CredentialReportOperations.Register(table);
        MfaOperations.Register(table);
        OpenIdConnectOperations.Register(table);
        SamlOperations.Register(table);
        ServerCertificateOperations.Register(table);
        ServiceLinkedRoleOperations.Register(table);
        AccountFeatureOperations.Register(table);
        ServiceAccessOperations.Register(table);
        LastAccessedOperations.Register(table);
        return table.Operations;
    }
}
