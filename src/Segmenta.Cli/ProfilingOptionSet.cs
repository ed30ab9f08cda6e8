using System.CommandLine;
using Segmenta.Profiling;

namespace Segmenta.Cli;

/// <summary>The profiling options (playbook, name overrides), shared by analyze and segment.</summary>
internal sealed class ProfilingOptionSet
{
    internal Option<string?> Playbook { get; } = new("--playbook") { Description = "Marketing playbook JSON mapping segment profiles to actions (default: the built-in one; see docs/profiling.md)." };

    internal Option<string?> SegmentNames { get; } = new("--segment-names") { Description = "JSON file of segment names that replace the derived ones, e.g. {\"kmeans\": {\"0\": \"VIP accounts\"}}." };

    internal Option<string?> ActivationOrder { get; } = new("--activation-order")
    {
        Description = "Order of the customers in the activation lists: monetary (highest net spend first, the default) or clv (highest predicted lifetime value first).",
    };

    internal void AddTo(Command command)
    {
        command.Add(Playbook);
        ActivationOrder.AcceptOnlyFromAmong("monetary", "clv");
        command.Add(ActivationOrder);
        command.Add(SegmentNames);
    }

    /// <summary>Only the files given on the command line replace what <paramref name="baseline"/> holds (the defaults, or the stored run's).</summary>
    internal ProfilingOptions Read(ParseResult parse, ProfilingOptions? baseline)
    {
        var options = baseline ?? new ProfilingOptions();
        return options with
        {
            Playbook = parse.GetValue(Playbook) is { } playbookPath ? Profiling.Playbook.Load(playbookPath) : options.Playbook,
            NameOverrides = parse.GetValue(SegmentNames) is { } namesPath ? ProfilingOptions.LoadNames(namesPath) : options.NameOverrides,
            ActivationOrder = parse.GetValue(ActivationOrder) is { } order
                ? order == "clv" ? Profiling.ActivationOrder.Clv : Profiling.ActivationOrder.Monetary
                : options.ActivationOrder,
        };
    }
}
