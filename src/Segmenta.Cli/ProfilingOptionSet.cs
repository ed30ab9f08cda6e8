using System.CommandLine;
using Segmenta.Profiling;

namespace Segmenta.Cli;

/// <summary>The profiling options (playbook, name overrides), shared by analyze and segment.</summary>
internal sealed class ProfilingOptionSet
{
    internal Option<string?> Playbook { get; } = new("--playbook") { Description = "Marketing playbook JSON mapping segment profiles to actions (default: the built-in one; see docs/profiling.md)." };

    internal Option<string?> SegmentNames { get; } = new("--segment-names") { Description = "JSON file of segment names that replace the derived ones, e.g. {\"kmeans\": {\"0\": \"VIP accounts\"}}." };

    internal Option<string> ActivationOrder { get; } = new("--activation-order")
    {
        Description = "Order of the customers in the activation lists: monetary (highest net spend first) or clv (highest predicted lifetime value first).",
        DefaultValueFactory = _ => "monetary",
    };

    internal void AddTo(Command command)
    {
        command.Add(Playbook);
        ActivationOrder.AcceptOnlyFromAmong("monetary", "clv");
        command.Add(ActivationOrder);
        command.Add(SegmentNames);
    }

    internal ProfilingOptions Read(ParseResult parse) => new()
    {
        Playbook = parse.GetValue(Playbook) is { } playbookPath ? Profiling.Playbook.Load(playbookPath) : Profiling.Playbook.Default,
        ActivationOrder = parse.GetValue(ActivationOrder) == "clv" ? Profiling.ActivationOrder.Clv : Profiling.ActivationOrder.Monetary,
        NameOverrides = parse.GetValue(SegmentNames) is { } namesPath ? ProfilingOptions.LoadNames(namesPath) : new Dictionary<string, IReadOnlyDictionary<int, string>>(),
    };
}
