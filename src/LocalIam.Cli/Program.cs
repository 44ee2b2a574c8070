using System.CommandLine;
using LocalIam.Cli.Commands;

var root = HelpExamples.Install(new RootCommand("LocalIam: AWS Identity and Access Management on your own machine")
{
    ServeCommand.Create(),
    BillingCommand.Create(),
    WhoCanCommand.Create(),
    ExplainCommand.Create(),
    SimulateCommand.Create(),
    LabCommand.Create(),
    ImportCommand.Create(),
    ExportCommand.Create(),
    StatusCommand.Create(),
    LintCommand.Create(),
});
return await root.Parse(args).InvokeAsync();
