namespace Segmenta.Recommending;

/// <summary>
/// Fits the recommenders as of a reference day, each with the buy-again and discovery weights learned on the
/// validation split before it: features as of (reference day − 3 months − 1 day), labels from the purchases between
/// that day and the reference day. Nothing after the reference day is read. States are cached by day, so the final
/// fit (reference = last day) reuses the evaluation's training state as its validation state when the cut is the default;
/// a state is dropped from the cache once weights were learned on it (a validation state is used once), so one
/// state is alive at a time instead of three by the end (memory grows with the lines: ≈ 300 MB a state at 10M lines).
/// A state asked for again after that is rebuilt, identically. Weights are cached by day.
/// </summary>
internal sealed class ReferenceDayFits(PurchaseLog log, RecommendationOptions options)
{
    private readonly Dictionary<int, (Interactions Data, TwoKindFeatures Features)> _states = [];
    private readonly Dictionary<int, TwoKindCalibration> _calibrations = [];

    /// <summary>The first day after the validation features: three calendar months (and a day) before the reference day.</summary>
    public static int ValidationDay(int referenceDay) => PurchaseLog.ToDay(PurchaseLog.ToDate(referenceDay).AddMonths(-3).AddDays(-1));

    public (Interactions Data, TwoKindFeatures Features) State(int day)
    {
        if (!_states.TryGetValue(day, out var state))
        {
            var data = Interactions.Build(log, day, options.RecencyHalfLifeDays);
            state = (data, TwoKindFeatures.Fit(data, FittedRecommenders.ActiveProducts(data, options), options));
            _states[day] = state;
        }
        return state;
    }

    /// <summary>The weights learned on the validation split that ends on <paramref name="day"/> (the prior when there is no data before it).</summary>
    public TwoKindCalibration Calibration(int day)
    {
        if (_calibrations.TryGetValue(day, out var calibration))
        {
            return calibration;
        }
        var validation = ValidationDay(day);
        if (validation >= log.FirstDay)
        {
            calibration = TwoKindCalibration.Learn(State(validation).Features, day, options);
            _states.Remove(validation);
        }
        else
        {
            calibration = TwoKindCalibration.Prior;
        }
        _calibrations[day] = calibration;
        return calibration;
    }

    public FittedRecommenders Fit(int day)
    {
        var calibration = Calibration(day);
        var (data, features) = State(day);
        return new FittedRecommenders(data, options, features, calibration);
    }
}
