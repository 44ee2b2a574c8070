using System.CommandLine;
using LocalIam.Cli.Commands;

var root = new RootCommand("LocalIam: AWS Identity and Access Management on your own machine")
{
    ServeCommand.Create(),
    BillingCommand.Create(),
    LintCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
