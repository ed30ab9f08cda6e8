using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>
/// The lifetime-value stage: summarises each customer's purchases in SQL, fits the counting models and the spend model,
/// validates them on a holdout when a calibration end is given, predicts per customer and stores the results.
/// </summary>
public static class LifetimeStage
{
    private static readonly CountingModelKind[] AllKinds = [CountingModelKind.BgNbd, CountingModelKind.ParetoNbd, CountingModelKind.MbgNbd];

    /// <summary>Runs the stage on the store's clean lines and saves its tables.</summary>
    public static LifetimeResult Run(SegmentaStore store, LifetimeOptions options) => Run(store, options, elsewhere: null);

    /// <summary>As the public overload; with <paramref name="elsewhere"/>, the customers' summaries are made where the lines are (the PostgreSQL engine).</summary>
    internal static LifetimeResult Run(SegmentaStore store, LifetimeOptions options, ILifetimeLines? elsewhere)
    {
        var (first, last) = elsewhere?.PurchaseDates() ?? PurchaseDates(store);
        var lastDay = last ?? throw new SegmentaException("There are no clean purchases to model lifetime value on: import and clean a file first.");
        var firstDay = DateOnly.FromDateTime(first!.Value);
        options = (options with { ObservationEnd = options.ObservationEnd ?? DateOnly.FromDateTime(lastDay) }).Validated();
        var observationEnd = options.ObservationEnd!.Value;
        if (options.CalibrationEnd is { } early && early < firstDay)
        {
            throw new SegmentaException($"{nameof(LifetimeOptions.CalibrationEnd)} {early:yyyy-MM-dd} is before the first purchase ({firstDay:yyyy-MM-dd}): choose a later calibration end.");
        }
        var kinds = options.Model switch
        {
            ModelChoice.BgNbd => [CountingModelKind.BgNbd],
            ModelChoice.ParetoNbd => [CountingModelKind.ParetoNbd],
            ModelChoice.MbgNbd => [CountingModelKind.MbgNbd],
            _ => AllKinds,
        };
        var fits = new List<PeriodFit>();
        var holdout = new List<HoldoutRow>();
        var churnHoldout = new List<ChurnHoldoutRow>();
        List<TrackingPoint>? tracking = null;
        var notes = new List<string>();
        CountingModelKind? chosen = null;
        var reason = options.Model == ModelChoice.Auto ? "" : "chosen by the Model option";
        if (options.CalibrationEnd is { } calibrationEnd)
        {
            var calibration = CustomerSummary.Build(store, calibrationEnd, observationEnd, options.UnitDays, elsewhere);
            var rows = calibration.Rows();
            var length = (observationEnd.DayNumber - calibrationEnd.DayNumber) / options.UnitDays;
            // The candidate models are independent: fitted (and tested on the holdout) at the same time, kept in model order.
            var candidates = FitAll(kinds, k =>
            {
                var fit = ModelFitter.FitCounting(k, rows, options.Starts, options.Seed);
                return fit.CountingModel is { } model
                    ? (Fit: fit, Holdout: HoldoutValidation.Compute(fit.Name, model, calibration, length), Churn: ChurnHoldout.Compute(fit.Name, model, calibration, length))
                    : (Fit: fit, Holdout: new List<HoldoutRow>(), Churn: new List<ChurnHoldoutRow>());
            });
            var calibrationFits = kinds.Select((k, i) => (Kind: k, candidates[i].Fit)).ToList();
            holdout.AddRange(candidates.SelectMany(t => t.Holdout));
            churnHoldout.AddRange(candidates.SelectMany(t => t.Churn));
            // The holdout is the test: choosing on it would make the chosen model's holdout error an optimistic estimate.
            // Auto chooses on the calibration period alone (every model has four parameters, so the highest likelihood is
            // also the best AIC and BIC); the holdout then checks that choice out of sample.
            var best = calibrationFits.Where(f => f.Fit.CountingModel is not null).OrderByDescending(f => f.Fit.LogLikelihood).FirstOrDefault();
            if (best.Fit is not null && options.Model == ModelChoice.Auto)
            {
                chosen = best.Kind;
                reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"highest log-likelihood on the calibration period ({best.Fit.LogLikelihood:0.##}; every model has four parameters), tested on the holdout");
            }
            fits.AddRange(calibrationFits.Select(f => new PeriodFit("calibration", f.Fit, false)));
            // The tracking chart shows the calibration fit of the model the predictions use: the holdout weeks are its forecast.
            if (calibrationFits.First(f => f.Kind == (chosen ?? kinds[0])).Fit.CountingModel is { } tracked)
            {
                tracking = TrackingCurve.Compute(store, tracked, observationEnd, options.UnitDays, elsewhere is not null);
            }
        }
        var summary = CustomerSummary.Build(store, observationEnd, observationEnd, options.UnitDays, elsewhere);
        var fullRows = summary.Rows();
        var fullKinds = chosen is { } picked ? [picked] : kinds;
        var fullFits = FitAll(fullKinds, k => ModelFitter.FitCounting(k, fullRows, options.Starts, options.Seed)).ToList();
        foreach (var failed in fits.Select(f => f.Fit).Concat(fullFits).Where(f => !f.Converged))
        {
            notes.Add($"The {failed.Name} fit did not converge ({failed.Problem}); it is reported but not used.");
        }
        foreach (var edge in fits.Select(f => f.Fit).Concat(fullFits).Where(f => f.AtBoundary))
        {
            notes.Add(edge.Parameters.Any(p => p.Value < MaximumLikelihood.BoundaryValue)
                ? $"The {edge.Name} fit has its maximum on the boundary ({string.Join(", ", edge.Parameters.Where(p => p.Value < MaximumLikelihood.BoundaryValue).Select(p => p.Name))} at 0): the data show no dropout this model can identify."
                : $"The {edge.Name} fit has its maximum on the boundary (s and beta grow together): every customer drops out at the same rate s/beta, whose heterogeneity the data cannot identify.");
        }
        if (holdout.FirstOrDefault(h => h.FrequencyGroup == "total" && h.Model == ModelFitter.NameOf(chosen ?? kinds[0])) is { } tested)
        {
            notes.Add(HoldoutValidation.Verdict(tested));
        }
        if (ChurnVerdict(churnHoldout, ModelFitter.NameOf(chosen ?? kinds[0]), options.CalibrationEnd) is { } churnVerdict)
        {
            notes.Add(churnVerdict);
        }
        var usable = fullFits.Where(f => f.CountingModel is not null).OrderByDescending(f => f.LogLikelihood).FirstOrDefault()
            ?? throw new SegmentaException($"No lifetime model could be fitted: {string.Join("; ", fullFits.Select(f => $"{f.Name}: {f.Problem}"))}.");
        // Without a holdout the chart shows the fit on all the data (in-sample).
        tracking ??= TrackingCurve.Compute(store, usable.CountingModel!, observationEnd, options.UnitDays, elsewhere is not null);
        if (chosen is null && options.Model == ModelChoice.Auto)
        {
            reason = "highest log-likelihood (every model has four parameters)";
        }
        // Without an amount in the file there is no spend to model: the counting models still give purchases and P(alive).
        var spend = Loading.LoadedAmounts.Known(store) ? ModelFitter.FitSpend(summary.SpendPurchases, summary.SpendMean, options.Starts, options.Seed) : null;
        if (spend is null)
        {
            notes.Add("No amount in this file: the gamma-gamma spend model is skipped; expected purchases and P(alive) are given, expected spend and CLV are empty.");
        }
        else if (!spend.Converged)
        {
            notes.Add($"The gamma-gamma spend fit did not converge ({spend.Problem}); expected spend and CLV are left empty.");
        }
        else if (spend.SpendModel!.PopulationMeanSpend is null)
        {
            notes.Add("The gamma-gamma fit has q <= 1 (mean spend undefined); expected spend and CLV are left empty.");
        }
        var correlation = spend is null ? null : SpendFrequencyCorrelation(summary);
        if (correlation is { } r && Math.Abs(r) > 0.3)
        {
            notes.Add($"Repeat purchases and spend per purchase are correlated (r = {r:0.00}); the gamma-gamma model assumes they are not, so expected spend is less reliable.");
        }
        fits.AddRange(fullFits.Select(f => new PeriodFit("all", f, f == usable)));
        if (spend is not null)
        {
            fits.Add(new PeriodFit("all", spend, spend.Converged));
        }
        var customers = ValuePredictor.Predict(summary, usable.CountingModel!, spend?.SpendModel, options);
        var result = new LifetimeResult
        {
            Options = options,
            Fits = fits,
            Chosen = usable.CountingModel!.Kind,
            ChoiceReason = reason,
            Holdout = holdout,
            ChurnHoldout = churnHoldout,
            Tracking = tracking,
            SpendFrequencyCorrelation = correlation,
            Customers = customers,
            Notes = notes,
        };
        LifetimeTables.Save(store, result);
        return result;
    }

    /// <summary>The first and last purchase of the kept lines, in one read of them (each read of clean_lines scans every line).</summary>
    private static (DateTime? First, DateTime? Last) PurchaseDates(SegmentaStore store) =>
        store.Query("SELECT min(invoice_date), max(invoice_date) FROM clean_lines",
            r => (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1)))[0];

    /// <summary>
    /// Runs <paramref name="fit"/> for every model, at the same time when there are several (each fit is sequential and
    /// deterministic, so the results do not depend on the scheduling), and returns them in the order of the models.
    /// </summary>
    private static T[] FitAll<T>(CountingModelKind[] kinds, Func<CountingModelKind, T> fit)
    {
        var results = new T[kinds.Length];
        if (kinds.Length == 1)
        {
            results[0] = fit(kinds[0]);
            return results;
        }
        try
        {
            Parallel.For(0, kinds.Length, i => results[i] = fit(kinds[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first model's failure, as the sequential loop would have thrown it (e.g. a SegmentaException).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }

    /// <summary>
    /// The churn tiers' holdout check in words for <paramref name="model"/>: the share of each model tier that bought in the
    /// holdout, and the AUC of the model's ranking against recency alone. Null without a holdout.
    /// </summary>
    internal static string? ChurnVerdict(IReadOnlyList<ChurnHoldoutRow> rows, string model, DateOnly? calibrationEnd)
    {
        var mine = rows.Where(r => r.Model == model).ToList();
        if (mine.Count == 0 || calibrationEnd is null)
        {
            return null;
        }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var shares = string.Join(", ", mine.Where(r => r.Ranking == "model" && r.Tier != "total")
            .Select(r => string.Create(inv, $"{r.Tier} {r.Buyers}/{r.Customers}{(r.BuyerShare is { } s ? $" ({s:0.0%})" : "")}")));
        double? Auc(string ranking) => mine.FirstOrDefault(r => r.Ranking == ranking && r.Tier == "total")?.Auc;
        return string.Create(inv, $"Churn tiers on the holdout ({model}, tiered by the probability of no purchase over the holdout's length at the calibration end {calibrationEnd:yyyy-MM-dd}): customers who bought again per tier {shares}; AUC of non-buyers ranked at higher risk {Auc("model"):0.000} by the model against {Auc("recency"):0.000} by recency alone (clv-churn-holdout.csv).");
    }

    private static double? SpendFrequencyCorrelation(CustomerSummary summary)
    {
        var pairs = Enumerable.Range(0, summary.Count).Where(i => summary.SpendPurchases[i] >= 1).Select(i => (summary.SpendPurchases[i], summary.SpendMean[i])).ToList();
        if (pairs.Count < 3)
        {
            return null;
        }
        var r = MathNet.Numerics.Statistics.Correlation.Pearson(pairs.Select(p => p.Item1), pairs.Select(p => p.Item2));
        return double.IsFinite(r) ? r : null;
    }
}
