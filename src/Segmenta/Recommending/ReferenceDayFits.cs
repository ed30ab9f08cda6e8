using System.Diagnostics.CodeAnalysis;

namespace Segmenta.Recommending;

/// <summary>
/// Fits the recommenders as of a reference day, each with the buy-again and discovery weights learned on the
/// validation split before it: features as of (reference day − 3 months − 1 day), labels from the purchases between
/// that day and the reference day. Nothing after the reference day is read. States are cached by day, so the final
/// fit (reference = last day) reuses the evaluation's training state as its validation state when the cut is the default;
/// a state is dropped from the cache once weights were learned on it (a validation state is used once), so one
/// state is alive at a time instead of three by the end (memory grows with the lines: ≈ 300 MB a state at 10M lines).
/// A state asked for again after that is rebuilt, identically. Weights are cached by day.
/// <para>
/// <see cref="AtOnce"/> (a small log, <see cref="FitsAtOnce"/>): fits at several days may be asked for from several
/// threads at once (the evaluation's and the final fit, the stage runs them side by side); each state and each set of
/// weights is then computed once, by the first thread that asks, while the others wait for it, and no state is dropped.
/// The models are the same either way: every fit reads only the log and the states it is given.
/// </para>
/// </summary>
internal sealed class ReferenceDayFits(PurchaseLog log, RecommendationOptions options, bool atOnce = false)
{
    /// <summary>
    /// Purchase lines up to which the stage fits side by side (<see cref="FitsAtOnce"/>). A state is ≈ 30 MB per million
    /// lines, and fitting at once keeps up to four of them alive instead of one: ≈ 100 MB more at this size, in a run
    /// whose peak is several hundred MB. Above it (10M lines: ≈ 1 GB more; 100M: several GB, session 13) the fits run
    /// one after another, one state alive at a time, as they always did.
    /// </summary>
    internal const int AtOnceMaxLines = 1_000_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, Lazy<(Interactions Data, TwoKindFeatures Features)>> _states = [];
    private readonly Dictionary<int, Lazy<TwoKindCalibration>> _calibrations = [];

    /// <summary>Whether the fits of a log of <paramref name="lines"/> purchase lines run side by side (at most <see cref="AtOnceMaxLines"/>).</summary>
    internal static bool FitsAtOnce(int lines) => lines <= AtOnceMaxLines;

    /// <summary>Fits may be asked for from several threads at once, and states are kept (see the class remarks).</summary>
    public bool AtOnce => atOnce;

    /// <summary>The first day after the validation features: three calendar months (and a day) before the reference day.</summary>
    public static int ValidationDay(int referenceDay) => PurchaseLog.ToDay(PurchaseLog.ToDate(referenceDay).AddMonths(-3).AddDays(-1));

    public (Interactions Data, TwoKindFeatures Features) State(int day) => Cached(_states, day, () =>
    {
        var data = Interactions.Build(log, day, options.RecencyHalfLifeDays);
        return (data, TwoKindFeatures.Fit(data, FittedRecommenders.ActiveProducts(data, options), options));
    });

    /// <summary>The weights learned on the validation split that ends on <paramref name="day"/> (the prior when there is no data before it).</summary>
    public TwoKindCalibration Calibration(int day) => Cached(_calibrations, day, () =>
    {
        var validation = ValidationDay(day);
        if (validation < log.FirstDay)
        {
            return TwoKindCalibration.Prior;
        }
        var calibration = TwoKindCalibration.Learn(State(validation).Features, day, options);
        if (!atOnce)
        {
            lock (_gate)
            {
                _states.Remove(validation);
            }
        }
        return calibration;
    });

    public FittedRecommenders Fit(int day)
    {
        var calibration = Calibration(day);
        var (data, features) = State(day);
        return new FittedRecommenders(data, options, features, calibration);
    }

    /// <summary>The value cached for <paramref name="day"/>, computed by the first caller (the others wait for it, outside the lock).</summary>
    /// <remarks>T carries Lazy&lt;T&gt;'s own trimming annotation (its parameterless-constructor mode is never used here), so
    /// the native build (docs/decisions.md 96) sees no trimming warning.</remarks>
    private T Cached<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(Dictionary<int, Lazy<T>> cache, int day, Func<T> compute)
    {
        Lazy<T>? value;
        lock (_gate)
        {
            if (!cache.TryGetValue(day, out value))
            {
                value = new Lazy<T>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
                cache[day] = value;
            }
        }
        return value.Value;
    }
}
