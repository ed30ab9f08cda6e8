using System.CommandLine;
using System.Globalization;
using Segmenta.Lifetime;

namespace Segmenta.Cli;

/// <summary>The lifetime-value options shared by analyze and clv.</summary>
internal sealed class LifetimeOptionSet
{
    internal Option<string> Model { get; } = new("--model")
    {
        Description = "Counting model: bgnbd, pareto-nbd, mbgnbd, or auto (fit all three; keep the highest log-likelihood, on the calibration period when there is a holdout; Pareto/NBD takes seconds).",
        DefaultValueFactory = _ => "bgnbd",
    };

    internal Option<string?> CalibrationEnd { get; } = new("--calibration-end")
    {
        Description = "Last day (yyyy-MM-dd) of the calibration period; the models are validated on the days after it (writes clv-holdout.csv).",
    };

    internal Option<string> Horizon { get; } = new("--horizon")
    {
        Description = "Prediction horizons in days, comma-separated.",
        DefaultValueFactory = _ => "90,180,365",
    };

    internal Option<int> ChurnHorizon { get; } = new("--churn-horizon")
    {
        Description = "Horizon in days of the churn-risk tier: the model's probability of no purchase within it, at most 0.3 low, at most 0.7 medium, above high.",
        DefaultValueFactory = _ => 90,
    };

    internal Option<string> TimeUnit { get; } = new("--time-unit")
    {
        Description = "Time unit of the models: days or weeks.",
        DefaultValueFactory = _ => "weeks",
    };

    internal Option<double> DiscountRate { get; } = new("--discount-rate")
    {
        Description = "Annual discount rate of future spend in the CLV (0.1 = 10 %).",
        DefaultValueFactory = _ => 0.1,
    };

    internal void AddTo(Command command)
    {
        Model.AcceptOnlyFromAmong("auto", "bgnbd", "pareto-nbd", "mbgnbd");
        TimeUnit.AcceptOnlyFromAmong("days", "weeks");
        command.Add(Model);
        command.Add(CalibrationEnd);
        command.Add(Horizon);
        command.Add(ChurnHorizon);
        command.Add(TimeUnit);
        command.Add(DiscountRate);
    }

    internal LifetimeOptions Read(ParseResult parse) => new LifetimeOptions
    {
        Model = parse.GetValue(Model) switch
        {
            "bgnbd" => ModelChoice.BgNbd,
            "pareto-nbd" => ModelChoice.ParetoNbd,
            "mbgnbd" => ModelChoice.MbgNbd,
            _ => ModelChoice.Auto,
        },
        CalibrationEnd = parse.GetValue(CalibrationEnd) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new InvalidOptionException("Lifetime.CalibrationEnd", $"{text}: expected a date as yyyy-MM-dd, for example 2011-09-09.")
            : null,
        HorizonDays = ParseHorizons(parse.GetValue(Horizon)!),
        ChurnHorizonDays = parse.GetValue(ChurnHorizon),
        TimeUnit = parse.GetValue(TimeUnit) == "days" ? Lifetime.TimeUnit.Days : Lifetime.TimeUnit.Weeks,
        DiscountRate = parse.GetValue(DiscountRate),
    }.Validated();

    private static int[] ParseHorizons(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var horizons = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out horizons[i]))
            {
                throw new InvalidOptionException("Lifetime.HorizonDays", $"{text}: expected whole numbers of days separated by commas, for example 90,180,365.");
            }
        }
        return horizons;
    }
}
