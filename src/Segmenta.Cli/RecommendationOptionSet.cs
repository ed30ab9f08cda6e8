using System.CommandLine;
using System.Globalization;
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

    internal Option<bool> Skip { get; } = new("--no-recommendations") { Description = "Skip product recommendations and their evaluation." };

    internal void AddTo(Command command, bool withSkip)
    {
        command.Add(Top);
        command.Add(Cutoff);
        Mode.AcceptOnlyFromAmong("both", "buy-again", "discover");
        command.Add(Mode);
        if (withSkip)
        {
            command.Add(Skip);
        }
    }

    /// <summary>The options, or null with --no-recommendations; <paramref name="seed"/> is the command's --seed when it has one.</summary>
    internal RecommendationOptions? Read(ParseResult parse, int? seed = null) => parse.GetValue(Skip) ? null : new RecommendationOptions
    {
        Top = parse.GetValue(Top),
        Mode = parse.GetValue(Mode) switch
        {
            "buy-again" => RecommendationMode.BuyAgain,
            "discover" => RecommendationMode.Discover,
            _ => RecommendationMode.Both,
        },
        Seed = seed ?? new RecommendationOptions().Seed,
        Cutoff = parse.GetValue(Cutoff) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new SegmentaException($"--cutoff {text}: expected a date as yyyy-MM-dd, for example 2011-09-08.")
            : null,
    };
}
