using System.CommandLine;
using Segmenta.Recommending;

namespace Segmenta.Cli;

/// <summary>The recommendation options, shared by analyze and recommend.</summary>
internal sealed class RecommendationOptionSet
{
    internal Option<int> Top { get; } = new("--top") { Description = "Recommendations per customer.", DefaultValueFactory = _ => 10 };

    internal Option<string?> Cutoff { get; } = new("--cutoff") { Description = "Last day of the training data for the offline evaluation (yyyy-MM-dd). Default: 3 months before the last sale." };

    internal Option<string> Mode { get; } = new("--mode")
    {
        Description = "Which picks the lists hold: both (buy-again and new products, mixed as learned on a validation split), buy-again, or discover (new products only).",
        DefaultValueFactory = _ => "both",
    };

    internal Option<int> EvaluationCustomers { get; } = new("--evaluation-customers")
    {
        Description = "The offline evaluation judges every eligible customer up to this many, above it a sample of this many chosen by a hash of the id and the seed (stated in the outputs); 0 = never sample.",
        DefaultValueFactory = _ => new RecommendationOptions().EvaluationCustomers,
    };

    internal Option<bool> Skip { get; } = new("--no-recommendations") { Description = "Skip product recommendations and their evaluation." };

    internal void AddTo(Command command, bool withSkip)
    {
        command.Add(Top);
        command.Add(Cutoff);
        Mode.AcceptOnlyFromAmong("both", "buy-again", "discover");
        command.Add(Mode);
        command.Add(EvaluationCustomers);
        if (withSkip)
        {
            command.Add(Skip);
        }
    }

    /// <summary>
    /// The options, or null with --no-recommendations: only what was given on the command line changes
    /// <paramref name="baseline"/> (the defaults, or the stored run's).
    /// </summary>
    internal RecommendationOptions? Read(ParseResult parse, RecommendationOptions? baseline)
    {
        if (parse.GetValue(Skip))
        {
            return null;
        }
        var options = baseline ?? new RecommendationOptions();
        return options with
        {
            Top = parse.Given(Top) ? parse.GetValue(Top) : options.Top,
            Mode = parse.Given(Mode) ? RecommendationOptions.ParseMode(parse.GetValue(Mode)!) : options.Mode,
            Cutoff = parse.Given(Cutoff) ? RecommendationOptions.ParseCutoff(parse.GetValue(Cutoff)!) : options.Cutoff,
            EvaluationCustomers = parse.Given(EvaluationCustomers) ? parse.GetValue(EvaluationCustomers) : options.EvaluationCustomers,
        };
    }
}
