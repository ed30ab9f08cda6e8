namespace Segmenta.Lifetime;

/// <summary>Settings of the lifetime-value stage.</summary>
public sealed record LifetimeOptions
{
    /// <summary>
    /// The counting model used for predictions. Default: <see cref="ModelChoice.BgNbd"/> (the fastest fit);
    /// <see cref="ModelChoice.Auto"/> also fits Pareto/NBD (its likelihood sums 2F1 series) and MBG/NBD.
    /// </summary>
    public ModelChoice Model { get; init; } = ModelChoice.BgNbd;

    /// <summary>
    /// Last day (inclusive) of the calibration period; the days after it up to <see cref="ObservationEnd"/> are the
    /// holdout the models are validated on. Null = no holdout.
    /// </summary>
    public DateOnly? CalibrationEnd { get; init; }

    /// <summary>Last day (inclusive) of the data the models see; null = the last purchase day in the data.</summary>
    public DateOnly? ObservationEnd { get; init; }

    /// <summary>Prediction horizons in days. Default: 90, 180, 365.</summary>
    public IReadOnlyList<int> HorizonDays { get; init; } = [90, 180, 365];

    /// <summary>
    /// Horizon in days of the churn-risk tier: the tier reads the model's probability of no purchase within it
    /// (<see cref="ChurnRiskTiers"/>). Default: 90 (a quarter, about the UCI holdout's 13 weeks it is validated on).
    /// </summary>
    public int ChurnHorizonDays { get; init; } = 90;

    /// <summary>Time unit of the models. Default: weeks (purchases are rarely more frequent; the fits are better scaled).</summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Weeks;

    /// <summary>Annual discount rate of future spend in the CLV (0.1 = 10 % a year). Default: 0.1.</summary>
    public double DiscountRate { get; init; } = 0.1;

    /// <summary>Optimiser starts per model (the first from moments, the others random around it). Default: 3.</summary>
    public int Starts { get; init; } = 3;

    /// <summary>Seed of the random starts.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Checks the values; the message names the property.</summary>
    public LifetimeOptions Validated()
    {
        if (HorizonDays.Count == 0 || HorizonDays.Any(h => h <= 0 || h > 36_500))
        {
            throw new InvalidOptionException($"Lifetime.{nameof(HorizonDays)}", "give one or more horizons in days between 1 and 36500, for example 90,180,365.");
        }
        if (ChurnHorizonDays is <= 0 or > 36_500)
        {
            throw new InvalidOptionException($"Lifetime.{nameof(ChurnHorizonDays)}", $"{ChurnHorizonDays}: give the churn horizon in days between 1 and 36500, for example 90.");
        }
        if (!double.IsFinite(DiscountRate) || DiscountRate < 0 || DiscountRate >= 10)
        {
            throw new InvalidOptionException($"Lifetime.{nameof(DiscountRate)}", $"{DiscountRate}: give an annual rate between 0 and 10, for example 0.1 for 10 %.");
        }
        if (Starts is < 1 or > 100)
        {
            throw new InvalidOptionException($"Lifetime.{nameof(Starts)}", $"{Starts}: give between 1 and 100 optimiser starts.");
        }
        if (CalibrationEnd is { } calibration && ObservationEnd is { } observation && calibration >= observation)
        {
            throw new InvalidOptionException($"Lifetime.{nameof(CalibrationEnd)}", $"{calibration:yyyy-MM-dd} is not before the end of the data {observation:yyyy-MM-dd}: choose an earlier calibration end.");
        }
        return this;
    }

    internal double UnitDays => TimeUnit == TimeUnit.Weeks ? 7 : 1;
}
