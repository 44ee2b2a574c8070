using System.CommandLine;
using System.CommandLine.Invocation;
using LocalIam.Cli.Commands;
using LocalIam.Cli.Output;

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
    IdpCommand.Create(),
});
// `localiam` alone shows what it can do.
var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
// A command line that does not parse is refused with exit code 2, as all refused input is
// (System.CommandLine's own answer is its message and help with exit code 1); --help still wins.
return parse.Action is ParseErrorAction ? ParseRefusal.Print(parse) : await parse.InvokeAsync();
