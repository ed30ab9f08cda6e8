using System.CommandLine;
using Segmenta.Cli;

var root = new RootCommand("Segmenta: customer segments, features and RFM from a shop's transaction log.")
{
    AnalyzeCommand.Create(),
    ImportCommand.Create(),
};
return root.Parse(args).Invoke();
