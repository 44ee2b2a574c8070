namespace LocalIam.Iam.Transfer;

/// <summary>
/// The file is not authorization details LocalIam can import: <see cref="Path"/> is the JSON path of
/// the bad element (<c>$.UserDetailList[3].AttachedManagedPolicies[0].PolicyArn</c>) and the
/// message says what is wrong with it. Nothing was written when this is thrown.
/// </summary>
public sealed class AuthorizationDetailsException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
