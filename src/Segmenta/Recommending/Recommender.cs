using System.Diagnostics;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// The recommending stage: evaluates every recommender offline on a time split (the buy-again and discovery models
/// tuned on a validation split before the cut), fits the method of the chosen mode on all the data, and stores the
/// lists, the evaluation and the product rules.
/// </summary>
public static class Recommender
{
    /// <summary>Runs the stage on a store that holds cleaned lines (and, ideally, segments); writes the store tables.</summary>
    /// <remarks>
    /// DuckDB's memory limit is lowered while the stage computes (<see cref="EngineMemoryLease"/>), and the purchase log
    /// and fitted states, garbage once the lists are made (several GB at 100M lines), are handed back to the system
    /// before the tables are written, so that DuckDB's memory and the C# side's do not add up.
    /// </remarks>
    public static RecommendationResult Run(SegmentaStore store, RecommendationOptions options) => RunThen(store, options, alongsideSave: null);

    /// <summary>
    /// As <see cref="Run(SegmentaStore, RecommendationOptions)"/>, then <paramref name="alongsideSave"/> (a host writing the
    /// result's files): on another thread while the tables are written when the log is small
    /// (<see cref="ReferenceDayFits.FitsAtOnce"/>: the store's write is one thread, its checkpoint included), after them otherwise.
    /// <paramref name="segmentsNamed"/>, when given, is waited for once the purchases are read, before the segments are
    /// (<see cref="PurchaseLogLoader.Load"/>): a host may start the stage while the segments are still being named.
    /// </summary>
    internal static RecommendationResult RunThen(SegmentaStore store, RecommendationOptions options, Action<RecommendationResult>? alongsideSave, Action? segmentsNamed = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        RecommendationResult result;
        using (var lease = EngineMemoryLease.Lower(store))
        {
            result = Compute(store, options, lease.LowerAgain, segmentsNamed);
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var watch = Stopwatch.StartNew();
        var beside = alongsideSave is not null && ReferenceDayFits.FitsAtOnce(result.TrainingLines + result.TestLines) ? OwnThread.Start(() => alongsideSave(result)) : null;
        try
        {
            Save(store, result);
        }
        catch
        {
            // The files are not left half written by a thread that outlives the stage; the store's failure is the one reported.
            ((IAsyncResult?)beside)?.AsyncWaitHandle.WaitOne();
            throw;
        }
        var saved = result with { Timings = [.. result.Timings, new RecommendationTiming("Writing store tables", watch.Elapsed)] };
        if (beside is null)
        {
            alongsideSave?.Invoke(saved);
        }
        else
        {
            beside.GetAwaiter().GetResult();
        }
        return saved;
    }

    /// <summary>Evaluates, fits and recommends without writing anything but temporary tables (safe beside readers).</summary>
    public static RecommendationResult Compute(SegmentaStore store, RecommendationOptions options) => Compute(store, options, afterLoading: null);

    /// <summary>As <see cref="Compute(SegmentaStore, RecommendationOptions)"/>, calling <paramref name="afterLoading"/> once the purchase log is read.</summary>
    internal static RecommendationResult Compute(SegmentaStore store, RecommendationOptions options, Action? afterLoading, Action? segmentsNamed = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var timings = new List<RecommendationTiming>();
        var watch = Stopwatch.StartNew();
        T Step<T>(string name, Func<T> work)
        {
            watch.Restart();
            var value = work();
            timings.Add(new RecommendationTiming(name, watch.Elapsed));
            return value;
        }

        SegmentationKind? segmentation = null;
        var log = Step("Loading purchases", () => PurchaseLogLoader.Load(store, options, out segmentation, segmentsNamed: segmentsNamed));
        if (log.Lines == 0)
        {
            throw new SegmentaException((ServerLineFacts.Elsewhere(store) ? ServerLineFacts.KeptProducts(store) : store.Scalar<long>("SELECT count(stock_code) FROM clean_lines")) == 0
                ? "The lines name no product: recommendations need a product column (a code or a description); map it with --map product=COLUMN."
                : "There are no kept purchases of products to learn from: check the cleaning report.");
        }
        afterLoading?.Invoke();
        var method = options.ListMethod;
        var fits = new ReferenceDayFits(log, options, ReferenceDayFits.FitsAtOnce(log.Lines));
        // A small log: the final fit (and its product rules) runs beside the evaluation, sharing the cut's state with it;
        // a large one fits one day after another, one state alive at a time (ReferenceDayFits.AtOnceMaxLines).
        var final = fits.AtOnce ? OwnThread.Start(() => FitOnAllData(fits, log, method, withRules: true)) : null;
        EvaluationOutcome outcome;
        try
        {
            outcome = Step("Evaluating offline", () => RecommendationEvaluator.Evaluate(log, options, fits));
        }
        catch
        {
            // No fit is left running when the stage fails; the evaluation's failure is the one reported.
            ((IAsyncResult?)final)?.AsyncWaitHandle.WaitOne();
            throw;
        }
        if (final is null)
        {
            // The evaluation's states and scores die here: collected (and their memory handed back) before the final fit
            // builds its own, not after it (at 100M lines the process peaked at 12.2 GB there, 4 GB of it dead, session 14).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        var models = Step("Fitting on all data", () => final is null ? FitOnAllData(fits, log, method, withRules: false) : final.GetAwaiter().GetResult());
        var recommendations = Step("Recommending", () => RecommendAll(models, models[method], options.Top));
        var associations = Step("Frequently bought together", () => Associations(models, options));
        return new RecommendationResult(
            outcome.Cutoff, segmentation, outcome.Rows, outcome.Chosen, outcome.BestBaseline, outcome.Margin, method,
            log.Customers, log.Products, outcome.TrainingLines, outcome.TestLines, recommendations, associations, timings)
        {
            Options = options,
            AllItemsBaseline = outcome.AllItemsBaseline,
            AllItemsMarginOverBaseline = outcome.AllItemsMargin,
            CalibrationSummary = $"lists: {models.Calibration.Describe()}; evaluation: {outcome.Calibration.Describe()}",
            NewPicksChoices = NewPicksChoice.Of(outcome.Calibration, outcome.Cutoff, models.Calibration, PurchaseLog.ToDate(log.LastDay)),
        };
    }

    /// <summary>The recommenders on all the data with the list method's ranker fitted (and the product rules, when <paramref name="withRules"/>).</summary>
    private static FittedRecommenders FitOnAllData(ReferenceDayFits fits, PurchaseLog log, RecommendationMethod method, bool withRules)
    {
        var fitted = fits.Fit(log.LastDay);
        _ = fitted[method];
        if (withRules)
        {
            _ = fitted.Rules;
        }
        return fitted;
    }

    /// <summary>Replaces the store tables recommendations, recommendation_evaluation, product_associations, recommendation_options and recommendation_new_picks.</summary>
    public static void Save(SegmentaStore store, RecommendationResult result) => RecommendationTables.Write(store, result);

    /// <summary>The options of the last stored run, or null when the store holds none (for hosts that re-run the stage).</summary>
    public static RecommendationOptions? StoredOptions(SegmentaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return RecommendationTables.StoredOptions(store);
    }

    /// <summary>
    /// One customer's list with reasons, fitted on all the data with the method the options name (by default the mode's).
    /// Throws when the customer has no purchases.
    /// </summary>
    public static IReadOnlyList<Recommendation> ForCustomer(SegmentaStore store, string customerId, RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var log = PurchaseLogLoader.Load(store, options, out _);
        var customer = Array.IndexOf(log.CustomerIds, customerId);
        if (customer < 0)
        {
            throw new SegmentaException($"Customer {customerId} has no kept purchases in the store {store.Path}; check the id (as in customers.csv).");
        }
        var method = options.ListMethod;
        var models = new ReferenceDayFits(log, options).Fit(log.LastDay);
        return Recommend(models, models[method], customer, new ScoringBuffer(log.Products), options.Top);
    }

    /// <summary>Customers whose lists are made at once (in parallel) before they join the compact list: ≈ 50 MB of records at a time.</summary>
    internal const int ListBatch = 16_384;

    /// <summary>Every customer's list, by customer then rank, made <see cref="ListBatch"/> customers at a time into a <see cref="RecommendationList"/>.</summary>
    internal static RecommendationList RecommendAll(FittedRecommenders models, IRanker ranker, int top, int batchSize = ListBatch)
    {
        var log = models.Data.Log;
        var all = new RecommendationList(log.CustomerIds, log.StockCodes, log.Descriptions, (int)Math.Min((long)log.Customers * Math.Min(top, log.Products), Array.MaxLength));
        var batch = new ListRow[Math.Min(batchSize, log.Customers)][];
        using var buffers = new ThreadLocal<ScoringBuffer>(() => new ScoringBuffer(log.Products));
        for (var first = 0; first < log.Customers; first += batchSize)
        {
            var count = Math.Min(batchSize, log.Customers - first);
            var from = first;
            Parallel.For(0, count, i => batch[i] = Rows(ranker, models.Data, from + i, buffers.Value!, top));
            for (var i = 0; i < count; i++)
            {
                for (var r = 0; r < batch[i].Length; r++)
                {
                    var row = batch[i][r];
                    all.Add(from + i, r + 1, row.Product, row.Score, row.Method, row.Reason, row.Kind);
                }
                batch[i] = [];
            }
        }
        return all;
    }

    private static List<Recommendation> Recommend(FittedRecommenders models, IRanker ranker, int customer, ScoringBuffer buffer, int top)
    {
        var log = models.Data.Log;
        return [.. Rows(ranker, models.Data, customer, buffer, top).Select((row, r) => new Recommendation(log.CustomerIds[customer], r + 1, log.StockCodes[row.Product],
            log.Descriptions[row.Product], row.Score, row.Method, row.Reason, row.Kind))];
    }

    /// <summary>One customer's list, best first.</summary>
    private static ListRow[] Rows(IRanker ranker, Interactions data, int customer, ScoringBuffer buffer, int top)
    {
        var picks = new Pick[top];
        buffer.Begin(data, customer);
        var newOnly = ranker.Method is not (RecommendationMethod.PastFavourites or RecommendationMethod.BuyAgain or RecommendationMethod.BuyAgainAndDiscovery);
        var n = ranker.Rank(customer, newOnly, picks, buffer);
        var rows = new ListRow[n];
        for (var r = 0; r < n; r++)
        {
            var pick = picks[r];
            rows[r] = new ListRow(pick.Product, pick.Score, pick.Source, ranker.Reason(pick), buffer.Knows(pick.Product) ? RecommendationKind.BuyAgain : RecommendationKind.New);
        }
        return rows;
    }

    private readonly record struct ListRow(int Product, double Score, RecommendationMethod Method, string Reason, RecommendationKind Kind);

    internal static List<ProductAssociation> Associations(FittedRecommenders models, RecommendationOptions options)
    {
        var data = models.Data;
        var log = data.Log;
        var orders = new int[data.Products];
        foreach (var p in data.BasketItems)
        {
            orders[p]++;
        }
        var rules = models.Rules;
        var result = new List<ProductAssociation>();
        double baskets = data.Baskets;
        for (var i = 0; i < data.Products; i++)
        {
            for (var e = rules.Start[i]; e < Math.Min(rules.Start[i + 1], rules.Start[i] + options.RulesPerProduct); e++)
            {
                var j = rules.Item[e];
                var together = rules.Count[e];
                var confidence = (double)together / orders[i];
                result.Add(new ProductAssociation(log.StockCodes[i], log.Descriptions[i], e - rules.Start[i] + 1, log.StockCodes[j], log.Descriptions[j],
                    together, together / baskets, confidence, confidence / (orders[j] / baskets)));
            }
        }
        return result;
    }
}
