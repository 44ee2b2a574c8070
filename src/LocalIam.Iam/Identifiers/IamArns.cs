namespace LocalIam.Iam.Identifiers;

/// <summary>ARNs of IAM entities: <c>arn:aws:iam::ACCOUNT:user/PATH/NAME</c> and friends.</summary>
public static class IamArns
{
    public static string Root(string accountId) => $"arn:aws:iam::{accountId}:root";

    public static string User(string accountId, string path, string name) => $"arn:aws:iam::{accountId}:user{path}{name}";

    public static string Group(string accountId, string path, string name) => $"arn:aws:iam::{accountId}:group{path}{name}";

    public static string Role(string accountId, string path, string name) => $"arn:aws:iam::{accountId}:role{path}{name}";

    public static string Policy(string accountId, string path, string name) => $"arn:aws:iam::{accountId}:policy{path}{name}";
}
