using System.CommandLine;
using System.Globalization;
using Segmenta.Recommending;

namespace Segmenta.Cli;

/// <summary>The recommendation options, shared by analyze and recommend.</summary>
internal sealed class RecommendationOptionSet
{
    internal Option<int> Top { get; } = new("--top") { Description = "Recommendations per customer.", DefaultValueFactory = _ => 10 };

    internal Option<string?> Cutoff { get; } = new("--cutoff") { Description = "Last day of the training data for the offline evaluation (yyyy-MM-dd). Default: 3 months before the last sale." };

    internal Option<bool> Skip { get; } = new("--no-recommendations") { Description = "Skip product recommendations and their evaluation." };

    internal void AddTo(Command command, bool withSkip)
    {
        command.Add(Top);
        command.Add(Cutoff);
        if (withSkip)
        {
            command.Add(Skip);
        }
    }

    internal RecommendationOptions? Read(ParseResult parse) => parse.GetValue(Skip) ? null : new RecommendationOptions
    {
        Top = parse.GetValue(Top),
        Cutoff = parse.GetValue(Cutoff) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new SegmentaException($"--cutoff {text}: expected a date as yyyy-MM-dd, for example 2011-09-08.")
            : null,
    };
}
