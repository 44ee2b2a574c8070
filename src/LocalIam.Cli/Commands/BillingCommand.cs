using System.CommandLine;

namespace LocalIam.Cli.Commands;

/// <summary><c>localiam billing …</c>: the account's billing data.</summary>
internal static class BillingCommand
{
    public static Command Create() => new("billing", "Billing and Cost Management data of a LocalIam store")
    {
        BillingImportCommand.Create(),
    };
}
