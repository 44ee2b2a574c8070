namespace LocalIam.Iam.Federation;

/// <summary>What AssumeRoleWithWebIdentity is asked, already checked against STS's model by the front end.</summary>
public sealed record WebIdentityInput(
    string RoleArn, string RoleSessionName, string WebIdentityToken, string? Policy, IReadOnlyList<string> PolicyArns, int? DurationSeconds)
{
    /// <summary>The partition the call was made in (its role's): the trust policy is decided on that partition's ARNs.</summary>
    public string Partition { get; init; } = LocalIam.Policy.Authorization.ArnPartition.Stored;
}

/// <summary>What AssumeRoleWithSAML is asked, already checked against STS's model by the front end.</summary>
public sealed record SamlInput(string RoleArn, string PrincipalArn, string SamlAssertion, string? Policy, IReadOnlyList<string> PolicyArns, int? DurationSeconds)
{
    /// <summary>The partition the call was made in (its role's): the assertion and the trust policy name that partition's ARNs.</summary>
    public string Partition { get; init; } = LocalIam.Policy.Authorization.ArnPartition.Stored;
}

/// <summary>A web identity session: the session and what the response reports of the token.</summary>
public sealed record WebIdentitySession(Credentials.AssumedRoleSession Session, VerifiedWebIdentity Identity);

/// <summary>A SAML session: the session and what the response reports of the assertion.</summary>
public sealed record SamlSession(Credentials.AssumedRoleSession Session, VerifiedSamlAssertion Assertion);
