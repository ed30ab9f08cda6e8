namespace Segmenta.Recommending;

/// <summary>
/// Fits the recommenders as of a reference day, each with the buy-again and discovery weights learned on the
/// validation split before it: features as of (reference day − 3 months − 1 day), labels from the purchases between
/// that day and the reference day. Nothing after the reference day is read. States are cached by day, so the final
/// fit (reference = last day) reuses the evaluation's training state as its validation state when the cut is the default.
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
            state = Build(day);
            _states[day] = state;
        }
        return state;
    }

    /// <summary>
    /// Builds the states and learns the weights the fits at <paramref name="referenceDays"/> will need, independent ones
    /// at the same time (each is a function of its day only, so the results do not depend on the order): the states'
    /// serial parts (the interactions, the Cholesky factor of EASE) and the weights of different days overlap.
    /// </summary>
    public void Prepare(params int[] referenceDays)
    {
        var days = referenceDays.SelectMany(d => ValidationDay(d) >= log.FirstDay ? [ValidationDay(d), d] : new[] { d })
            .Distinct().Where(d => !_states.ContainsKey(d)).Order().ToArray();
        var states = new (Interactions, TwoKindFeatures)[days.Length];
        Parallel.For(0, days.Length, i => states[i] = Build(days[i]));
        for (var i = 0; i < days.Length; i++)
        {
            _states[days[i]] = states[i];
        }
        var learn = referenceDays.Distinct().Where(d => !_calibrations.ContainsKey(d)).Order().ToArray();
        var calibrations = new TwoKindCalibration[learn.Length];
        Parallel.For(0, learn.Length, i => calibrations[i] = Learn(learn[i]));
        for (var i = 0; i < learn.Length; i++)
        {
            _calibrations[learn[i]] = calibrations[i];
        }
    }

    /// <summary>The weights learned on the validation split that ends on <paramref name="day"/> (the prior when there is no data before it).</summary>
    public TwoKindCalibration Calibration(int day)
    {
        if (!_calibrations.TryGetValue(day, out var calibration))
        {
            calibration = Learn(day);
            _calibrations[day] = calibration;
        }
        return calibration;
    }

    private (Interactions Data, TwoKindFeatures Features) Build(int day)
    {
        var data = Interactions.Build(log, day, options.RecencyHalfLifeDays);
        return (data, TwoKindFeatures.Fit(data, FittedRecommenders.ActiveProducts(data, options), options));
    }

    private TwoKindCalibration Learn(int day)
    {
        var validation = ValidationDay(day);
        return validation >= log.FirstDay ? TwoKindCalibration.Learn(State(validation).Features, day) : TwoKindCalibration.Prior;
    }

    public FittedRecommenders Fit(int day)
    {
        var calibration = Calibration(day);
        var (data, features) = State(day);
        return new FittedRecommenders(data, options, features, calibration);
    }
}
